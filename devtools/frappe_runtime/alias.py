"""`frappe` as an alias of `monoframe`, and the compatibility patches applied when it loads."""

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys

ALIAS, REAL = "frappe", "monoframe"


class _AliasLoader(importlib.abc.Loader):
	def __init__(self, real_name: str):
		self.real_name = real_name

	def create_module(self, spec):
		return importlib.import_module(self.real_name)

	def exec_module(self, module):
		# the import system overwrote __spec__ with the alias spec: give the module its own back
		module.__spec__ = self.real_spec


class _PatchingLoader(importlib.abc.Loader):
	"""Loads `monoframe` normally, then applies the compatibility patches once."""

	def __init__(self, wrapped):
		self.wrapped = wrapped

	def create_module(self, spec):
		return self.wrapped.create_module(spec)

	def exec_module(self, module):
		self.wrapped.exec_module(module)
		from frappe_runtime import patches

		patches.apply(module)


class _AliasFinder(importlib.abc.MetaPathFinder):
	def find_spec(self, fullname, path=None, target=None):
		if fullname == REAL:
			spec = importlib.machinery.PathFinder.find_spec(fullname, path)
			if spec is not None:
				spec.loader = _PatchingLoader(spec.loader)
			return spec
		if fullname != ALIAS and not fullname.startswith(ALIAS + "."):
			return None
		real_name = REAL + fullname[len(ALIAS) :]
		real_module = importlib.import_module(real_name)
		loader = _AliasLoader(real_name)
		loader.real_spec = real_module.__spec__
		is_package = hasattr(real_module, "__path__")
		spec = importlib.machinery.ModuleSpec(fullname, loader, is_package=is_package)
		if is_package:
			spec.submodule_search_locations = list(real_module.__path__)
		return spec


def install() -> None:
	if not any(isinstance(f, _AliasFinder) for f in sys.meta_path):
		sys.meta_path.insert(0, _AliasFinder())
