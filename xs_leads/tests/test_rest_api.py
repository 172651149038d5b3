"""XS Lead over Frappe's REST API, through a running server with token auth.

The server's address comes from XS_LEADS_TEST_SERVER (the development runtime starts one);
on a bench without it, the site's own URL is used (run `bench start` first); with no server
answering, the tests are skipped.
"""

import json

import frappe
import requests

from xs_leads.demo.loader import api_credentials_for
from xs_leads.testing import IntegrationTestCase, fresh_transaction, rest_server_url
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_user

RESOURCE = "/api/resource/XS Lead"


def make_api_user(email: str, *roles: str) -> dict:
	"""Request headers of a committed user with the given roles: the server sees only committed data."""
	make_user(email, *roles)
	credentials = api_credentials_for(email)  # commits
	return {"Authorization": credentials["header"], "Accept": "application/json"}


class TestXSLeadREST(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.base_url = rest_server_url()
		cls.sales_user = make_api_user("xs.rest.user@example.com", "XS Sales User")
		cls.manager = make_api_user("xs.rest.manager@example.com", "XS Sales Manager")
		cls.created: list[int] = []

	@classmethod
	def tearDownClass(cls):
		with fresh_transaction():
			for name in cls.created:
				frappe.delete_doc("XS Lead", name, force=True, ignore_missing=True)
		super().tearDownClass()

	def call(self, method: str, path: str, headers: dict | None = None, **kwargs) -> requests.Response:
		return requests.request(method, self.base_url + path, headers=headers, timeout=30, **kwargs)

	def create(self, headers: dict, **fields) -> dict:
		response = self.call("POST", RESOURCE, headers, json=fields)
		self.assertEqual(response.status_code, 200, response.text)
		lead = response.json()["data"]
		self.created.append(lead["name"])
		return lead

	def test_create_read_update_as_sales_user(self):
		lead = self.create(
			self.sales_user,
			company_name="Trøndelag Regnskap DA",
			organisation_number="923 609 016",
			phone="73 00 00 00",
		)
		self.assertIsInstance(lead["name"], int)
		self.assertEqual(lead["organisation_number"], "923609016")
		self.assertEqual(lead["phone"], "+4773000000")
		self.assertEqual(lead["contact_status"], "Not Contacted")
		self.assertEqual(lead["owner"], "xs.rest.user@example.com")

		path = f"{RESOURCE}/{lead['name']}"
		updated = self.call(
			"PUT", path, self.sales_user, json={"contact_status": "Reached", "classification": "Hot"}
		)
		self.assertEqual(updated.status_code, 200, updated.text)
		self.assertTrue(updated.json()["data"]["first_contact"])

		read = self.call("GET", path, self.sales_user).json()["data"]
		self.assertEqual((read["company_name"], read["classification"]), ("Trøndelag Regnskap DA", "Hot"))

	def test_invalid_input_is_refused_with_a_message(self):
		response = self.call(
			"POST",
			RESOURCE,
			self.sales_user,
			json={"company_name": "X AS", "organisation_number": "123456789"},
		)
		self.assertEqual(response.status_code, 417)
		self.assertIn("123456789", json.dumps(response.json()))

	def test_list_with_filters(self):
		hot = self.create(
			self.sales_user, company_name="Filtertest Hot AS", classification="Hot", industry="Construction"
		)
		self.create(
			self.sales_user, company_name="Filtertest Cold AS", classification="Cold", industry="Construction"
		)
		params = {
			"filters": json.dumps([["company_name", "like", "Filtertest%"], ["classification", "=", "Hot"]]),
			"fields": json.dumps(["name", "company_name", "industry"]),
		}
		response = self.call("GET", RESOURCE, self.sales_user, params=params)
		self.assertEqual(response.status_code, 200, response.text)
		self.assertEqual(
			response.json()["data"],
			[{"name": hot["name"], "company_name": "Filtertest Hot AS", "industry": "Construction"}],
		)

	def test_delete_only_by_manager(self):
		lead = self.create(self.sales_user, company_name="Slettes AS")
		path = f"{RESOURCE}/{lead['name']}"
		self.assertEqual(self.call("DELETE", path, self.sales_user).status_code, 403)
		self.assertEqual(self.call("GET", path, self.manager).status_code, 200)
		self.assertEqual(self.call("DELETE", path, self.manager).status_code, 202)
		self.assertEqual(self.call("GET", path, self.manager).status_code, 404)

	def test_anonymous_and_bad_token_are_refused(self):
		self.assertEqual(self.call("GET", RESOURCE).status_code, 403)
		bad = {"Authorization": "token nokey:nosecret"}
		self.assertIn(self.call("GET", RESOURCE, bad).status_code, (401, 403))
		self.assertEqual(self.call("POST", RESOURCE, json={"company_name": "Gjest AS"}).status_code, 403)
