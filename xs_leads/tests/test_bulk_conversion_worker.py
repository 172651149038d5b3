"""A bulk conversion through a real background worker: queued, run by the worker, summary in the log.

Needs a worker listening to this site's queues (the development runtime's test session starts one;
on a bench run `bench worker`); without one the test is skipped, saying so. Everything it makes is
committed (the worker works in its own transaction), so the test removes it afterwards.
"""

import json
import time

import frappe

from xs_leads.services.bulk_conversion import INLINE_LIMIT, queue_bulk_conversion
from xs_leads.testing import IntegrationTestCase
from xs_leads.tests.activity_factories import add_call, add_note, make_convertible_lead

PREFIX = "Arbeider Konv"
TIMEOUT = 180


def workers_for_this_site() -> list:
	from frappe.utils.background_jobs import get_workers

	try:
		return get_workers()
	except Exception:  # no reachable queue Redis: no worker either
		return []


class TestBulkConversionInAWorker(IntegrationTestCase):
	def setUp(self):
		if not workers_for_this_site():
			self.skipTest("no background worker is running for this site's queues (start `bench worker`)")
		self.addCleanup(self.remove_what_was_made)
		self.log = None

	def test_queued_conversion_is_run_by_the_worker(self):
		leads = [make_convertible_lead(company_name=f"{PREFIX} {i} AS") for i in range(INLINE_LIMIT + 5)]
		for lead in leads:
			add_call("XS Lead", lead.name)
			add_note("XS Lead", lead.name)
		names = [lead.name for lead in leads]
		answer = queue_bulk_conversion([*names, 66666666], {"create_opportunity": 1}, now=False)
		self.log = answer["log"]
		frappe.db.commit()  # the worker sees the leads and the log, and the job is queued now

		status = self.wait_for_the_log()

		self.assertEqual(status, "Completed")
		log = frappe.get_doc("XS Lead Conversion Log", self.log)
		self.assertEqual((log.converted_count, log.failed_count), (len(leads), 1))
		summary = json.loads(log.summary)
		self.assertEqual([row["lead"] for row in summary["converted"]], names)
		self.assertEqual([row["lead"] for row in summary["failed"]], [66666666])
		first = summary["converted"][0]
		self.assertEqual(
			frappe.db.count(
				"XS Call", {"reference_doctype": "XS Company", "reference_name": str(first["company"])}
			),
			1,
		)
		self.assertEqual(frappe.db.get_value("XS Lead", names[0], "deactivated"), 1)
		self.assertTrue(frappe.db.exists("XS Opportunity", first["opportunity"]))

	def wait_for_the_log(self) -> str:
		deadline = time.monotonic() + TIMEOUT
		status = None
		while time.monotonic() < deadline:
			frappe.db.rollback()  # a new transaction sees the worker's commits
			status = frappe.db.get_value("XS Lead Conversion Log", self.log, "status")
			if status in ("Completed", "Failed"):
				return status
			time.sleep(0.5)
		self.fail(f"the worker did not finish the conversion in {TIMEOUT} s (log status {status})")

	def remove_what_was_made(self):
		frappe.db.rollback()
		leads = frappe.get_all("XS Lead", filters={"company_name": ("like", f"{PREFIX}%")}, pluck="name")
		companies = frappe.get_all(
			"XS Company", filters={"company_name": ("like", f"{PREFIX}%")}, pluck="name"
		)
		references = [str(name) for name in leads + companies]
		if references:
			for doctype in ("XS Call", "XS Note"):
				frappe.db.delete(doctype, {"reference_name": ("in", references)})
		frappe.db.delete("XS Opportunity", {"company": ("in", references or ["-"])})
		for contact in frappe.get_all(
			"Contact", filters={"company_name": ("like", f"{PREFIX}%")}, pluck="name"
		):
			frappe.delete_doc("Contact", contact, force=True, ignore_permissions=True)
		frappe.db.delete("XS Company", {"company_name": ("like", f"{PREFIX}%")})
		frappe.db.delete("XS Lead", {"company_name": ("like", f"{PREFIX}%")})
		if self.log:
			frappe.db.delete("XS Lead Conversion Log", {"name": self.log})
		frappe.db.commit()
