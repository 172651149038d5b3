"""Browser tests on the runtime's Desk: headless Chromium driven by Playwright (see README.md)."""

import os
import re
import secrets
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import frappe
import pytest
from playwright.sync_api import Page, sync_playwright

from xs_leads.testing import fresh_transaction

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = PROJECT_ROOT / ".runtime" / "screenshots"
CHROMIUM = os.environ.get("XS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# as root and with no network: no sandbox, and none of Chromium's own background connections
CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--disable-dev-shm-usage",
]
VIEWPORT = {"width": 1366, "height": 900}
# requests a page may lose without it being an error: the page moving on while they load
ABORTED = re.compile(r"net::ERR_ABORTED")


@pytest.fixture(scope="session")
def base_url() -> str:
	return os.environ["XS_LEADS_TEST_SERVER"].rstrip("/")


@pytest.fixture(scope="session")
def browser():
	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
		yield browser
		browser.close()


@pytest.fixture(scope="session")
def admin_password() -> str:
	return os.environ.get("ADMIN_PASSWORD", "admin")


class DeskSession:
	"""One browser tab on the Desk, collecting every error a user could notice."""

	def __init__(self, page: Page, base_url: str):
		self.page = page
		self.base_url = base_url
		self.errors: list[str] = []
		self._expected_statuses: list[int] = []
		page.on("console", self._on_console)
		page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}\n{error.stack or ''}"))
		page.on("requestfailed", self._on_request_failed)
		page.on("response", self._on_response)

	def _on_console(self, message):
		if message.type != "error":
			return
		text = message.text
		if self._expected_statuses and (
			any(f"status of {status}" in text for status in self._expected_statuses)
			# the Desk prints the server's traceback of an error response (allow_error_traceback)
			or text.startswith("Traceback (most recent call last)")
		):
			return
		self.errors.append(f"console: {text}")

	def _on_request_failed(self, request):
		if not ABORTED.search(request.failure or ""):
			self.errors.append(f"request failed: {request.method} {request.url} {request.failure}")

	def _on_response(self, response):
		if response.status >= 400 and response.status not in self._expected_statuses:
			self.errors.append(f"HTTP {response.status}: {response.request.method} {response.url}")

	@contextmanager
	def expect_http_error(self, *statuses: int):
		"""Within the block, responses with these statuses are expected, with the console lines the
		Desk prints for them (the failed request, and the server's traceback)."""
		self._expected_statuses.extend(statuses)
		try:
			yield
		finally:
			del self._expected_statuses[-len(statuses) :]

	def login(self, user: str, password: str) -> None:
		page = self.page
		page.goto(f"{self.base_url}/login")
		page.locator("#login_email").fill(user)
		page.locator("#login_password").fill(password)
		page.locator(".btn-login:visible").first.click()
		page.wait_for_url(re.compile(r"/(app|desk)(/|$)"), timeout=30_000)
		self.wait_until_idle()

	def goto(self, route: str) -> None:
		self.page.goto(self.base_url + route)
		self.wait_until_idle()

	def wait_until_idle(self, timeout: int = 30_000) -> None:
		"""The Desk booted, its page rendered, no request of frappe.call still running."""
		page = self.page
		page.wait_for_function(
			"""() => window.frappe && frappe.boot && frappe.container && frappe.container.page
				&& ![...document.querySelectorAll('.freeze, #freeze')].some((e) => e.offsetParent !== null)
				&& !(frappe.request && frappe.request.ajax_count > 0)""",
			timeout=timeout,
		)
		page.wait_for_load_state("networkidle", timeout=timeout)

	def frappe(self, expression: str):
		"""Evaluate JavaScript in the page (the Desk's own `frappe` object is there)."""
		return self.page.evaluate(expression)

	def assert_no_errors(self) -> None:
		assert not self.errors, "the browser reported errors:\n" + "\n".join(self.errors)


@pytest.fixture
def desk(browser, base_url):
	context = browser.new_context(viewport=VIEWPORT, locale="en-US", timezone_id="Europe/Oslo")
	session = DeskSession(context.new_page(), base_url)
	try:
		yield session
		session.assert_no_errors()
	finally:
		context.close()


@dataclass
class DeskUser:
	email: str
	password: str


def committed_user(role: str, first_name: str, last_name: str) -> DeskUser:
	"""A committed user with `role` and a password (the server sees only committed data)."""
	email = f"xs.browser.{secrets.token_hex(4)}@example.com"
	password = secrets.token_urlsafe(12)
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": first_name,
			"last_name": last_name,
			"send_welcome_email": 0,
			"new_password": password,
		}
	).insert(ignore_permissions=True)
	user.add_roles(role)
	frappe.db.commit()
	return DeskUser(email, password)


def delete_user(user: DeskUser) -> None:
	with fresh_transaction():
		frappe.delete_doc("User", user.email, force=True, ignore_permissions=True)


@pytest.fixture
def desk_user():
	"""A committed XS Sales User with a password, deleted afterwards."""
	user = committed_user("XS Sales User", "Siri", "Selger")
	yield user
	delete_user(user)


@pytest.fixture
def desk_manager():
	"""A committed XS Sales Manager (delete, import and merge rights) with a password, deleted afterwards."""
	user = committed_user("XS Sales Manager", "Mona", "Leder")
	yield user
	delete_user(user)


class Committed:
	"""Documents the test server can see: committed at once, deleted after the test."""

	def __init__(self):
		self.created: list[tuple[str, str]] = []

	def doc(self, values: dict):
		doc = frappe.get_doc(values).insert(ignore_permissions=True)
		frappe.db.commit()
		self.created.append((doc.doctype, doc.name))
		return doc

	def lead(self, **fields):
		return self.doc({"doctype": "XS Lead", "company_name": "Nettleser Test AS", **fields})

	def forget(self, doctype: str, name) -> None:
		"""Also delete afterwards a document the browser created."""
		self.created.append((doctype, name))

	def clean_up(self):
		with fresh_transaction():
			for doctype, name in reversed(self.created):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, ignore_missing=True)


@pytest.fixture
def committed():
	store = Committed()
	try:
		yield store
	finally:
		store.clean_up()


@pytest.fixture(scope="session")
def screenshot():
	"""`screenshot(page, name)` saves .runtime/screenshots/<name>.png and returns its path."""

	def take(page: Page, name: str) -> Path:
		SCREENSHOTS.mkdir(parents=True, exist_ok=True)
		path = SCREENSHOTS / f"{name}.png"
		page.screenshot(path=str(path), full_page=False)
		return path

	return take
