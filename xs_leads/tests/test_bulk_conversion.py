"""Converting many leads in one operation (jobs run inline here; see test_bulk_conversion_worker)."""

import json
from unittest import mock

import frappe

from xs_leads.api.conversion import convert_lead, convert_leads
from xs_leads.services import conversion
from xs_leads.services.bulk_conversion import INLINE_LIMIT
from xs_leads.testing import IntegrationTestCase
from xs_leads.tests.activity_factories import add_call, add_note, make_convertible_lead
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_user


class TestConvertLeads(IntegrationTestCase):
	def test_a_mixed_batch_converts_the_valid_ones_and_reports_the_rest(self):
		good = [make_convertible_lead(company_name=f"Bulk {i} AS") for i in range(3)]
		converted_before = make_convertible_lead(company_name="Konvertert Før AS")
		convert_lead(converted_before.name, {"lead_action": "Keep"})
		no_person = make_convertible_lead(company_name="Ingen Person AS", first_name="", last_name="")
		for lead in good:
			add_call("XS Lead", lead.name)
			add_note("XS Lead", lead.name)
		names = [good[0].name, 99999999, converted_before.name, good[1].name, no_person.name, good[2].name]

		summary = convert_leads(json.dumps(names), {"create_contact": 1})

		self.assertEqual(set(summary), {"converted", "failed"})
		self.assertEqual([row["lead"] for row in summary["converted"]], [lead.name for lead in good])
		for row in summary["converted"]:
			self.assertEqual(set(row), {"lead", "company", "contact", "opportunity"})
			self.assertTrue(row["company"] and row["contact"])
			self.assertIsNone(row["opportunity"])
			self.assertEqual(
				frappe.db.count(
					"XS Call", {"reference_doctype": "XS Company", "reference_name": row["company"]}
				),
				1,
			)
		failed = {row["lead"]: row["reason"] for row in summary["failed"]}
		self.assertEqual(set(failed), {99999999, converted_before.name, no_person.name})
		self.assertIn("99999999", failed[99999999])
		self.assertIn("Konvertert Før AS", failed[converted_before.name])
		self.assertIn("Ingen Person AS", failed[no_person.name])
		self.assertFalse(frappe.db.get_value("XS Lead", no_person.name, "converted_on"))
		self.assertFalse(frappe.db.exists("XS Company", {"company_name": "Ingen Person AS"}))

	def test_one_lead_failing_half_way_neither_undoes_nor_stops_the_others(self):
		leads = [make_convertible_lead(company_name=f"Halvveis {i} AS") for i in range(3)]
		real_record = conversion.record_conversion

		def fail_for_the_second(lead, *args):
			if lead.name == leads[1].name:
				raise frappe.ValidationError("strømbrudd")
			return real_record(lead, *args)

		with mock.patch("xs_leads.services.conversion.record_conversion", side_effect=fail_for_the_second):
			summary = convert_leads([lead.name for lead in leads])
		self.assertEqual([row["lead"] for row in summary["converted"]], [leads[0].name, leads[2].name])
		self.assertEqual(summary["failed"], [{"lead": leads[1].name, "reason": "strømbrudd"}])
		self.assertFalse(frappe.db.exists("XS Company", {"company_name": "Halvveis 1 AS"}))
		self.assertTrue(frappe.db.exists("XS Company", {"company_name": "Halvveis 2 AS"}))

	def test_a_bad_option_refuses_the_whole_batch(self):
		lead = make_convertible_lead()
		with self.assertRaisesRegex(frappe.ValidationError, "lead_action"):
			convert_leads([lead.name], {"lead_action": "Burn"})
		with self.assertRaises(frappe.ValidationError):
			convert_leads([], {})

	def test_more_than_the_inline_limit_runs_as_a_job_with_a_readable_log(self):
		leads = [make_convertible_lead(company_name=f"Jobb {i} AS") for i in range(INLINE_LIMIT + 2)]
		names = [lead.name for lead in leads] + [88888888]

		answer = convert_leads(names, {"create_opportunity": 1, "lead_action": "Keep"})

		self.assertEqual((answer["queued"], answer["total"]), (True, INLINE_LIMIT + 3))
		log = frappe.get_doc("XS Lead Conversion Log", answer["log"])
		self.assertEqual(
			(log.status, log.converted_count, log.failed_count), ("Completed", INLINE_LIMIT + 2, 1)
		)
		self.assertTrue(log.started_on and log.finished_on)
		summary = json.loads(log.summary)
		self.assertEqual(len(summary["converted"]), INLINE_LIMIT + 2)
		self.assertTrue(all(row["opportunity"] for row in summary["converted"]))
		self.assertEqual([row["lead"] for row in summary["failed"]], [88888888])
		self.assertEqual(json.loads(log.options), {"create_opportunity": 1, "lead_action": "Keep"})

	def test_sales_user_needs_write_on_leads(self):
		lead = make_convertible_lead()
		frappe.set_user(make_user("xs.bulk.outsider@example.com"))
		self.addCleanup(frappe.set_user, "Administrator")
		with self.assertRaises(frappe.PermissionError):
			convert_leads([lead.name])
