"""`xs_leads.api.search.search_leads` over REST with token auth, through a running server."""

import json

import frappe
import requests

from xs_leads.testing import IntegrationTestCase, fresh_transaction, rest_server_url
from xs_leads.tests.test_rest_api import make_api_user
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_lead

METHOD = "/api/method/xs_leads.api.search.search_leads"
RESTRICTED = "xs.rest.search.restricted@example.com"


class TestSearchREST(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.base_url = rest_server_url()
		cls.sales_user = make_api_user("xs.rest.search@example.com", "XS Sales User")
		cls.restricted = make_api_user(RESTRICTED, "XS Sales User")
		frappe.permissions.add_user_permission("XS Industry", "Construction", RESTRICTED)
		cls.bygg = make_lead(
			company_name="Zqrest Østfold Bygg AS", industry="Construction", classification="Hot", employees=80
		).name
		cls.gard = make_lead(
			company_name="Zqrest Gård AS", industry="Agriculture, forestry and fishing", employees=3
		).name
		frappe.db.commit()  # the server sees committed data only

	@classmethod
	def tearDownClass(cls):
		with fresh_transaction():
			for name in (cls.bygg, cls.gard):
				frappe.delete_doc("XS Lead", name, force=True, ignore_missing=True)
			frappe.db.delete("User Permission", {"user": RESTRICTED})
		super().tearDownClass()

	def search(self, headers, method="GET", **args) -> requests.Response:
		if method == "GET":
			params = {k: json.dumps(v) if isinstance(v, dict | list) else v for k, v in args.items()}
			return requests.get(self.base_url + METHOD, headers=headers, params=params, timeout=30)
		return requests.post(self.base_url + METHOD, headers=headers, json=args, timeout=30)

	def test_get_with_json_criteria(self):
		response = self.search(self.sales_user, criteria={"company_name": "zqrest", "employees": [">", "50"]})
		self.assertEqual(response.status_code, 200, response.text)
		result = response.json()["message"]
		self.assertEqual(set(result), {"leads", "total", "total_is_estimate"})
		self.assertEqual([lead["name"] for lead in result["leads"]], [self.bygg])
		self.assertEqual((result["total"], result["total_is_estimate"]), (1, False))
		self.assertEqual(result["leads"][0]["company_name"], "Zqrest Østfold Bygg AS")

	def test_post_with_paging_and_order(self):
		response = self.search(
			self.sales_user,
			method="POST",
			criteria={"text": "ZQREST"},
			start="1",
			page_length="1",
			order_by="company_name asc",
		)
		self.assertEqual(response.status_code, 200, response.text)
		result = response.json()["message"]
		self.assertEqual(result["total"], 2)
		self.assertEqual([lead["name"] for lead in result["leads"]], [self.bygg])  # "Gård" sorts first

	def test_user_permission_applies(self):
		result = self.search(self.restricted, criteria={"company_name": "zqrest"}).json()["message"]
		self.assertEqual([lead["name"] for lead in result["leads"]], [self.bygg])
		self.assertEqual(result["total"], 1)

	def test_bad_criteria_get_a_clear_message(self):
		for criteria, expected in (
			({"colour": "red"}, "colour"),
			({"employees": ["~", 5]}, "~"),
			({"annual_revenue": ["<", "mye"]}, "mye"),
		):
			response = self.search(self.sales_user, criteria=criteria)
			self.assertEqual(response.status_code, 417, response.text)
			self.assertIn(expected, json.dumps(response.json(), ensure_ascii=False))
		response = self.search(self.sales_user, criteria="{not json")
		self.assertEqual(response.status_code, 417, response.text)

	def test_anonymous_and_bad_token_are_refused(self):
		self.assertEqual(self.search({}, criteria={}).status_code, 403)
		bad = {"Authorization": "token nokey:nosecret"}
		self.assertIn(self.search(bad, criteria={}).status_code, (401, 403))
