"""Exports of the lead list (CSV, Excel, PDF) and vCards, through xs_leads.api.io on a real site."""

import datetime
import io
import json
import shutil
import unittest
from unittest import mock

import frappe
import vobject
from openpyxl import load_workbook

from xs_leads.api import io as lead_io
from xs_leads.domain import semicolon_csv
from xs_leads.testing import IntegrationTestCase
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_lead, make_user

CUSTOM_FIELD = "custom_xs_export_region"
CUSTOM_EMAIL_FIELD = "custom_xs_export_invoice_email"


def downloaded() -> tuple[str, bytes]:
	content = frappe.response["filecontent"]
	return frappe.response["filename"], content.encode("utf-8") if isinstance(content, str) else content


def csv_rows(content: bytes) -> list[list[str]]:
	text, _encoding = semicolon_csv.decode(content)
	return [cells for _line, cells in semicolon_csv.read_rows(text)]


class ExportTestCase(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.fisk = make_lead(
			company_name="Eksport Fisk AS",
			organisation_number="923609016",
			phone="22334455",
			employees=12,
			annual_revenue=1234567.5,
			credit_worthy=1,
			contact_status="Reached",
			classification="Hot",
			industry="Construction",
			email="post@eksportfisk.no",
			note="To linjer\nmed; semikolon",
			first_name="Åse",
			last_name="Øye",
			subject='=HYPERLINK("http://evil")',
		)
		cls.bygg = make_lead(company_name="Eksport Bygg AS", subject="@SUM(1)", classification="Cold")

	def setUp(self):
		super().setUp()
		self.addCleanup(frappe.set_user, "Administrator")

	def export(self, file_format: str, **kwargs) -> tuple[str, bytes]:
		lead_io.export_leads(file_format, **kwargs)
		return downloaded()

	def by_names(self) -> dict:
		return {"names": json.dumps([self.fisk.name, self.bygg.name])}


class TestCSVExport(ExportTestCase):
	def test_semicolons_bom_id_first_and_importer_labels(self):
		filename, content = self.export("csv", **self.by_names())
		self.assertTrue(filename.endswith(".csv"))
		self.assertTrue(content.startswith(b"\xef\xbb\xbf"))
		rows = csv_rows(content)
		header = rows[0]
		self.assertEqual(header[:3], ["ID", "Name", "Industry"])
		self.assertEqual([r[0] for r in rows[1:]], [str(self.fisk.name), str(self.bygg.name)])
		fisk = dict(zip(header, rows[1], strict=True))
		self.assertEqual(fisk["Annual Revenue"], "1234567,5")
		self.assertEqual(fisk["Number of Employees"], "12")
		self.assertEqual(fisk["Credit-worthy"], "Yes")
		self.assertEqual(fisk["Note"], "To linjer\nmed; semikolon")
		self.assertRegex(fisk["First Contact"], r"^\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d")
		self.assertIn(";", content.decode("utf-8-sig").splitlines()[0])

	def test_formula_cells_are_neutralised(self):
		_filename, content = self.export("csv", **self.by_names())
		rows = csv_rows(content)
		subject = rows[0].index("Subject")
		self.assertEqual(rows[1][subject], '\'=HYPERLINK("http://evil")')
		self.assertEqual(rows[2][subject], "'@SUM(1)")
		self.assertEqual(rows[1][rows[0].index("Phone")], "'+4722334455")

	def test_list_filters_choose_the_rows(self):
		filters = json.dumps(
			[["XS Lead", "company_name", "like", "Eksport%"], ["XS Lead", "classification", "=", "Cold"]]
		)
		_filename, content = self.export("csv", filters=filters)
		self.assertEqual([r[0] for r in csv_rows(content)[1:]], [str(self.bygg.name)])

	def test_export_needs_the_export_right(self):
		make_user("xs.export.nobody@example.com")
		frappe.set_user("xs.export.nobody@example.com")
		with self.assertRaises(frappe.PermissionError):
			self.export("csv")


class TestCustomFieldColumns(ExportTestCase):
	@classmethod
	def setUpClass(cls):
		# the column is added (and committed: DDL commits on MariaDB anyway) before any test data
		frappe.db.rollback()
		for fieldname, label, options in (
			(CUSTOM_FIELD, "Export Region", None),
			(CUSTOM_EMAIL_FIELD, "Invoice E-mail", "Email"),
		):
			if not frappe.db.exists("Custom Field", {"dt": "XS Lead", "fieldname": fieldname}):
				frappe.get_doc(
					{
						"doctype": "Custom Field",
						"dt": "XS Lead",
						"fieldname": fieldname,
						"label": label,
						"fieldtype": "Data",
						"options": options,
						"insert_after": "mobile",
					}
				).insert(ignore_permissions=True)
		frappe.db.commit()
		frappe.clear_cache(doctype="XS Lead")
		super().setUpClass()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		for name in frappe.get_all(
			"Custom Field", filters={"dt": "XS Lead", "fieldname": CUSTOM_FIELD}, pluck="name"
		):
			frappe.delete_doc("Custom Field", name, force=True, ignore_permissions=True)
		frappe.db.commit()
		frappe.clear_cache(doctype="XS Lead")
		super().tearDownClass()

	def test_custom_field_is_exported_and_imported_like_any_column(self):
		frappe.db.set_value("XS Lead", self.fisk.name, CUSTOM_FIELD, "Vestland")
		_filename, content = self.export("csv", **self.by_names())
		rows = csv_rows(content)
		region = rows[0].index("Export Region")
		self.assertEqual(rows[1][region], "Vestland")
		rows[1][region] = "Nordland"
		file_url = (
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": "custom.csv",
					"content": semicolon_csv.to_text(rows).encode(),
					"is_private": 1,
				}
			)
			.insert()
			.file_url
		)
		result = lead_io.run_import(file_url, update_existing=1, update_note=1)
		self.assertEqual(
			result["summary"], {"created": 0, "updated": 1, "unchanged": 1, "failed": 0}, result["errors"]
		)
		self.assertEqual(frappe.db.get_value("XS Lead", self.fisk.name, CUSTOM_FIELD), "Nordland")

	def test_custom_email_field_is_checked_as_frappe_checks_it(self):
		file_url = (
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": "custom-email.csv",
					"content": b"Navn;Invoice E-mail\nFaktura AS;ikke en adresse\nFaktura 2 AS;f@b.no\n",
					"is_private": 1,
				}
			)
			.insert()
			.file_url
		)
		result = lead_io.preview_import(file_url)
		self.assertEqual(result["summary"]["failed"], 1)
		self.assertEqual((result["errors"][0]["row"], result["errors"][0]["column"]), (2, "Invoice E-mail"))


class TestExcelExport(ExportTestCase):
	def test_typed_cells_bold_frozen_header_autofilter_and_widths(self):
		filename, content = self.export("xlsx", **self.by_names())
		self.assertTrue(filename.endswith(".xlsx"))
		sheet = load_workbook(io.BytesIO(content)).active
		header = [c.value for c in sheet[1]]
		self.assertEqual(header[:2], ["ID", "Name"])
		self.assertTrue(all(c.font.bold for c in sheet[1]))
		self.assertEqual(sheet.freeze_panes, "A2")
		self.assertEqual(sheet.auto_filter.ref, f"A1:{sheet.cell(1, len(header)).column_letter}3")
		row = {h: c for h, c in zip(header, sheet[2], strict=True)}
		self.assertEqual(row["ID"].value, self.fisk.name)
		self.assertEqual(row["Annual Revenue"].value, 1234567.5)
		self.assertEqual(row["Number of Employees"].value, 12)
		self.assertIs(row["Credit-worthy"].value, True)
		self.assertIsInstance(row["First Contact"].value, datetime.datetime)
		self.assertTrue(row["First Contact"].is_date)
		self.assertGreater(sheet.column_dimensions["B"].width, sheet.column_dimensions["A"].width)

	def test_formula_text_stays_text(self):
		_filename, content = self.export("xlsx", **self.by_names())
		sheet = load_workbook(io.BytesIO(content)).active
		header = [c.value for c in sheet[1]]
		cell = sheet.cell(2, header.index("Subject") + 1)
		self.assertEqual(cell.value, '=HYPERLINK("http://evil")')
		self.assertEqual(cell.data_type, "s")
		self.assertTrue(cell.quotePrefix)


class TestPDFExport(ExportTestCase):
	@unittest.skipUnless(shutil.which("wkhtmltopdf"), "wkhtmltopdf is not installed (./dev installs it)")
	def test_basic_printable_list(self):
		filename, content = self.export("pdf", **self.by_names())
		self.assertTrue(filename.endswith(".pdf"))
		self.assertTrue(content.startswith(b"%PDF"))
		from pypdf import PdfReader

		text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).replace(
			"\t", " "
		)
		self.assertIn("Eksport Fisk AS", text)
		self.assertIn("Eksport Bygg AS", text)

	def test_missing_pdf_tool_is_a_clear_error(self):
		with mock.patch("frappe.utils.pdf.get_pdf", side_effect=OSError("No wkhtmltopdf executable found")):
			with self.assertRaisesRegex(frappe.ValidationError, "wkhtmltopdf"):
				self.export("pdf", **self.by_names())

	def test_unknown_format_is_refused(self):
		with self.assertRaises(frappe.ValidationError):
			self.export("docx")


class TestVCardDownload(ExportTestCase):
	def test_one_lead_as_vcard(self):
		lead_io.download_vcard(lead=str(self.fisk.name))
		filename, content = downloaded()
		self.assertEqual(filename, "Eksport Fisk AS.vcf")
		card = vobject.readOne(content.decode("utf-8"))
		self.assertEqual(card.fn.value, "Åse Øye")
		self.assertEqual(card.org.value, ["Eksport Fisk AS"])
		self.assertEqual(card.email.value, "post@eksportfisk.no")
		self.assertEqual(card.note.value, "To linjer\nmed; semikolon")
		self.assertEqual(card.contents["x-organisation-number"][0].value, "923609016")

	def test_selected_leads_in_one_file(self):
		lead_io.download_vcard(names=json.dumps([self.fisk.name, self.bygg.name]))
		_filename, content = downloaded()
		cards = list(vobject.readComponents(content.decode("utf-8")))
		self.assertEqual([c.org.value[0] for c in cards], ["Eksport Fisk AS", "Eksport Bygg AS"])

	def test_vcard_is_permission_checked(self):
		make_user("xs.vcard.nobody@example.com")
		frappe.set_user("xs.vcard.nobody@example.com")
		with self.assertRaises(frappe.PermissionError):
			lead_io.download_vcard(lead=str(self.fisk.name))
