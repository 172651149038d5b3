"""Patches that make single-app `monoframe` behave like a Frappe bench with extra apps.

Each function below replaces one monoframe function that hard-codes the framework as the only
app, with the behaviour real Frappe has. `apply()` runs once, right after `monoframe` loads.
"""

import json
import os
import sys
import types

from frappe_runtime import apps

FRAMEWORK = "monoframe"


def apply(mf) -> None:
	_patch_app_registry(mf)
	_patch_init(mf)
	_patch_config()
	_provide_missing_test_generators()
	_replace_stub_get_pdf()


# --- apps, modules and hooks ------------------------------------------------------------------


def _patch_app_registry(mf) -> None:
	def get_all_apps(with_internal_apps=True, sites_path=None):
		return [FRAMEWORK, *apps()]

	def get_installed_apps(*, _ensure_on_bench=False):
		if getattr(mf.flags, "in_install_db", True) or not getattr(mf.local, "db", None):
			return []
		installed = json.loads(mf.db.get_global("installed_apps") or "[]")
		if _ensure_on_bench:
			installed = [app for app in installed if app in get_all_apps()]
		return installed

	def get_app_path(app_name, *joins):
		return mf.get_pymodule_path(app_name or FRAMEWORK, *joins)

	def get_app_source_path(app_name, *joins):
		return mf.get_pymodule_path(app_name or FRAMEWORK, "..", *joins)

	def get_module_list(app_name=FRAMEWORK):
		return mf.get_file_items(get_app_path(app_name, "modules.txt"))

	def load_app_hooks(app_name=None):
		hooks = {}
		for app in [app_name] if app_name else get_installed_apps(_ensure_on_bench=True):
			try:
				app_hooks = mf.get_module(f"{app}.hooks")
			except ImportError:
				if mf.local.flags.in_install_app:
					continue
				raise
			for key, value in vars(app_hooks).items():
				if key.startswith("_") or isinstance(value, types.ModuleType | types.FunctionType | type):
					continue
				mf.append_hook(hooks, key, value)
		return hooks

	def get_hooks(hook=None, default="_KEEP_DEFAULT_LIST", app_name=None):
		if app_name:
			hooks = mf._dict(load_app_hooks(app_name))
		elif mf.local.conf.developer_mode:
			hooks = mf._site_cached_load_app_hooks()
		else:
			hooks = mf.client_cache.get_value("app_hooks")
			if hooks is None:
				hooks = load_app_hooks()
				mf.client_cache.set_value("app_hooks", hooks)
		if hook:
			return hooks.get(hook, ([] if default == "_KEEP_DEFAULT_LIST" else default))
		return mf._dict(hooks)

	def setup_module_map(include_all_apps=True):
		app_modules = mf.cache.get_value("app_modules")
		if not app_modules:
			app_modules = {app: [mf.scrub(m) for m in get_module_list(app)] for app in get_all_apps()}
			mf.cache.set_value("app_modules", app_modules)
		mf.local.app_modules = app_modules
		mf.local.module_app = {m: app for app, modules in app_modules.items() for m in modules}

	mf.get_all_apps = get_all_apps
	mf.get_installed_apps = get_installed_apps
	mf.get_app_path = get_app_path
	mf.get_app_source_path = get_app_source_path
	mf.get_module_list = get_module_list
	mf._load_app_hooks = load_app_hooks
	mf._request_cached_load_app_hooks = mf.request_cache(load_app_hooks)
	mf._site_cached_load_app_hooks = mf.site_cache(load_app_hooks)
	mf.get_hooks = get_hooks
	mf.setup_module_map = setup_module_map

	import monoframe.installer
	import monoframe.model.sync
	import monoframe.patches

	from frappe_runtime import install

	def sync_all(force=0, reset_permissions=False):
		monoframe.patches._patch_mode(True)
		for app in get_installed_apps():
			monoframe.model.sync.sync_for(app, force, reset_permissions=reset_permissions)
		monoframe.patches._patch_mode(False)
		mf.clear_cache()

	def get_all_patches(patch_type=None):
		patches = []
		for app in get_installed_apps():
			patches.extend(monoframe.patches.get_patches_from_app(app, patch_type=patch_type))
		return patches

	monoframe.model.sync.sync_all = sync_all
	monoframe.patches.get_all_patches = get_all_patches
	monoframe.installer.install_app = install.install_app
	monoframe.installer.add_to_installed_apps = install.add_to_installed_apps


# --- per-process state ------------------------------------------------------------------------


def _patch_init(mf) -> None:
	original_init = mf.init

	def init(force=False):
		original_init(force=force)
		# monoframe never names the site; Jinja filters and file paths need it
		mf.local.site = mf.local.conf.get("db_name") or FRAMEWORK

	mf.init = init


def _patch_config() -> None:
	"""Merge the site's site_config.json (encryption key, admin password...) into the config.

	monoframe writes it on site creation but reads only the environment, so each process would
	otherwise invent its own encryption key and API tokens would not decrypt.
	"""
	import monoframe.config

	load_from_environment = monoframe.config._load_config

	def load_config():
		config = load_from_environment()
		site_config_path = os.path.join(os.getcwd(), "site_config.json")
		if os.path.exists(site_config_path):
			with open(site_config_path) as f:
				for key, value in json.load(f).items():
					if key == "encryption_key" or not config.get(key):
						config[key] = value
		return config

	monoframe.config._load_config = load_config


def _provide_missing_test_generators() -> None:
	"""monoframe's after_install imports a test helper module that its wheel does not ship."""
	name = f"{FRAMEWORK}.tests.utils.generators"
	module = types.ModuleType(name)
	module._clear_test_log = lambda: None
	sys.modules.setdefault(name, module)


def _replace_stub_get_pdf() -> None:
	"""monoframe's `utils.pdf.get_pdf` is a stub that raises NotImplementedError; Frappe v15 renders the
	HTML with wkhtmltopdf through pdfkit. This does the same, with v15's default options (A4, 15 mm
	margins, UTF-8, print media, no JavaScript or local file access). As on a bench, a missing
	wkhtmltopdf surfaces as pdfkit's OSError."""
	import monoframe.utils.pdf

	def get_pdf(html, options=None, output=None):
		import pdfkit

		merged = {
			"page-size": "A4",
			"margin-top": "15mm",
			"margin-bottom": "15mm",
			"margin-left": "15mm",
			"margin-right": "15mm",
			"encoding": "UTF-8",
			"print-media-type": None,
			"background": None,
			"images": None,
			"quiet": None,
			"disable-javascript": "",
			"disable-local-file-access": "",
			"disable-smart-shrinking": "",
			**(options or {}),
		}
		return pdfkit.from_string(html, False, options=merged)

	monoframe.utils.pdf.get_pdf = get_pdf
