"""Deleting many leads at once: permissions per lead, savepoints, the background job and its summary."""

from unittest.mock import patch

import frappe

from xs_leads.api import deletion
from xs_leads.api.search import search_leads
from xs_leads.testing import IntegrationTestCase, as_user
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_lead, make_user

MANAGER = "xs.delete.manager@example.com"
SALES_USER = "xs.delete.sales@example.com"


class TestDeleteLeads(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(MANAGER, "XS Sales Manager")
		make_user(SALES_USER, "XS Sales User")

	def exists(self, name) -> bool:
		return bool(frappe.db.exists("XS Lead", name))

	def test_manager_deletes_many_in_one_request(self):
		names = [make_lead(company_name=f"Zqdelmany {n} AS").name for n in range(5)]
		with as_user(MANAGER):
			result = deletion.delete_leads(names)
		self.assertEqual(result, {"deleted": 5, "failed": []})
		self.assertFalse(any(self.exists(n) for n in names))
		self.assertEqual(search_leads({"company_name": "zqdelmany"})["total"], 0)  # gone from the search too

	def test_sales_user_may_not_delete(self):
		name = make_lead(company_name="Zqdel Beholdes AS").name
		with as_user(SALES_USER), self.assertRaises(frappe.PermissionError):
			deletion.delete_leads([name])
		self.assertTrue(self.exists(name))

	def test_a_lead_the_user_may_not_delete_is_left_and_reported(self):
		allowed = make_lead(company_name="Zqdel Bygg AS", industry="Construction").name
		other = make_lead(company_name="Zqdel Gård AS", industry="Agriculture, forestry and fishing").name
		frappe.permissions.add_user_permission("XS Industry", "Construction", MANAGER)
		try:
			with as_user(MANAGER):
				result = deletion.delete_leads(f"[{allowed}, {other}]")
		finally:
			frappe.db.delete("User Permission", {"user": MANAGER})
			frappe.clear_cache(user=MANAGER)
		self.assertEqual(result["deleted"], 1)
		self.assertEqual([f["name"] for f in result["failed"]], [other])
		self.assertFalse(self.exists(allowed))
		self.assertTrue(self.exists(other))

	def test_bad_names_are_refused(self):
		for names in ([], "[]", ["abc"]):
			with self.assertRaises(frappe.ValidationError):
				deletion.delete_leads(names)

	def test_many_go_to_a_background_job(self):
		names = [make_lead(company_name=f"Zqdel Mange {n} AS").name for n in range(3)]
		with patch.object(deletion, "INLINE_LIMIT", 2), patch.object(frappe, "enqueue") as enqueue:
			with as_user(MANAGER):
				result = deletion.delete_leads(names)
		self.assertEqual((result["queued"], result["count"]), (True, 3))
		self.assertEqual(enqueue.call_args.args[0], "xs_leads.api.deletion.delete_in_background")
		self.assertEqual(enqueue.call_args.kwargs["names"], names)
		self.assertEqual(enqueue.call_args.kwargs["queue"], "long")
		self.assertTrue(all(self.exists(n) for n in names))  # nothing deleted in the request

	def test_background_job_reports_progress_and_leaves_a_summary(self):
		names = [make_lead(company_name=f"Zqdel Jobb {n} AS").name for n in range(3)]
		with (
			as_user(MANAGER),
			patch.object(deletion, "COMMIT_EVERY", 2),
			patch.object(frappe.db, "commit"),  # the test's changes are rolled back at the end
			patch.object(frappe, "publish_progress") as progress,
		):
			result = deletion.delete_in_background([*names, 999_999_999])
		self.assertEqual(result["deleted"], 4)  # a lead already gone counts as deleted
		self.assertEqual([round(c.args[0]) for c in progress.call_args_list], [50, 100])
		log = frappe.get_last_doc("Notification Log", filters={"for_user": MANAGER})
		self.assertEqual(log.subject, "4 of 4 leads were deleted")
		self.assertFalse(any(self.exists(n) for n in names))
