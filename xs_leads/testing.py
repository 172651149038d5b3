"""Test support shared by the app's tests, on Frappe v15 and v16 alike.

- `IntegrationTestCase`: v16's class, v15's FrappeTestCase.
- `as_user`: run a block as another user and always restore the previous one (v15 does not reset
  the session user between tests).
- `rest_server_url` / `fresh_transaction`: REST tests talk to a running server, which commits in
  its own transactions.
"""

import os
import unittest
from contextlib import contextmanager

import frappe
import requests
from frappe.utils import get_url

try:
	from frappe.tests import IntegrationTestCase
except ImportError:  # Frappe v15
	from frappe.tests.utils import FrappeTestCase as IntegrationTestCase

__all__ = ["IntegrationTestCase", "as_user", "fresh_transaction", "rest_server_url"]


@contextmanager
def as_user(user: str):
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)


def rest_server_url() -> str:
	"""The server REST tests call: XS_LEADS_TEST_SERVER (the development runtime starts one), else
	the site's own URL (`bench start`). Skips the calling test class when nothing answers there."""
	url = (os.environ.get("XS_LEADS_TEST_SERVER") or get_url()).rstrip("/")
	try:
		requests.get(f"{url}/api/method/ping", timeout=5)
	except requests.RequestException as error:
		raise unittest.SkipTest(
			f"REST tests need a running server at {url} (start one with `bench start`): {error}"
		)
	return url


@contextmanager
def fresh_transaction():
	"""A transaction that sees what the server committed, then commits.

	The test's own transaction may have started before the server's (MariaDB's REPEATABLE READ
	keeps that snapshot), so rows the server created would be invisible to a clean-up in it.
	"""
	frappe.db.rollback()
	yield
	frappe.db.commit()
