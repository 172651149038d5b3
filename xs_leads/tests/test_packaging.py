"""What a bench needs to install the app: consistent metadata, hooks, and Frappe's API only."""

import ast
import re
import runpy
import sys
import types
import unittest
from pathlib import Path
from unittest import mock

APP_ROOT = Path(__file__).resolve().parents[1]
REPO_ROOT = APP_ROOT.parent


class TestPackaging(unittest.TestCase):
	def test_setup_py_agrees_with_pyproject(self):
		pyproject = (REPO_ROOT / "pyproject.toml").read_text()
		block = pyproject.split("\ndependencies = [", 1)[1].split("]", 1)[0]
		declared = re.findall(r'^\s*"([^"]+)"', block, re.MULTILINE)
		for package in ("vobject", "openpyxl", "rapidfuzz", "python-stdnum", "phonenumbers"):
			self.assertTrue(any(d.startswith(package) for d in declared), package)

		captured = {}
		fake_setuptools = types.ModuleType("setuptools")
		fake_setuptools.setup = captured.update
		fake_setuptools.find_packages = lambda **kwargs: ["xs_leads"]
		with mock.patch.dict(sys.modules, {"setuptools": fake_setuptools}):
			runpy.run_path(str(REPO_ROOT / "setup.py"))
		self.assertEqual(captured["name"], "xs_leads")
		self.assertEqual(captured["install_requires"], declared)
		self.assertIn(f'__version__ = "{captured["version"]}"', (APP_ROOT / "__init__.py").read_text())

	def test_bench_frappe_range_covers_v15_and_v16(self):
		pyproject = (REPO_ROOT / "pyproject.toml").read_text()
		frappe_range = re.search(
			r'\[tool\.bench\.frappe-dependencies\]\s*frappe = "([^"]+)"', pyproject
		).group(1)
		self.assertIn(">=15", frappe_range)
		self.assertIn("<17", frappe_range)

	def test_hooks_require_typed_api_methods(self):
		hooks = ast.parse((APP_ROOT / "hooks.py").read_text())
		assigned = {
			node.targets[0].id: ast.literal_eval(node.value)
			for node in hooks.body
			if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
		}
		self.assertIs(assigned["require_type_annotated_api_methods"], True)
		self.assertIs(assigned["export_python_type_annotations"], True)
		self.assertEqual(assigned["app_name"], "xs_leads")
		self.assertEqual((APP_ROOT / "modules.txt").read_text().split(), ["XS", "Leads"])
