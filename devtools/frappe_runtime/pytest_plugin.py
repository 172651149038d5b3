"""pytest plugin: run the app's tests on a runtime site the way `bench run-tests` does on v15.

- The site is connected once; changes are rolled back at the end of each test class (as v15's
  FrappeTestCase does), not after every test, so tests that rely on a kinder isolation fail here
  first.
- v15 does not reset the session user between tests: a test that changes it and does not
  restore it breaks every later test. Here such a test fails itself, naming the user it left.
- The site is served over HTTP for REST tests (its address in XS_LEADS_TEST_SERVER), and a real
  background worker runs for it (XS_LEADS_TEST_WORKER=1), as `bench start` would provide. With
  XS_TEST_REALTIME=1 (the browser tests) the realtime relay runs in front of the server, as
  `./dev start` serves the Desk, and XS_LEADS_TEST_SERVER is the relay's address.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

_processes: list[subprocess.Popen] = []


def _free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def _spawn(name: str, *args: str) -> subprocess.Popen:
	log_path = os.path.join(os.getcwd(), "..", "logs", f"test-{name}.log")
	env = {**os.environ, "FRAPPE_SITE_DIR": os.getcwd(), "CI": "1"}
	if _with_realtime():
		env["XS_REALTIME"] = "1"  # else the Desk's realtime client is switched off
	process = subprocess.Popen(
		[sys.executable, "-m", "frappe_runtime.site", *args],
		env=env,
		stdout=subprocess.DEVNULL,
		stderr=open(log_path, "w"),
	)
	_processes.append(process)
	return process


def _start_server() -> str:
	port = _free_port()
	url = f"http://127.0.0.1:{port}"
	server = _spawn("server", "serve", "--port", str(port))
	deadline = time.monotonic() + 60
	while time.monotonic() < deadline:
		try:
			urllib.request.urlopen(f"{url}/api/method/ping", timeout=2)
			return url
		except OSError:
			if server.poll() is not None:
				break
			time.sleep(0.2)
	raise RuntimeError(f"the test server did not start; see {os.path.abspath('../logs/test-server.log')}")


def _with_realtime() -> bool:
	return os.environ.get("XS_TEST_REALTIME") == "1"


def _start_relay(server_url: str) -> str:
	from frappe_runtime import realtime

	port = realtime.free_port()
	_processes.append(realtime.start_relay(server_url, port))
	return f"http://127.0.0.1:{port}"


def pytest_configure(config):
	import frappe

	frappe.init()
	frappe.connect()
	frappe.flags.in_test = True
	frappe.db.commit()
	if not os.environ.get("XS_LEADS_TEST_SERVER"):
		server_url = _start_server()
		os.environ["XS_LEADS_TEST_SERVER"] = _start_relay(server_url) if _with_realtime() else server_url
	if not os.environ.get("XS_LEADS_TEST_WORKER"):
		_spawn("worker", "worker", "--queue", "short,default,long")
		os.environ["XS_LEADS_TEST_WORKER"] = "1"


@pytest.fixture(scope="class", autouse=True)
def _rollback_after_each_class():
	import frappe

	yield
	frappe.db.rollback()


@pytest.fixture(autouse=True)
def _session_user_must_be_restored():
	import frappe

	user_before = frappe.session.user
	yield
	user_after = frappe.session.user
	if user_after != user_before:
		frappe.set_user(user_before)  # so that the rest of the run does not fail with it
		pytest.fail(
			f"the test left the session user as {user_after!r} (was {user_before!r}); on Frappe v15 "
			"every later test would run as that user: restore it (try/finally or addCleanup)",
			pytrace=False,
		)


def pytest_unconfigure(config):
	import frappe

	for process in _processes:
		process.terminate()
	for process in _processes:
		try:
			process.wait(timeout=10)
		except subprocess.TimeoutExpired:
			process.kill()
	if getattr(frappe.local, "db", None):
		frappe.db.rollback()
		frappe.destroy()
