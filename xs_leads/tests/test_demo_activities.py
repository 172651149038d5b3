"""Demo activities: the generator (plain) and the loader (on the site)."""

import datetime
import unittest

import frappe

from xs_leads.api.activities import get_activities
from xs_leads.demo.activities import generate_activities
from xs_leads.demo.activity_loader import ensure_demo_activities
from xs_leads.demo.generator import generate_leads
from xs_leads.demo.loader import insert_leads
from xs_leads.testing import IntegrationTestCase, as_user
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_user

NOW = datetime.datetime(2026, 6, 1, 12, 0)


def lead(name, status, email="kari@nordfisk.no"):
	return {
		"name": name,
		"company_name": f"Firma {name} AS",
		"contact_status": status,
		"first_name": "Kari",
		"email": email,
		"responsible": "ola@example.com",
	}


class TestGenerateActivities(unittest.TestCase):
	LEADS = [lead(i, status) for i, status in enumerate(["Not Contacted", "Reached", "Unreachable"] * 40)]

	def test_same_seed_same_rows(self):
		self.assertEqual(
			generate_activities(self.LEADS, seed=3, reference_time=NOW),
			generate_activities(self.LEADS, seed=3, reference_time=NOW),
		)
		self.assertNotEqual(
			generate_activities(self.LEADS, seed=3, reference_time=NOW),
			generate_activities(self.LEADS, seed=4, reference_time=NOW),
		)

	def test_calls_agree_with_the_lead_status(self):
		calls = generate_activities(self.LEADS, reference_time=NOW)["calls"]
		status = {str(row["name"]): row["contact_status"] for row in self.LEADS}
		last_outcome = {}
		for call in sorted(calls, key=lambda c: c["call_time"]):
			last_outcome[call["reference_name"]] = call["outcome"]
		for name, outcome in last_outcome.items():
			expected = {
				"Not Contacted": {"No Answer", "Busy"},
				"Reached": {"Reached"},
				"Unreachable": {"Not Interested", "Wrong Number"},
			}[status[name]]
			self.assertIn(outcome, expected, name)
		reached = [row for row in self.LEADS if row["contact_status"] == "Reached"]
		self.assertEqual(
			{c["reference_name"] for c in calls if c["outcome"] == "Reached"},
			{str(r["name"]) for r in reached},
		)
		self.assertTrue(all(call["call_time"] < NOW for call in calls))

	def test_every_kind_appears(self):
		activities = generate_activities(self.LEADS, reference_time=NOW)
		for kind, rows in activities.items():
			with self.subTest(kind=kind):
				self.assertTrue(rows)
		self.assertTrue(all(row["sender"] or row["recipients"] for row in activities["emails"]))


class TestDemoActivitiesOnTheSite(IntegrationTestCase):
	def test_loader_gives_leads_activities_and_converts_some(self):
		frappe.db.delete("XS Call", {"reference_doctype": "XS Lead"})  # rolled back with the class
		insert_leads(generate_leads(400, seed=11), 400)
		result = ensure_demo_activities(leads=150, conversions=4, commit=False)
		self.assertGreater(result["inserted"]["calls"], 50)
		self.assertEqual(result["converted"], 4)
		converted = frappe.get_all(
			"XS Lead", filters={"converted_company": ("is", "set")}, fields=["name", "converted_company"]
		)
		self.assertGreaterEqual(len(converted), 4)
		self.assertTrue(all(row.converted_company for row in converted))

		with_calls = frappe.get_all(
			"XS Call", filters={"reference_doctype": "XS Lead"}, pluck="reference_name", limit=1
		)[0]
		self.assertTrue(get_activities(with_calls)["calls"])
		# idempotent: a second run adds nothing
		self.assertEqual(ensure_demo_activities(leads=150, conversions=4, commit=False)["converted"], 0)

	def test_only_system_managers(self):
		with as_user(make_user("xs.demo.activities@example.com", "XS Sales User")):
			with self.assertRaises(frappe.PermissionError):
				ensure_demo_activities()
