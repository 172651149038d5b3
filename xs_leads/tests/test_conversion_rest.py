"""Activities and conversion over REST (token auth), as XS Sales User and as a user without the role.

Runs against the test server (XS_LEADS_TEST_SERVER); everything it writes is committed by the
server, so the class removes it afterwards.
"""

import json
import time

import frappe
import requests

from xs_leads.services.bulk_conversion import INLINE_LIMIT
from xs_leads.testing import IntegrationTestCase, fresh_transaction, rest_server_url
from xs_leads.tests.activity_factories import unique_organisation_number
from xs_leads.tests.test_rest_api import make_api_user

PREFIX = "REST Konv"
METHOD = "/api/method/xs_leads.api"


class TestConversionREST(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.base_url = rest_server_url()
		cls.sales_user = make_api_user("xs.rest.converter@example.com", "XS Sales User")
		cls.outsider = make_api_user("xs.rest.norole@example.com")
		cls.logs: list = []

	@classmethod
	def tearDownClass(cls):
		with fresh_transaction():
			cls.remove_what_was_made()
		super().tearDownClass()

	@classmethod
	def remove_what_was_made(cls):
		cls.wait_for_logs()
		leads = frappe.get_all("XS Lead", filters={"company_name": ("like", f"{PREFIX}%")}, pluck="name")
		companies = frappe.get_all(
			"XS Company", filters={"company_name": ("like", f"{PREFIX}%")}, pluck="name"
		)
		references = [str(name) for name in leads + companies]
		for doctype in ("XS Call", "XS Note"):
			if references:
				frappe.db.delete(doctype, {"reference_name": ("in", references)})
		frappe.db.delete("XS Opportunity", {"title": ("like", f"{PREFIX}%")})
		for contact in frappe.get_all(
			"Contact", filters={"company_name": ("like", f"{PREFIX}%")}, pluck="name"
		):
			frappe.delete_doc("Contact", contact, force=True, ignore_permissions=True)
		frappe.db.delete("XS Company", {"company_name": ("like", f"{PREFIX}%")})
		frappe.db.delete("XS Lead", {"company_name": ("like", f"{PREFIX}%")})
		for log in cls.logs:
			frappe.db.delete("XS Lead Conversion Log", {"name": log})

	@classmethod
	def wait_for_logs(cls, timeout: float = 120):
		"""A queued job still running would convert leads while they are being removed."""
		from frappe.utils.background_jobs import get_job, get_workers

		deadline = time.monotonic() + timeout
		for log in cls.logs:
			if not get_workers():
				job = get_job(f"xs_lead_conversion::{log}")
				if job:
					job.delete()
				continue
			while time.monotonic() < deadline:
				frappe.db.rollback()
				if frappe.db.get_value("XS Lead Conversion Log", log, "status") not in ("Queued", "Running"):
					break
				time.sleep(0.5)

	def call(self, method: str, path: str, headers: dict, **kwargs) -> requests.Response:
		return requests.request(method, self.base_url + path, headers=headers, timeout=60, **kwargs)

	def create(self, doctype: str, **fields) -> dict:
		response = self.call("POST", f"/api/resource/{doctype}", self.sales_user, json=fields)
		self.assertEqual(response.status_code, 200, response.text)
		return response.json()["data"]

	def make_lead(self, suffix: str, **fields) -> dict:
		values = {"company_name": f"{PREFIX} {suffix}", "first_name": "Kari", "last_name": "Nordmann"}
		return self.create("XS Lead", **{**values, **fields})

	def test_activities(self):
		lead = self.make_lead("Aktiviteter")
		self.create("XS Call", reference_doctype="XS Lead", reference_name=lead["name"], outcome="Reached")
		self.create("XS Note", reference_doctype="XS Lead", reference_name=lead["name"], title="Notat")

		response = self.call(
			"GET", f"{METHOD}.activities.get_activities", self.sales_user, params={"lead": lead["name"]}
		)
		self.assertEqual(response.status_code, 200, response.text)
		activities = response.json()["message"]
		self.assertEqual(
			{kind: len(rows) for kind, rows in activities.items()},
			{"appointments": 0, "calls": 1, "tasks": 0, "notes": 1, "emails": 0},
		)
		read = self.call("GET", f"/api/resource/XS Lead/{lead['name']}", self.sales_user).json()["data"]
		self.assertEqual(read["contact_status"], "Reached")  # the call set it

		refused = self.call(
			"GET", f"{METHOD}.activities.get_activities", self.outsider, params={"lead": lead["name"]}
		)
		self.assertEqual(refused.status_code, 403)

	def test_preview_then_convert(self):
		number = unique_organisation_number()
		lead = self.make_lead("Enkel", organisation_number=number, email="kari@restkonv.no")
		self.create("XS Call", reference_doctype="XS Lead", reference_name=lead["name"], outcome="Busy")
		options = {
			"create_opportunity": "1",
			"opportunity_title": f"{PREFIX} salg",
			"company_type": "Supplier",
		}

		preview = self.call(
			"GET",
			f"{METHOD}.conversion.preview_conversion",
			self.sales_user,
			params={"lead": lead["name"], "options": json.dumps(options)},
		)
		self.assertEqual(preview.status_code, 200, preview.text)
		self.assertEqual(
			preview.json()["message"],
			{
				"company": None,
				"company_created": True,
				"contact": None,
				"contact_created": True,
				"opportunity": None,
				"moved": {"Event": 0, "XS Call": 1, "ToDo": 0, "XS Note": 0, "Communication": 0},
				"lead_action": "deactivated",
			},
		)

		converted = self.call(
			"POST",
			f"{METHOD}.conversion.convert_lead",
			self.sales_user,
			json={"lead": lead["name"], "options": options},
		)
		self.assertEqual(converted.status_code, 200, converted.text)
		result = converted.json()["message"]
		self.assertTrue(result["company"] and result["contact"] and result["opportunity"])
		self.assertEqual(result["moved"]["XS Call"], 1)
		company = self.call("GET", f"/api/resource/XS Company/{result['company']}", self.sales_user).json()[
			"data"
		]
		self.assertEqual((company["organisation_number"], company["relation_type"]), (number, "Supplier"))
		lead_now = self.call("GET", f"/api/resource/XS Lead/{lead['name']}", self.sales_user).json()["data"]
		self.assertEqual(
			(lead_now["deactivated"], str(lead_now["converted_company"])), (1, str(result["company"]))
		)

		again = self.call(
			"POST", f"{METHOD}.conversion.convert_lead", self.sales_user, json={"lead": lead["name"]}
		)
		self.assertEqual(again.status_code, 417)
		self.assertIn(f"{PREFIX} Enkel", again.text)

	def test_bad_options_and_refusals(self):
		lead = self.make_lead("Avvist")
		bad = self.call(
			"POST",
			f"{METHOD}.conversion.convert_lead",
			self.sales_user,
			json={"lead": lead["name"], "options": {"company_type": "Venn"}},
		)
		self.assertEqual(bad.status_code, 417)
		self.assertIn("Venn", bad.text)
		delete = self.call(
			"POST",
			f"{METHOD}.conversion.convert_lead",
			self.sales_user,
			json={"lead": lead["name"], "options": {"lead_action": "Delete"}},
		)
		self.assertEqual(delete.status_code, 403)
		for method, path, payload in (
			("GET", "preview_conversion", {"params": {"lead": lead["name"]}}),
			("POST", "convert_lead", {"json": {"lead": lead["name"]}}),
			("POST", "convert_leads", {"json": {"leads": [lead["name"]]}}),
		):
			with self.subTest(path=path):
				response = self.call(method, f"{METHOD}.conversion.{path}", self.outsider, **payload)
				self.assertEqual(response.status_code, 403, response.text)
		anonymous = self.call("POST", f"{METHOD}.conversion.convert_lead", {}, json={"lead": lead["name"]})
		self.assertEqual(anonymous.status_code, 403)
		state = self.call("GET", f"/api/resource/XS Lead/{lead['name']}", self.sales_user).json()["data"]
		self.assertFalse(state.get("converted_on"))

	def test_convert_leads_inline(self):
		leads = [self.make_lead(f"Bulk {i}") for i in range(2)]
		response = self.call(
			"POST",
			f"{METHOD}.conversion.convert_leads",
			self.sales_user,
			json={"leads": [lead["name"] for lead in leads] + [77777777], "options": {"create_contact": 0}},
		)
		self.assertEqual(response.status_code, 200, response.text)
		summary = response.json()["message"]
		self.assertEqual([row["lead"] for row in summary["converted"]], [lead["name"] for lead in leads])
		self.assertTrue(all(row["contact"] is None for row in summary["converted"]))
		self.assertEqual([row["lead"] for row in summary["failed"]], [77777777])

	def test_convert_leads_queued_with_a_log_readable_over_rest(self):
		leads = [self.make_lead(f"Kø {i}") for i in range(INLINE_LIMIT + 1)]
		response = self.call(
			"POST",
			f"{METHOD}.conversion.convert_leads",
			self.sales_user,
			data={
				"leads": json.dumps([lead["name"] for lead in leads]),
				"options": json.dumps({"lead_action": "Keep"}),
			},
		)
		self.assertEqual(response.status_code, 200, response.text)
		answer = response.json()["message"]
		self.logs.append(answer["log"])
		self.assertEqual((answer["queued"], answer["total"]), (True, INLINE_LIMIT + 1))
		log = self.call("GET", f"/api/resource/XS Lead Conversion Log/{answer['log']}", self.sales_user)
		self.assertEqual(log.status_code, 200, log.text)
		data = log.json()["data"]
		self.assertIn(data["status"], ("Queued", "Running", "Completed"))
		self.assertEqual(data["total_leads"], INLINE_LIMIT + 1)
		self.assertEqual(
			self.call(
				"GET", f"/api/resource/XS Lead Conversion Log/{answer['log']}", self.outsider
			).status_code,
			403,
		)
