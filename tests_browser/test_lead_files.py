"""Lead files in the Desk: the list's Import dialog (preview, execute, summary), the Export buttons,
and vCards from the form and the list."""

import io

import frappe
import pytest
import vobject
from openpyxl import load_workbook
from playwright.sync_api import expect

from xs_leads.domain import semicolon_csv
from xs_leads.testing import fresh_transaction

LIST_ROUTE = "/app/xs-lead"


@pytest.fixture
def manager(desk_manager):
	"""A committed XS Sales Manager (who has the import right); what they import is deleted afterwards."""
	yield desk_manager
	with fresh_transaction():
		for doctype in ("XS Lead", "XS Lead Import", "File"):
			for name in frappe.get_all(doctype, filters={"owner": desk_manager.email}, pluck="name"):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, ignore_missing=True)


def test_import_dialog_previews_then_executes_and_sums_up(desk, manager, tmp_path, screenshot):
	csv_file = tmp_path / "ledetrader.csv"
	csv_file.write_bytes(
		"Navn;Klassifisering;Antall ansatte;E-post\n"
		"Nettleser Import AS;Het;1 200;post@nettleser.no\n"
		"Nettleser Feil AS;Lunken;3;ikke-epost\n".encode("cp1252")
	)
	desk.login(manager.email, manager.password)
	desk.goto(LIST_ROUTE)
	page = desk.page
	page.get_by_role("button", name="Import", exact=True).click()
	dialog = page.locator(".modal.show", has_text="Import Leads")
	expect(dialog).to_be_visible()
	expect(dialog.get_by_label("Import file has header row")).to_be_checked()

	dialog.locator('[data-fieldname="file_url"] button', has_text="Attach").click()
	uploader = page.locator(".modal.show", has=page.locator(".file-upload-area"))
	uploader.locator('input[type="file"]').set_input_files(str(csv_file))
	uploader.get_by_role("button", name="Upload").click()
	expect(dialog.locator('div[data-fieldname="file_url"]')).to_contain_text("ledetrader")
	page.wait_for_function("() => (cur_dialog.get_value('file_url') || '').includes('ledetrader')")
	desk.wait_until_idle()

	dialog.get_by_role("button", name="Preview").click()
	preview = dialog.locator("table.xs-lead-import-preview")
	expect(preview).to_be_visible()
	expect(preview.locator("tbody tr")).to_have_count(2)
	expect(preview.locator('tr[data-action="create"]')).to_contain_text("Nettleser Import AS")
	expect(preview.locator('tr[data-action="error"]')).to_contain_text("Lunken")
	errors = dialog.locator("table.xs-lead-import-errors")
	expect(errors).to_contain_text("Klassifisering")
	expect(errors).to_contain_text("ikke-epost")
	screenshot(page, "xs-lead-import-preview")
	with fresh_transaction():
		assert not frappe.db.exists("XS Lead", {"company_name": "Nettleser Import AS"}), "preview wrote"

	dialog.get_by_role("button", name="Execute").click()
	expect(dialog).to_contain_text("Import finished")
	summary = dialog.locator(".xs-lead-import-summary")
	expect(summary).to_contain_text("Created: 1")
	expect(summary).to_contain_text("Failed: 1")
	screenshot(page, "xs-lead-import-summary")
	dialog.get_by_role("button", name="Close").click()
	desk.wait_until_idle()
	# the list refreshed behind the dialog: the new lead is there (newest first)
	expect(page.locator(".list-row-container", has_text="Nettleser Import AS")).to_be_visible(timeout=15_000)
	with fresh_transaction():
		lead = frappe.db.get_value(
			"XS Lead", {"company_name": "Nettleser Import AS"}, ["employees", "classification"], as_dict=True
		)
	assert lead == {"employees": 1200, "classification": "Hot"}


def test_export_buttons_download_the_list(desk, desk_user, committed):
	committed.lead(company_name="Nettleser Eksport AS", classification="Hot", annual_revenue=1500.5)
	desk.login(desk_user.email, desk_user.password)
	desk.goto(LIST_ROUTE + "?company_name=Nettleser%20Eksport%20AS")
	page = desk.page
	expect(page.locator(".list-row-container", has_text="Nettleser Eksport AS")).to_be_visible()
	expect(page.get_by_role("button", name="Import", exact=True)).to_have_count(0)  # no import right

	page.get_by_role("button", name="Export").click()
	with page.expect_download() as csv_download:
		page.get_by_role("link", name="CSV").click()
	rows = list(
		semicolon_csv.read_rows(semicolon_csv.decode(open(csv_download.value.path(), "rb").read())[0])
	)
	assert [cells[1] for _line, cells in rows[1:]] == ["Nettleser Eksport AS"]
	assert rows[0][1][:2] == ["ID", "Name"]

	page.get_by_role("button", name="Export").click()
	with page.expect_download() as xlsx_download:
		page.get_by_role("link", name="Excel").click()
	with open(xlsx_download.value.path(), "rb") as f:
		sheet = load_workbook(io.BytesIO(f.read())).active
	assert sheet.cell(2, 2).value == "Nettleser Eksport AS"
	assert xlsx_download.value.suggested_filename.endswith(".xlsx")


def test_vcard_from_the_form_and_from_selected_rows(desk, desk_user, committed):
	first = committed.lead(
		company_name="Nettleser Vcard AS", first_name="Åse", last_name="Øye", email="ase@vcard.no"
	)
	committed.lead(company_name="Nettleser Vcard To AS")
	desk.login(desk_user.email, desk_user.password)
	page = desk.page

	desk.goto(f"{LIST_ROUTE}/{first.name}")
	expect(page.locator('[data-fieldname="company_name"] input')).to_have_value("Nettleser Vcard AS")
	with page.expect_download() as form_download:
		page.get_by_role("button", name="Export", exact=True).click()
	card = vobject.readOne(open(form_download.value.path(), encoding="utf-8").read())
	assert (card.fn.value, card.org.value, card.email.value) == (
		"Åse Øye",
		["Nettleser Vcard AS"],
		"ase@vcard.no",
	)

	desk.goto(LIST_ROUTE + "?company_name=%5B%22like%22%2C%22Nettleser%20Vcard%25%22%5D")
	rows = page.locator(".list-row-container", has_text="Nettleser Vcard")
	expect(rows).to_have_count(2)
	for i in range(2):
		rows.nth(i).locator(".list-row-checkbox").check()
	page.get_by_role("button", name="Actions").click()
	with page.expect_download() as list_download:
		page.get_by_role("link", name="Export vCard").click()
	cards = list(vobject.readComponents(open(list_download.value.path(), encoding="utf-8").read()))
	assert sorted(c.org.value[0] for c in cards) == ["Nettleser Vcard AS", "Nettleser Vcard To AS"]
