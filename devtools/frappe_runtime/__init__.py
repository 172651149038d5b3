"""A Frappe runtime for development and tests, built on PyPI's `monoframe`.

Real Frappe cannot be installed from the registries this project's machines reach; `monoframe`
(a hard fork of Frappe with every `frappe` renamed) can. This package makes it behave like a
Frappe bench with extra apps installed:

- `alias`: `import frappe` / `import frappe.x.y` yield the very `monoframe` module objects;
- `multi_app`: hooks, modules, DocType sync, patches and install_app know about the extra apps
  named in FRAPPE_RUNTIME_APPS (comma separated) instead of `monoframe` alone;
- `site`: creates a site database, installs apps, migrates, serves (command line entry point).

It is activated by a `.pth` file in the project's virtual environment, so every process there
(pytest, the web server, background workers) has it before its first `frappe` import.
Nothing in the app package depends on it; it is test and development infrastructure only.
"""

import os


def apps() -> list[str]:
	"""The extra Frappe apps this runtime serves, in install order."""
	return [a.strip() for a in os.environ.get("FRAPPE_RUNTIME_APPS", "").split(",") if a.strip()]


def activate() -> None:
	from frappe_runtime import alias

	alias.install()
