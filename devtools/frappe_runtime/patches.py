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
	fix_is_setup_complete_for_single_doctype(mf)
	fix_string_annotations_skipped_by_type_conversion()
	fix_assets_json_cache_shared_between_sites(mf)
	silence_socketio_errors_without_realtime_relay()
	_publish_realtime_on_site_channel(mf)
	fix_get_pdf_is_a_stub()
	fix_file_uploader_csrf_header_refused(mf)


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


def _publish_realtime_on_site_channel(mf) -> None:
	"""Publish realtime events on a Redis channel of the site's own, `events:<site>`.

	monoframe publishes every site's events on the channel "events" with the namespace "monoframe",
	and Redis pub/sub ignores the database number: a realtime server on a shared Redis could not
	tell sites apart. The relay (devtools/realtime) of a site listens to its channel only.
	"""
	import monoframe.realtime
	import redis

	from frappe_runtime.realtime import site_channel

	def emit_via_redis(event, message, room):
		from monoframe.utils.background_jobs import get_redis_connection_without_auth

		payload = {"event": event, "message": message, "room": room, "namespace": mf.get_site_name()}
		try:
			get_redis_connection_without_auth().publish(site_channel(mf.local.site), mf.as_json(payload))
		except redis.exceptions.ConnectionError:
			pass  # as monoframe: no realtime update rather than a failed request

	monoframe.realtime.emit_via_redis = emit_via_redis


# --- the Desk -------------------------------------------------------------------------------


def fix_is_setup_complete_for_single_doctype(mf) -> None:
	"""monoframe asks whether a "System Settings" table exists, but a Single has none: every
	Desk route then redirects to the setup wizard. Read the Single's value as Frappe does."""

	def is_setup_complete():
		return bool(mf.db.get_single_value("System Settings", "setup_complete"))

	mf.is_setup_complete = is_setup_complete


def complete_setup_wizard() -> None:
	"""`./dev`: mark a development site's setup complete (a bench's site has been through the wizard)."""
	import frappe

	if not frappe.is_setup_complete():
		frappe.db.set_single_value("System Settings", "setup_complete", 1)
		frappe.db.commit()


def fix_string_annotations_skipped_by_type_conversion() -> None:
	"""Whitelisted methods get their arguments converted to the annotated types, but string
	annotations are skipped, and many of monoframe's modules use `from __future__ import
	annotations`: `"0"` for a bool stays truthy (Link autocomplete then fails with 417 "does not
	allow ignoring user permissions"). Convert with the resolved annotations, for monoframe's own
	functions only: the app's functions keep Frappe v15's behaviour, so the runtime never makes app
	code look safer than it is. Where the resolved types reject a value that the skipped check let
	through (the calendar sends datetimes to `get_events(start: date)`), the values pass as sent.
	"""
	import typing

	import monoframe.utils.typing_validations as typing_validations
	from monoframe.exceptions import MonoframeTypeError

	convert = typing_validations.transform_parameter_types
	resolved_functions = {}  # function → a twin with resolved annotations, or None

	def resolved_twin(func):
		annotations = func.__annotations__
		if not any(isinstance(hint, str) for hint in annotations.values()):
			return None
		try:
			hints = typing.get_type_hints(func)
		except Exception:  # a name only imported under TYPE_CHECKING: resolve what can be
			hints = {}
			for name, hint in annotations.items():
				try:
					hints[name] = eval(hint, func.__globals__) if isinstance(hint, str) else hint
				except Exception:
					hints[name] = hint
		twin = types.FunctionType(
			func.__code__, func.__globals__, func.__name__, func.__defaults__, func.__closure__
		)
		twin.__kwdefaults__ = func.__kwdefaults__
		twin.__dict__.update(func.__dict__)  # __wrapped__ of a decorated function: the same signature
		twin.__module__, twin.__qualname__ = func.__module__, func.__qualname__
		twin.__annotations__ = hints
		return twin

	def transform_parameter_types(func, args, kwargs):
		module = getattr(func, "__module__", None) or ""
		if module != FRAMEWORK and not module.startswith(FRAMEWORK + "."):
			return convert(func, args, kwargs)
		if func not in resolved_functions:
			resolved_functions[func] = resolved_twin(func)
		twin = resolved_functions[func]
		if twin is not None:
			try:
				return convert(twin, args, dict(kwargs))
			except MonoframeTypeError:
				pass
		return convert(func, args, kwargs)

	typing_validations.transform_parameter_types = transform_parameter_types


def fix_assets_json_cache_shared_between_sites(mf) -> None:
	"""The bundle map (assets.json) is cached under a key without the site's name, so sites
	sharing a Redis database serve each other's bundle URLs. Cache it per site and per build."""
	import monoframe.cache_manager
	import monoframe.utils

	def read_assets_json():
		assets = mf.parse_json(mf.read_file("assets/assets.json"))
		if assets_rtl := mf.read_file("assets/assets-rtl.json"):
			assets.update(mf.parse_json(assets_rtl))
		return assets

	def get_assets_json():
		if mf.conf.developer_mode:
			return read_assets_json()
		# keyed by the build too: a rebuild's new bundle names must not meet an old cached map
		try:
			build = int(os.path.getmtime("assets/assets.json"))
		except OSError:
			build = 0
		return mf.client_cache.get_value(f"assets_json:{build}", generator=read_assets_json)

	monoframe.utils.get_assets_json = get_assets_json
	for name in ("monoframe.sessions", "monoframe.website.utils"):  # imported it by name already
		if name in sys.modules:
			sys.modules[name].get_assets_json = get_assets_json
	cache_manager = monoframe.cache_manager
	if "assets_json" not in cache_manager.global_cache_keys:  # cleared with the site's cache
		cache_manager.global_cache_keys = (*cache_manager.global_cache_keys, "assets_json")


def silence_socketio_errors_without_realtime_relay() -> None:
	"""Without a realtime server the Desk's socket.io client logs connection errors on every page.
	Unless XS_REALTIME says a relay runs, default the site config's `disable_async` to on."""
	if os.environ.get("XS_REALTIME"):
		return
	import monoframe.config

	load_config = monoframe.config._load_config

	def load_config_without_realtime():
		config = load_config()
		if config.get("disable_async") is None:
			config["disable_async"] = 1
		return config

	monoframe.config._load_config = load_config_without_realtime


def fix_get_pdf_is_a_stub() -> None:
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


def fix_file_uploader_csrf_header_refused(mf) -> None:
	"""monoframe reads the CSRF token only from `X-Monoframe-CSRF-Token`, but its Desk's own
	FileUploader.vue (like Frappe's) sends `X-Frappe-CSRF-Token`: every upload from the Desk (an
	Attach field, a dialog's file) failed with 400 "Invalid Request". Frappe's header name is
	accepted as well; the token is still compared with the session's."""
	import monoframe.auth

	validate = monoframe.auth.HTTPRequest.validate_csrf_token

	def validate_csrf_token(self):
		token = mf.request and mf.get_request_header("X-Frappe-CSRF-Token")
		if token and not mf.get_request_header("X-Monoframe-CSRF-Token"):
			mf.form_dict.setdefault("csrf_token", token)
		return validate(self)

	monoframe.auth.HTTPRequest.validate_csrf_token = validate_csrf_token
