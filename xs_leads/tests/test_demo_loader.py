import frappe

from xs_leads.demo.generator import generate_leads
from xs_leads.demo.loader import ensure_demo_leads, insert_leads
from xs_leads.testing import IntegrationTestCase, as_user
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_user


class TestDemoLoader(IntegrationTestCase):
	def test_bulk_inserted_leads_are_valid_leads(self):
		before = frappe.db.count("XS Lead")
		insert_leads(generate_leads(300, seed=7), 300)
		self.assertEqual(frappe.db.count("XS Lead"), before + 300)

		newest = frappe.get_all("XS Lead", order_by="name desc", limit=300, pluck="name")
		for name in newest[::37]:
			lead = frappe.get_doc("XS Lead", name)
			stored = lead.as_dict()
			lead.save()  # runs every validation: the generated values must pass unchanged
			for field in ("organisation_number", "phone", "mobile", "website", "email", "first_contact"):
				self.assertEqual(lead.get(field), stored.get(field), f"{field} of lead {name}")

	def test_ids_continue_after_a_bulk_insert(self):
		insert_leads(generate_leads(20, seed=8), 20)
		highest = max(frappe.get_all("XS Lead", pluck="name"))
		lead = frappe.get_doc({"doctype": "XS Lead", "company_name": "Etter bulk AS"}).insert()
		self.assertGreater(lead.name, highest)

	def test_rows_have_realistic_norwegian_content(self):
		insert_leads(generate_leads(200, seed=9), 200)
		names = frappe.get_all("XS Lead", order_by="name desc", limit=200, pluck="company_name")
		self.assertTrue(any(ch in "".join(names) for ch in "æøåÆØÅ"))
		self.assertTrue(any(n.endswith((" AS", " ASA", " ANS", " DA", " ENK")) for n in names))

	def test_ensure_is_idempotent(self):
		current = frappe.db.count("XS Lead")
		result = ensure_demo_leads(count=current)
		self.assertEqual(result["inserted"], 0)
		self.assertEqual(frappe.db.count("XS Lead"), current)

	def test_only_system_managers_may_load_demo_data(self):
		before = frappe.db.count("XS Lead")
		for user in ("Guest", make_user("xs.demo.sales@example.com", "XS Sales User")):
			with self.subTest(user=user), as_user(user), self.assertRaises(frappe.PermissionError):
				ensure_demo_leads(count=before + 1)
		self.assertEqual(frappe.db.count("XS Lead"), before)
