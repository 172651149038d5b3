"""pytest plugin: connect the site once, roll back after every test, as Frappe's runner does."""

import pytest


def pytest_configure(config):
	import frappe

	frappe.init()
	frappe.connect()
	frappe.flags.in_test = True
	frappe.db.commit()


@pytest.fixture(autouse=True)
def _rollback_after_each_test():
	import frappe

	yield
	frappe.db.rollback()
	frappe.set_user("Administrator")


def pytest_unconfigure(config):
	import frappe

	if getattr(frappe.local, "db", None):
		frappe.db.rollback()
		frappe.destroy()
