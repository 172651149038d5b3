"""Lead files over REST with token auth: upload, preview, run, the import record, exports, template, vCard."""

import io
import json

import frappe
import requests
import vobject
from openpyxl import load_workbook

from xs_leads.domain import semicolon_csv
from xs_leads.testing import IntegrationTestCase, fresh_transaction, rest_server_url
from xs_leads.tests.test_rest_api import make_api_user

METHOD = "/api/method/xs_leads.api.io."


class TestLeadFilesREST(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.base_url = rest_server_url()
		cls.manager = make_api_user("xs.io.manager@example.com", "XS Sales Manager")
		cls.sales_user = make_api_user("xs.io.user@example.com", "XS Sales User")

	@classmethod
	def tearDownClass(cls):
		with fresh_transaction():  # the server committed what it wrote
			frappe.db.delete("XS Lead", {"company_name": ["like", "REST-import %"]})
			frappe.db.delete("XS Lead Import", {"owner": "xs.io.manager@example.com"})
		super().tearDownClass()

	def call(self, method: str, path: str, headers: dict, **kwargs) -> requests.Response:
		return requests.request(method, self.base_url + path, headers=headers, timeout=60, **kwargs)

	def upload(self, content: str, headers: dict) -> str:
		response = self.call(
			"POST",
			"/api/method/upload_file",
			headers,
			files={"file": ("leads.csv", content.encode("utf-8"), "text/csv")},
			data={"is_private": 1},
		)
		self.assertEqual(response.status_code, 200, response.text)
		return response.json()["message"]["file_url"]

	def test_upload_preview_run_and_read_the_import_record(self):
		file_url = self.upload(
			"Navn;Klassifisering;Antall ansatte\nREST-import Alfa AS;Het;1 200\nREST-import Beta AS;Lunken;2\n",
			self.manager,
		)
		options = {"file_url": file_url, "has_header_row": "1", "update_existing": "0", "update_note": "0"}

		preview = self.call("POST", METHOD + "preview_import", self.manager, json=options)
		self.assertEqual(preview.status_code, 200, preview.text)
		message = preview.json()["message"]
		self.assertEqual(message["summary"], {"created": 1, "updated": 0, "unchanged": 0, "failed": 1})
		self.assertEqual([r["action"] for r in message["rows"]], ["create", "error"])
		self.assertEqual(message["errors"][0]["row"], 3)

		run = self.call("POST", METHOD + "run_import", self.manager, json=options)
		self.assertEqual(run.status_code, 200, run.text)
		result = run.json()["message"]
		self.assertEqual(result["summary"]["created"], 1)
		record = self.call("GET", f"/api/resource/XS Lead Import/{result['import']}", self.manager)
		self.assertEqual(record.status_code, 200, record.text)
		data = record.json()["data"]
		self.assertEqual((data["status"], data["created"], data["failed"]), ("Completed with Errors", 1, 1))
		self.assertEqual(json.loads(data["errors"])[0]["column"], "Klassifisering")
		leads = self.call(
			"GET",
			"/api/resource/XS Lead",
			self.manager,
			params={
				"filters": json.dumps([["company_name", "like", "REST-import Alfa%"]]),
				"fields": '["employees"]',
			},
		)
		self.assertEqual(leads.json()["data"], [{"employees": 1200}])

	def test_sales_user_may_not_import(self):
		file_url = self.upload("Navn\nREST-import Nei AS\n", self.sales_user)
		response = self.call("POST", METHOD + "run_import", self.sales_user, json={"file_url": file_url})
		self.assertEqual(response.status_code, 403, response.text)

	def test_template_export_and_vcard_downloads(self):
		template = self.call("GET", METHOD + "download_template", self.manager)
		self.assertEqual(template.status_code, 200, template.text)
		self.assertTrue(template.content.startswith(b"\xef\xbb\xbf"))
		self.assertIn("attachment", template.headers.get("Content-Disposition", ""))

		file_url = self.upload("Navn;E-post;Etternavn\nREST-import Vcard AS;v@rest.no;Hansen\n", self.manager)
		created = self.call("POST", METHOD + "run_import", self.manager, json={"file_url": file_url}).json()
		self.assertEqual(created["message"]["summary"]["created"], 1, created)
		frappe.db.rollback()  # a fresh snapshot, with what the server committed
		name = frappe.db.get_value("XS Lead", {"company_name": "REST-import Vcard AS"})

		csv_export = self.call(
			"GET",
			METHOD + "export_leads",
			self.sales_user,
			params={"file_format": "csv", "names": json.dumps([name])},
		)
		self.assertEqual(csv_export.status_code, 200, csv_export.text)
		rows = list(semicolon_csv.read_rows(semicolon_csv.decode(csv_export.content)[0]))
		self.assertEqual(rows[1][1][:2], [str(name), "REST-import Vcard AS"])

		xlsx = self.call(
			"GET",
			METHOD + "export_leads",
			self.sales_user,
			params={"file_format": "xlsx", "names": json.dumps([name])},
		)
		self.assertEqual(xlsx.status_code, 200, xlsx.text)
		self.assertEqual(load_workbook(io.BytesIO(xlsx.content)).active.cell(2, 1).value, name)

		vcard = self.call("GET", METHOD + "download_vcard", self.sales_user, params={"lead": name})
		self.assertEqual(vcard.status_code, 200, vcard.text)
		card = vobject.readOne(vcard.content.decode("utf-8"))
		self.assertEqual((card.org.value, card.email.value), (["REST-import Vcard AS"], "v@rest.no"))

		self.assertEqual(
			self.call("GET", METHOD + "download_vcard", {}, params={"lead": name}).status_code, 403
		)
