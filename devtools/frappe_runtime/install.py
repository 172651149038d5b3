"""Site creation and app installation, the way `bench new-site` and `install-app` do them."""

import json

import monoframe as frappe
from monoframe.installer import add_module_defs, post_install, set_all_patches_as_completed


def install_app(name, verbose=False, set_as_patched=True, force=False):
	"""Real Frappe's install_app: the app's own hooks, module defs, DocType sync, patches."""
	from monoframe.core.doctype.scheduled_job_type.scheduled_job_type import sync_jobs
	from monoframe.model.module_utils import sync_customizations
	from monoframe.model.sync import sync_for
	from monoframe.utils.dashboard import sync_dashboards
	from monoframe.utils.fixtures import sync_fixtures

	frappe.flags.in_install = name
	frappe.flags.ignore_in_install = False
	frappe.clear_cache()
	app_hooks = frappe.get_hooks(app_name=name)
	if not force and name in frappe.get_installed_apps():
		print(f"App {name} already installed")
		return

	print(f"Installing {name}...")
	for before_install in app_hooks.before_install or []:
		if frappe.get_attr(before_install)() is False:
			return
	for fn in frappe.get_hooks("before_app_install"):
		frappe.get_attr(fn)(name)

	if name != "monoframe":
		add_module_defs(name, ignore_if_duplicate=force)
	sync_for(name, force=force, reset_permissions=True)
	add_to_installed_apps(name)
	frappe.get_doc("Portal Settings", "Portal Settings").sync_menu()
	if set_as_patched:
		set_all_patches_as_completed(name)

	for after_install in app_hooks.after_install or []:
		frappe.get_attr(after_install)()
	for fn in frappe.get_hooks("after_app_install"):
		frappe.get_attr(fn)(name)

	sync_jobs()
	sync_fixtures(name)
	sync_customizations(name)
	sync_dashboards(name)
	for after_sync in app_hooks.after_sync or []:
		frappe.get_attr(after_sync)()

	frappe.flags.in_install = False
	frappe.clear_cache()


def add_to_installed_apps(app_name, rebuild_website=True):
	installed_apps = frappe.get_installed_apps()
	if app_name not in installed_apps:
		installed_apps.append(app_name)
		frappe.db.set_global("installed_apps", json.dumps(installed_apps))
		frappe.db.commit()
	if frappe.flags.in_install:
		post_install(rebuild_website)
