"""pytest plugin: connect the site once, roll back after every test, as Frappe's runner does,
and serve the site over HTTP for REST tests (its address in XS_LEADS_TEST_SERVER)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

_server: subprocess.Popen | None = None


def _free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def _start_server() -> str:
	global _server
	port = _free_port()
	url = f"http://127.0.0.1:{port}"
	_server = subprocess.Popen(
		[sys.executable, "-m", "frappe_runtime.site", "serve", "--port", str(port)],
		env={**os.environ, "FRAPPE_SITE_DIR": os.getcwd(), "CI": "1"},
		stdout=subprocess.DEVNULL,
		stderr=open(os.path.join(os.getcwd(), "..", "logs", "test-server.log"), "w"),
	)
	deadline = time.monotonic() + 60
	while time.monotonic() < deadline:
		try:
			urllib.request.urlopen(f"{url}/api/method/ping", timeout=2)
			return url
		except OSError:
			if _server.poll() is not None:
				break
			time.sleep(0.2)
	raise RuntimeError(f"the test server did not start; see {os.path.abspath('../logs/test-server.log')}")


def pytest_configure(config):
	import frappe

	frappe.init()
	frappe.connect()
	frappe.flags.in_test = True
	frappe.db.commit()
	if not os.environ.get("XS_LEADS_TEST_SERVER"):
		os.environ["XS_LEADS_TEST_SERVER"] = _start_server()


@pytest.fixture(autouse=True)
def _rollback_after_each_test():
	import frappe

	yield
	frappe.db.rollback()
	frappe.set_user("Administrator")


def pytest_unconfigure(config):
	import frappe

	if _server is not None:
		_server.terminate()
		_server.wait(timeout=10)
	if getattr(frappe.local, "db", None):
		frappe.db.rollback()
		frappe.destroy()
