"""The one compatibility import for tests: Frappe v16's IntegrationTestCase, v15's FrappeTestCase."""

try:
	from frappe.tests import IntegrationTestCase
except ImportError:  # Frappe v15
	from frappe.tests.utils import FrappeTestCase as IntegrationTestCase

__all__ = ["IntegrationTestCase"]
