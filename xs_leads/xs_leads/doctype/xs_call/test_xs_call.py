import frappe
from frappe.utils import get_datetime, now_datetime

from xs_leads.testing import IntegrationTestCase
from xs_leads.tests.activity_factories import add_call
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_lead, make_user


class TestXSCall(IntegrationTestCase):
	def test_reaching_a_new_lead_sets_its_status_and_first_contact(self):
		lead = make_lead()
		before = now_datetime().replace(microsecond=0)
		add_call("XS Lead", lead.name, outcome="Reached")
		lead.reload()
		self.assertEqual(lead.contact_status, "Reached")
		self.assertGreaterEqual(get_datetime(lead.first_contact), before)

	def test_not_interested_or_wrong_number_makes_a_new_lead_unreachable(self):
		for outcome in ("Not Interested", "Wrong Number"):
			with self.subTest(outcome=outcome):
				lead = make_lead()
				add_call("XS Lead", lead.name, outcome=outcome)
				lead.reload()
				self.assertEqual(lead.contact_status, "Unreachable")
				self.assertTrue(lead.first_contact)

	def test_no_answer_leaves_a_new_lead_not_contacted(self):
		lead = make_lead()
		add_call("XS Lead", lead.name, outcome="No Answer")
		add_call("XS Lead", lead.name, outcome="Busy")
		lead.reload()
		self.assertEqual(lead.contact_status, "Not Contacted")
		self.assertFalse(lead.first_contact)

	def test_a_contacted_lead_keeps_its_status(self):
		lead = make_lead(contact_status="Reached")
		add_call("XS Lead", lead.name, outcome="Not Interested")
		self.assertEqual(frappe.db.get_value("XS Lead", lead.name, "contact_status"), "Reached")

	def test_defaults_are_now_and_the_caller(self):
		lead = make_lead()
		call = frappe.get_doc(
			{
				"doctype": "XS Call",
				"reference_doctype": "XS Lead",
				"reference_name": lead.name,
				"outcome": "Busy",
			}
		).insert()
		self.assertEqual((call.caller, call.direction), ("Administrator", "Outgoing"))
		self.assertTrue(call.call_time)

	def test_only_leads_companies_contacts_and_opportunities_have_calls(self):
		with self.assertRaisesRegex(frappe.ValidationError, "XS Lead"):
			frappe.get_doc(
				{
					"doctype": "XS Call",
					"reference_doctype": "User",
					"reference_name": "Administrator",
					"outcome": "Busy",
				}
			).insert()

	def test_sales_user_logs_a_call_that_updates_the_lead(self):
		lead = make_lead()
		frappe.set_user(make_user("xs.caller@example.com", "XS Sales User"))
		self.addCleanup(frappe.set_user, "Administrator")
		call = add_call("XS Lead", lead.name, outcome="Reached")
		self.assertEqual(call.caller, "xs.caller@example.com")
		self.assertEqual(frappe.db.get_value("XS Lead", lead.name, "contact_status"), "Reached")
