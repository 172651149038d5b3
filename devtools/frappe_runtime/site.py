"""Command line for the development runtime: create a site, migrate, serve, run a worker.

    python -m frappe_runtime.site ensure     # create the site if missing, else migrate it
    python -m frappe_runtime.site new        # drop and recreate the site
    python -m frappe_runtime.site serve [--port 8000]
    python -m frappe_runtime.site worker
    python -m frappe_runtime.site execute dotted.path.to.function [json-kwargs]
    python -m frappe_runtime.site run path/to/script.py [args]   # with the site connected

A site is a folder (FRAPPE_SITE_DIR) holding its site_config.json (encryption key), files and logs;
processes run with it as their working folder, as monoframe expects. Database and Redis settings
come from the environment (DB_TYPE, DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD, REDIS_CACHE,
REDIS_QUEUE), set by `./dev`.
"""

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

from frappe_runtime import apps


def site_dir() -> Path:
	return Path(os.environ.get("FRAPPE_SITE_DIR", ".runtime/site")).resolve()


def enter_site() -> None:
	"""Make this process run in the site: its folder, its settings, a log folder beside it."""
	folder = site_dir()
	folder.mkdir(parents=True, exist_ok=True)
	(folder.parent / "logs").mkdir(exist_ok=True)
	os.environ.setdefault("DB_NAME", "xs_leads_dev")
	# monoframe logs to ../logs and to <site name>/logs, both relative to the working folder
	for sub in ("public/files", "private/files", "private/backups", "locks", f"{os.environ['DB_NAME']}/logs"):
		(folder / sub).mkdir(parents=True, exist_ok=True)
	os.chdir(folder)
	os.environ.setdefault("DB_TYPE", "mariadb")
	os.environ.setdefault("DB_USER", os.environ["DB_NAME"])
	os.environ.setdefault("DB_PASSWORD", "xs_leads_dev_pw")
	os.environ.setdefault("REDIS_CACHE", "redis://127.0.0.1:6379/0")
	os.environ.setdefault("REDIS_QUEUE", "redis://127.0.0.1:6379/1")
	os.environ.setdefault("ALLOW_TESTS", "1")


def connect():
	import frappe

	frappe.init()
	frappe.connect()
	return frappe


def _app_fingerprint() -> str:
	"""Changes whenever an app's DocType JSON, hooks or patches change: then migrate is due."""
	import importlib.util

	digest = hashlib.sha256()
	for app in apps():
		root = Path(importlib.util.find_spec(app).origin).parent
		for path in sorted(root.rglob("*")):
			if path.suffix in (".json", ".txt") or path.name == "hooks.py":
				digest.update(str(path).encode())
				digest.update(path.read_bytes())
	return digest.hexdigest()


def _site_exists() -> bool:
	"""The site's folder and database both exist, with every app installed.

	A database left by another checkout (same name, no site_config.json here) does not count:
	its encryption key is unknown to this folder, so the site is created anew.
	"""
	import frappe

	if not (site_dir() / "site_config.json").exists():
		return False
	frappe.init()
	try:
		frappe.connect()
		return "tabDefaultValue" in frappe.db.get_tables(cached=False) and set(apps()) <= set(
			frappe.get_installed_apps()
		)
	except Exception:
		return False
	finally:
		if getattr(frappe.local, "db", None):
			frappe.db.close()
		frappe.destroy()


def new_site() -> None:
	import frappe
	from frappe.installer import install_app, install_db

	for stale in ("site_config.json",):
		(site_dir() / stale).unlink(missing_ok=True)
	frappe.init()
	frappe.flags.root_login = os.environ.get("DB_ROOT_USER", "root")
	frappe.flags.root_password = os.environ.get("DB_ROOT_PASSWORD", "root")
	install_db(
		root_login=frappe.flags.root_login,
		root_password=frappe.flags.root_password,
		db_name=os.environ["DB_NAME"],
		db_password=os.environ["DB_PASSWORD"],
		db_user=os.environ["DB_USER"],
		db_type=os.environ["DB_TYPE"],
		admin_password=os.environ.get("ADMIN_PASSWORD", "admin"),
		force=True,
		verbose=False,
	)
	frappe.conf.admin_password = os.environ.get("ADMIN_PASSWORD", "admin")
	install_app("monoframe", set_as_patched=True)
	for app in apps():
		install_app(app, set_as_patched=True)
	frappe.db.commit()
	_ensure_encryption_key()
	_record_fingerprint()
	frappe.destroy()


def _ensure_encryption_key() -> None:
	"""Write the key now: a server started before the first password is stored would invent its own."""
	from frappe.utils.password import get_encryption_key

	get_encryption_key()


def migrate() -> None:
	from frappe.migrate import SiteMigration

	frappe = connect()
	frappe.flags.in_migrate = True
	SiteMigration(skip_search_index=True).run(site=frappe.local.site)
	_record_fingerprint()
	frappe.destroy()


def _record_fingerprint() -> None:
	(site_dir() / ".apps_fingerprint").write_text(_app_fingerprint())


def ensure() -> None:
	if not _site_exists():
		print("Creating site...")
		new_site()
	else:
		recorded = site_dir() / ".apps_fingerprint"
		if not recorded.exists() or recorded.read_text() != _app_fingerprint():
			print("Apps changed since the last migrate: migrating...")
			migrate()
	compile_translations()


def compile_translations() -> None:
	"""The apps' locale/*.po as the .mo files Frappe reads, as `bench build` makes them.

	Frappe looks for them under <bench>/sites/assets/locale, which is inside the site folder here.
	"""
	import importlib.util

	from babel.messages.mofile import write_mo
	from babel.messages.pofile import read_po

	compiled = False
	for app in apps():
		locale_dir = Path(importlib.util.find_spec(app).origin).parent / "locale"
		for po_path in sorted(locale_dir.glob("*.po")):
			mo_path = site_dir() / "sites" / "assets" / "locale" / po_path.stem / "LC_MESSAGES" / f"{app}.mo"
			if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
				continue
			mo_path.parent.mkdir(parents=True, exist_ok=True)
			with open(po_path, "rb") as po, open(mo_path, "wb") as mo:
				write_mo(mo, read_po(po))
			compiled = True
	if compiled:  # translations are cached per language
		frappe = connect()
		frappe.clear_cache()
		frappe.destroy()


def serve(port: int) -> None:
	from frappe.app import serve as run_server

	os.environ["CI"] = os.environ.get("CI", "1")  # no reloader, no interactive debugger
	run_server(host="127.0.0.1", port=port, no_reload=True)


def worker(queues: str) -> None:
	from frappe.utils.background_jobs import start_worker

	start_worker(queue=queues, quiet=True)


def execute(method: str, kwargs_json: str | None) -> None:
	frappe = connect()
	result = frappe.get_attr(method)(**json.loads(kwargs_json or "{}"))
	frappe.db.commit()
	if result is not None:
		print(json.dumps(result, default=str, indent=1))
	frappe.destroy()


def run_script(path: Path, script_args: list[str]) -> None:
	"""Run a Python script (a benchmark, say) with the site connected, as `bench execute` would."""
	import runpy

	frappe = connect()
	sys.argv = [str(path), *script_args]
	try:
		runpy.run_path(str(path), run_name="__main__")
	finally:
		frappe.destroy()


def run_pytest(project_root: Path, pytest_args: list[str]) -> int:
	"""pytest over the project, in this site (the plugin connects it and rolls back each test)."""
	import pytest

	# paths were given relative to the project, but this process now runs in the site folder
	args = [str(project_root / a) if (project_root / a.split("::")[0]).exists() else a for a in pytest_args]
	if not any((project_root / a.split("::")[0]).exists() for a in pytest_args):
		args.append(str(project_root))
	return pytest.main(["--rootdir", str(project_root), "-p", "frappe_runtime.pytest_plugin", *args])


def main(argv=None) -> int | None:
	parser = argparse.ArgumentParser(prog="frappe_runtime.site")
	commands = parser.add_subparsers(dest="command", required=True)
	commands.add_parser("ensure")
	commands.add_parser("new")
	commands.add_parser("migrate")
	serve_cmd = commands.add_parser("serve")
	serve_cmd.add_argument("--port", type=int, default=8000)
	worker_cmd = commands.add_parser("worker")
	worker_cmd.add_argument("--queue", default="short,default,long")
	exec_cmd = commands.add_parser("execute")
	exec_cmd.add_argument("method")
	exec_cmd.add_argument("kwargs", nargs="?")
	run_cmd = commands.add_parser("run")
	run_cmd.add_argument("script")
	run_cmd.add_argument("script_args", nargs="*")
	pytest_cmd = commands.add_parser("pytest")
	pytest_cmd.add_argument("pytest_args", nargs=argparse.REMAINDER)
	args, unknown = parser.parse_known_args(argv)
	if unknown and args.command != "pytest":
		parser.error(f"unrecognized arguments: {' '.join(unknown)}")
	project_root = Path.cwd()

	enter_site()
	if args.command == "ensure":
		ensure()
	elif args.command == "new":
		new_site()
	elif args.command == "migrate":
		migrate()
	elif args.command == "serve":
		serve(args.port)
	elif args.command == "worker":
		worker(args.queue)
	elif args.command == "execute":
		execute(args.method, args.kwargs)
	elif args.command == "run":
		run_script(project_root / args.script, args.script_args)
	elif args.command == "pytest":
		return run_pytest(project_root, unknown + args.pytest_args)


if __name__ == "__main__":
	sys.exit(main())
