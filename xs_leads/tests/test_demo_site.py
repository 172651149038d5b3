import frappe

from xs_leads.demo.site import prepare_demo_site
from xs_leads.testing import IntegrationTestCase, as_user
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_user


def forget_date_formats():
	"""The process keeps the date format it first used: another test may have formatted a date."""
	frappe.local.user_date_format = None
	frappe.local.user_time_format = None


class TestDemoSite(IntegrationTestCase):
	def setUp(self):
		forget_date_formats()

	def tearDown(self):
		forget_date_formats()
		frappe.db.rollback()
		frappe.clear_cache()  # System Settings are cached beyond the transaction

	def test_site_becomes_norwegian_and_the_sales_user_speaks_bokmal(self):
		result = prepare_demo_site(password="Ledetraad-test-91")
		self.assertEqual(
			frappe.db.get_value(
				"System Settings",
				None,
				["country", "time_zone", "currency", "date_format", "number_format"],
				as_dict=True,
			),
			{
				"country": "Norway",
				"time_zone": "Europe/Oslo",
				"currency": "NOK",
				"date_format": "dd.mm.yyyy",
				"number_format": "# ###,##",
			},
		)
		self.assertEqual(frappe.utils.formatdate("2026-11-28"), "28.11.2026")
		self.assertEqual(frappe.utils.fmt_money(1234567.5, 2), "1 234 567,50")
		user = frappe.get_doc("User", result["user"])
		self.assertEqual(user.language, "nb")
		self.assertIn("XS Sales User", frappe.get_roles(user.name))
		from frappe.utils.password import check_password

		self.assertEqual(check_password(user.name, "Ledetraad-test-91"), user.name)

	def test_only_system_managers_may_prepare_it(self):
		with as_user(make_user("xs.demo.site.sales@example.com", "XS Sales User")):
			with self.assertRaises(frappe.PermissionError):
				prepare_demo_site()
