"""The semicolon CSV importer through its endpoints (xs_leads.api.io), on a real site."""

import codecs
import json
import time

import frappe
from frappe.utils import get_datetime

from xs_leads.api import io as lead_io
from xs_leads.demo.loader import ensure_demo_sales_people
from xs_leads.domain import semicolon_csv
from xs_leads.lead_io.columns import cell_text, lead_columns
from xs_leads.testing import IntegrationTestCase, fresh_transaction
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_lead, make_user

HEADER = "Navn;Bransje;Telefon;Antall ansatte;Årlig omsetning;Kredittverdig;Klassifisering;Ansvarlig;E-post"


def upload(content: str | bytes, name: str = "leads.csv") -> str:
	"""A private File holding `content`, as the Desk and REST clients upload it; its URL."""
	data = content.encode("utf-8") if isinstance(content, str) else content
	return (
		frappe.get_doc({"doctype": "File", "file_name": name, "content": data, "is_private": 1})
		.insert()
		.file_url
	)


def leads_named(*names: str) -> dict[str, dict]:
	rows = frappe.get_all("XS Lead", filters={"company_name": ["in", names]}, fields=["*"])
	return {row.company_name: row for row in rows}


def downloaded() -> bytes:
	content = frappe.response["filecontent"]
	return content.encode("utf-8") if isinstance(content, str) else content


class ImportTestCase(IntegrationTestCase):
	def setUp(self):
		super().setUp()
		frappe.set_user("Administrator")
		self.addCleanup(frappe.set_user, "Administrator")

	def run_file(self, content, **options) -> dict:
		return lead_io.run_import(upload(content), **options)

	def preview_file(self, content, **options) -> dict:
		return lead_io.preview_import(upload(content), **options)


class TestImportCreates(ImportTestCase):
	def test_norwegian_header_and_values(self):
		ensure_demo_sales_people()
		result = self.run_file(
			HEADER + "\n"
			"Fjordfisk AS;Bygge- og anleggsvirksomhet;22 33 44 55;1 200;1.234.567,50;Ja;Het;Ola Nordmann;post@fjordfisk.no\n"
			"Tindebygg AS;F;+47 912 34 567;3;12500;x;Cold;kari.nordmann@example.com;\n"
		)
		self.assertEqual(result["summary"], {"created": 2, "updated": 0, "unchanged": 0, "failed": 0})
		self.assertEqual(result["errors"], [])
		leads = leads_named("Fjordfisk AS", "Tindebygg AS")
		fisk = leads["Fjordfisk AS"]
		self.assertEqual(fisk.industry, "Construction")
		self.assertEqual(fisk.phone, "+4722334455")
		self.assertEqual(fisk.employees, 1200)
		self.assertEqual(float(fisk.annual_revenue), 1234567.5)
		self.assertEqual((fisk.credit_worthy, fisk.classification), (1, "Hot"))
		self.assertEqual(fisk.responsible, "ola.nordmann@example.com")
		self.assertEqual(fisk.contact_status, "Not Contacted")
		self.assertEqual((fisk.owner, fisk.modified_by), ("Administrator", "Administrator"))
		bygg = leads["Tindebygg AS"]
		self.assertEqual((bygg.industry, bygg.mobile or bygg.phone), ("Construction", "+4791234567"))
		self.assertEqual((bygg.classification, bygg.responsible), ("Cold", "kari.nordmann@example.com"))
		record = frappe.get_doc("XS Lead Import", result["import"])
		self.assertEqual((record.status, record.created, record.failed), ("Completed", 2, 0))

	def test_english_labels_and_fieldnames_in_any_order_any_case(self):
		result = self.run_file("EMAIL;company_name;FIRST CONTACT STATUS\nhei@a.no;Alfa AS;Reached\n")
		self.assertEqual(result["summary"]["created"], 1)
		lead = leads_named("Alfa AS")["Alfa AS"]
		self.assertEqual((lead.email, lead.contact_status), ("hei@a.no", "Reached"))
		self.assertTrue(lead.first_contact, "leaving Not Contacted stamps the first contact, as in the form")

	def test_without_header_the_template_order_applies(self):
		columns = lead_columns()
		values = {"company_name": "Uten Overskrift AS", "employees": "7", "contact_status": "Kontakt oppnådd"}
		row = ";".join(values.get(c.fieldname, "") for c in columns)
		result = self.run_file(row + "\n", has_header_row=0)
		self.assertEqual(result["summary"]["created"], 1, result["errors"])
		lead = leads_named("Uten Overskrift AS")["Uten Overskrift AS"]
		self.assertEqual((lead.employees, lead.contact_status), (7, "Reached"))
		bad = dict(values, employees="sju")
		result = self.run_file(";".join(bad.get(c.fieldname, "") for c in columns) + "\n", has_header_row=0)
		position = next(i for i, c in enumerate(columns, 1) if c.fieldname == "employees")
		self.assertEqual([(e["row"], e["column"]) for e in result["errors"]], [(1, position)])

	def test_a_row_with_only_an_e_mail_is_named_by_it_as_in_the_form(self):
		result = self.run_file("Navn;E-post\n;bare.epost@eksempel.no\n")
		self.assertEqual(result["summary"]["created"], 1, result["errors"])
		self.assertIn("bare.epost@eksempel.no", leads_named("bare.epost@eksempel.no"))

	def test_unknown_columns_are_reported_not_dropped_silently(self):
		result = self.run_file("Navn;Region;Favorittfarge\nBeta AS;Vest;blå\n")
		self.assertEqual(result["summary"]["created"], 1)
		self.assertEqual(
			[(e["row"], e["column"]) for e in result["errors"]], [(1, "Region"), (1, "Favorittfarge")]
		)

	def test_each_encoding_keeps_norwegian_letters(self):
		text = "Navn;Notat\nÆrfugl Økonomi Ålesund AS;«Blåbær» – 5 €\n"
		cases = {
			"utf-8": text.encode("utf-8"),
			"utf-8 BOM": codecs.BOM_UTF8 + text.encode("utf-8"),
			"windows-1252": text.encode("cp1252"),
			"iso-8859-1": text.replace("«", '"').replace("»", '"').replace(" – 5 €", "").encode("latin-1"),
		}
		for name, data in cases.items():
			with self.subTest(name):
				frappe.db.delete("XS Lead", {"company_name": "Ærfugl Økonomi Ålesund AS"})
				result = self.run_file(data)
				self.assertEqual(result["summary"]["created"], 1, result["errors"])
				lead = leads_named("Ærfugl Økonomi Ålesund AS")["Ærfugl Økonomi Ålesund AS"]
				self.assertIn("Blåbær", lead.note)

	def test_bad_rows_are_reported_beside_imported_good_ones(self):
		result = self.run_file(
			"Navn;Organisasjonsnr.;E-post;Antall ansatte;Stiftet\n"
			"God AS;923 609 016;a@b.no;5;\n"
			"Dårlig AS;123456789;ikke-epost;-3;\n"
			";;;;\n"
			"\n"
			";988077917;;;\n"
			"Også God AS;;;;\n"
		)
		self.assertEqual(
			result["summary"], {"created": 2, "updated": 0, "unchanged": 0, "failed": 2}, result["errors"]
		)
		errors = {(e["row"], e["column"]) for e in result["errors"]}
		self.assertIn((1, "Stiftet"), errors)
		self.assertIn((3, "Organisasjonsnr."), errors)
		self.assertIn((3, "E-post"), errors)
		self.assertIn((3, "Antall ansatte"), errors)
		self.assertIn((6, "Navn"), errors)  # mandatory, on the line it is in the file
		message = next(e["message"] for e in result["errors"] if e["column"] == "Organisasjonsnr.")
		self.assertIn("123456789", message)  # the form's own message
		self.assertEqual(set(leads_named("God AS", "Dårlig AS", "Også God AS")), {"God AS", "Også God AS"})
		self.assertEqual(frappe.get_doc("XS Lead Import", result["import"]).status, "Completed with Errors")

	def test_html_is_sanitised_as_the_form_sanitises_it(self):
		dangerous = 'Skurk <img src=x onerror="alert(1)"> AS'
		form = make_lead(company_name=dangerous, subject="<script>alert(2)</script>Ring")
		result = self.run_file(f"Navn;Emne;E-post\n{dangerous};<script>alert(2)</script>Ring;a@b.no\n")
		self.assertEqual(result["summary"]["created"], 1, result["errors"])
		imported = frappe.get_last_doc("XS Lead", filters={"email": "a@b.no"})
		self.assertNotIn("onerror", imported.company_name)
		self.assertEqual((imported.company_name, imported.subject), (form.company_name, form.subject))

	def test_preview_writes_nothing(self):
		before = frappe.db.count("XS Lead"), frappe.db.count("XS Lead Import")
		result = self.preview_file("Navn;Klassifisering\nForhånd AS;Kald\nFeil AS;Lunken\n")
		self.assertEqual(result["summary"], {"created": 1, "updated": 0, "unchanged": 0, "failed": 1})
		self.assertEqual([r["action"] for r in result["rows"]], ["create", "error"])
		self.assertEqual(result["rows"][0]["classification"], "Cold")
		self.assertEqual(result["rows"][1]["classification"], "Lunken")
		self.assertEqual(result["errors"][0]["row"], 3)
		self.assertEqual((frappe.db.count("XS Lead"), frappe.db.count("XS Lead Import")), before)

	def test_template_reimports_cleanly(self):
		lead_io.download_template()
		content = downloaded()
		self.assertTrue(content.startswith(codecs.BOM_UTF8))
		header = content.decode("utf-8-sig").splitlines()[0].split(";")
		self.assertEqual(header[:2], ["ID", "Name"])
		result = self.run_file(content)
		self.assertEqual(result["errors"], [])
		self.assertEqual(result["summary"]["created"], 1)
		lead = leads_named("Eksempel Bygg AS")["Eksempel Bygg AS"]
		self.assertEqual(
			(lead.organisation_number, lead.website), ("923609016", "https://www.eksempelbygg.no")
		)

	def test_update_note_needs_update_existing(self):
		with self.assertRaises(frappe.ValidationError):
			self.preview_file("Navn\nX AS\n", update_note=1)


class TestImportUpdates(ImportTestCase):
	def test_update_create_and_unknown_id(self):
		lead = make_lead(company_name="Gammel AS", subject="Ring", phone="22334455", note="Første notat")
		missing = lead.name + 100000
		result = self.run_file(
			f"ID;Navn;Emne;Notat\n{lead.name};Ny AS;Møte;Nytt notat\n;Helt Ny AS;;\n{missing};Borte AS;;\n",
			update_existing=1,
		)
		self.assertEqual(
			result["summary"], {"created": 1, "updated": 1, "unchanged": 0, "failed": 1}, result["errors"]
		)
		self.assertEqual(result["errors"][0]["row"], 4)
		self.assertEqual(result["errors"][0]["column"], "ID")
		lead.reload()
		self.assertEqual((lead.company_name, lead.subject), ("Ny AS", "Møte"))
		self.assertEqual(lead.phone, "+4722334455", "a column the file lacks is left alone")
		self.assertEqual(lead.note, "Første notat", "the note stays without 'update note'")
		self.assertIn("Helt Ny AS", leads_named("Helt Ny AS"))
		self.assertNotIn("Borte AS", leads_named("Borte AS"))

	def test_note_overwritten_only_with_update_note(self):
		lead = make_lead(company_name="Notat AS", note="Gammelt")
		result = self.run_file(
			f"ID;Navn;Notat\n{lead.name};Notat AS;Nytt\n", update_existing=1, update_note=1
		)
		self.assertEqual(result["summary"]["updated"], 1)
		self.assertEqual(frappe.db.get_value("XS Lead", lead.name, "note"), "Nytt")

	def test_without_update_existing_ids_are_ignored_and_rows_create(self):
		lead = make_lead(company_name="Original AS")
		result = self.run_file(f"ID;Navn\n{lead.name};Kopi AS\nikke-tall;Kopi 2 AS\n")
		self.assertEqual(result["summary"]["created"], 2, result["errors"])
		self.assertEqual(frappe.db.get_value("XS Lead", lead.name, "company_name"), "Original AS")

	def test_update_writes_modified_and_a_version_of_the_changes(self):
		lead = make_lead(company_name="Versjon AS", employees=5, contact_status="Not Contacted")
		frappe.db.set_value("XS Lead", lead.name, "modified_by", "someone@example.com", update_modified=False)
		result = self.run_file(
			f"ID;Antall ansatte;Status første kontakt\n{lead.name};8;kontakt OPPNÅDD\n", update_existing=1
		)
		self.assertEqual(result["summary"]["updated"], 1, result["errors"])
		row = frappe.db.get_value(
			"XS Lead",
			lead.name,
			["employees", "contact_status", "first_contact", "modified", "modified_by"],
			as_dict=True,
		)
		self.assertEqual((row.employees, row.contact_status), (8, "Reached"))
		self.assertTrue(row.first_contact, "the form's first-contact rule applies to updates too")
		self.assertEqual(row.modified_by, "Administrator")
		self.assertGreater(get_datetime(row.modified), get_datetime(lead.modified))
		version = frappe.get_last_doc(
			"Version", filters={"ref_doctype": "XS Lead", "docname": str(lead.name)}
		)
		changed = {field: [old, new] for field, old, new in json.loads(version.data)["changed"]}
		self.assertEqual(set(changed), {"employees", "contact_status", "first_contact"})
		self.assertEqual(changed["contact_status"], ["Not Contacted", "Reached"])

	def test_same_file_twice_reports_every_row_unchanged(self):
		leads = [make_lead(company_name=f"Stabil {i} AS", annual_revenue=1000.5 * i) for i in range(3)]
		content = "ID;Navn;Årlig omsetning;Notat\n" + "".join(
			f"{lead.name};Stabil {i} AS;{1000.5 * i:.2f};x\n".replace(".", ",")
			for i, lead in enumerate(leads)
		)
		first = self.run_file(content, update_existing=1)
		second = self.run_file(content, update_existing=1)
		self.assertEqual(first["summary"]["unchanged"], 3, first["errors"])
		self.assertEqual(second["summary"], {"created": 0, "updated": 0, "unchanged": 3, "failed": 0})

	def test_same_id_twice_is_an_error(self):
		lead = make_lead(company_name="Dobbel AS")
		result = self.run_file(f"ID;Emne\n{lead.name};A\n{lead.name};B\n", update_existing=1)
		self.assertEqual(result["summary"]["failed"], 1)
		self.assertEqual(result["errors"][0]["row"], 3)
		self.assertEqual(frappe.db.get_value("XS Lead", lead.name, "subject"), "A")


class TestRoundTrip(ImportTestCase):
	def test_export_edit_import_updates_exactly_the_edited_cells(self):
		leads = [
			make_lead(
				company_name=f"Rundtur {i} AS",
				organisation_number="923609016",
				phone="22334455",
				email=f"post{i}@rundtur.no",
				annual_revenue=1234.56 * (i + 1),
				employees=i,
				classification="Hot",
				industry="Construction",
				note=f"Notat {i}\nandre linje; med semikolon",
				subject='=HYPERLINK("http://x")' if i == 0 else "",
			)
			for i in range(3)
		]
		names = [lead.name for lead in leads]
		lead_io.export_leads("csv", names=json.dumps(names))
		exported = downloaded()
		unchanged = self.run_file(exported, update_existing=1, update_note=1)
		self.assertEqual(
			unchanged["summary"],
			{"created": 0, "updated": 0, "unchanged": 3, "failed": 0},
			unchanged["errors"],
		)

		text, _encoding = semicolon_csv.decode(exported)
		rows = [cells for _line, cells in semicolon_csv.read_rows(text)]
		header = rows[0]
		rows[2][header.index("Subject")] = "Endret emne"
		rows[3][header.index("Number of Employees")] = "42"
		edited = self.run_file(semicolon_csv.to_text(rows), update_existing=1, update_note=1)
		self.assertEqual(
			edited["summary"], {"created": 0, "updated": 2, "unchanged": 1, "failed": 0}, edited["errors"]
		)
		self.assertEqual(frappe.db.get_value("XS Lead", names[1], "subject"), "Endret emne")
		self.assertEqual(frappe.db.get_value("XS Lead", names[2], "employees"), 42)
		for name in names[1:]:
			version = frappe.get_last_doc("Version", filters={"ref_doctype": "XS Lead", "docname": str(name)})
			self.assertEqual(len(json.loads(version.data)["changed"]), 1)


class TestImportPermissions(ImportTestCase):
	def test_sales_user_without_import_right_is_refused_with_nothing_written(self):
		make_user("xs.import.user@example.com", "XS Sales User")
		file_url = upload("Navn\nIkke Lov AS\n")
		before = frappe.db.count("XS Lead")
		frappe.set_user("xs.import.user@example.com")
		with self.assertRaises(frappe.PermissionError):
			lead_io.run_import(file_url)
		with self.assertRaises(frappe.PermissionError):
			lead_io.preview_import(file_url)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.count("XS Lead"), before)

	def test_sales_manager_may_import(self):
		make_user("xs.import.manager@example.com", "XS Sales Manager")
		frappe.set_user("xs.import.manager@example.com")
		result = lead_io.run_import(upload("Navn\nLov AS\n"))
		self.assertEqual(result["summary"]["created"], 1)
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("XS Lead", {"company_name": "Lov AS"}, "owner"),
			"xs.import.manager@example.com",
		)


class TestFrappeDataImport(ImportTestCase):
	def test_frappe_data_import_still_imports_xs_leads(self):
		from frappe.core.doctype.data_import.importer import Importer

		self.addCleanup(self.remove_data_import_leads)  # Frappe's importer commits every row

		file_url = upload(
			"Name,Subject,Organisation Number\nFrappe Import AS,Via Data Import,923 609 016\n", "di.csv"
		)
		data_import = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": "XS Lead",
				"import_type": "Insert New Records",
				"import_file": file_url,
			}
		).insert()
		Importer("XS Lead", data_import=data_import).import_data()
		lead = leads_named("Frappe Import AS").get("Frappe Import AS")
		self.assertIsNotNone(lead, "Frappe's Data Import did not create the lead")
		self.assertEqual((lead.subject, lead.organisation_number), ("Via Data Import", "923609016"))

	def remove_data_import_leads(self):
		with fresh_transaction():
			frappe.db.delete("XS Lead", {"company_name": "Frappe Import AS"})
			for name in frappe.get_all("Data Import", filters={"reference_doctype": "XS Lead"}, pluck="name"):
				frappe.delete_doc("Data Import", name, force=True, ignore_permissions=True)


class TestBigFileThroughWorker(ImportTestCase):
	"""More than 1,000 rows run as a background job on a real worker, reported on XS Lead Import."""

	ROWS = 1200

	def test_large_file_is_imported_by_a_background_job(self):
		from frappe.utils.background_jobs import get_workers

		if not get_workers():
			self.skipTest("no background worker runs for this site (start one: ./dev site <site> ... worker)")
		from xs_leads.demo.generator import generate_leads

		columns = lead_columns()
		lines = [[c.title for c in columns]]
		for i, lead in enumerate(generate_leads(self.ROWS, seed=99)):
			lead["company_name"] = f"Jobbtest {i} AS"
			lines.append(
				[semicolon_csv.neutralise_formula(cell_text(c, lead.get(c.fieldname))) for c in columns]
			)
		lines[5][columns.index(next(c for c in columns if c.fieldname == "organisation_number"))] = "123"
		file_url = upload(semicolon_csv.to_text(lines))
		result = lead_io.run_import(file_url)
		self.assertEqual(set(result), {"import"})
		name = result["import"]
		frappe.db.commit()  # the job is queued after the commit
		self.addCleanup(self.remove_job_leads, name)
		deadline = time.monotonic() + 120
		while time.monotonic() < deadline:
			frappe.db.rollback()  # a fresh snapshot of what the worker committed
			status = frappe.db.get_value("XS Lead Import", name, "status")
			if status in ("Completed", "Completed with Errors", "Failed"):
				break
			time.sleep(0.5)
		record = frappe.get_doc("XS Lead Import", name)
		self.assertEqual(record.status, "Completed with Errors", record.errors)
		self.assertEqual((record.created, record.failed, record.total_rows), (self.ROWS - 1, 1, self.ROWS))
		self.assertEqual(json.loads(record.errors)[0]["row"], 6)
		self.assertEqual(frappe.db.count("XS Lead", {"company_name": ["like", "Jobbtest %"]}), self.ROWS - 1)

	def remove_job_leads(self, name):
		with fresh_transaction():
			frappe.db.delete("XS Lead", {"company_name": ["like", "Jobbtest %"]})
			frappe.db.delete("XS Lead Import", {"name": name})
