"""The duplicate check and the merge in the Desk: the lead form's "Duplicate check" window, the
"Merge" dialog (Swap, preview, permanent warning, Execute), the warning on saving a new lead, and
the report "XS Lead Duplicates" with its background scan."""

import re
from urllib.parse import quote

import frappe
import pytest
from playwright.sync_api import expect

from xs_leads.services import duplicate_index
from xs_leads.testing import fresh_transaction

LEAD_ROUTE = "/app/xs-lead"
REPORT_ROUTE = "/app/query-report/" + quote("XS Lead Duplicates")


@pytest.fixture(autouse=True)
def fresh_word_weights():
	duplicate_index.clear_token_weights()


def toolbar_button(page, label: str):
	return page.locator(
		".page-actions button:visible, .form-inner-toolbar button:visible", has_text=label
	).first


def pick_link(page, dialog, fieldname: str, value: str) -> None:
	"""Type into a dialog's Link field and choose the suggestion, as a user does."""
	field = dialog.locator(f'[data-fieldname="{fieldname}"] input')
	field.click()
	field.press_sequentially(value, delay=30)
	suggestions = page.locator(f"#{field.get_attribute('aria-owns')}")  # this field's own list
	option = suggestions.locator('div[role="option"]', has_text=value).first
	expect(option).to_be_visible(timeout=15_000)
	option.click()
	expect(field).to_have_value(value)


def test_duplicate_check_window_lists_candidates_with_reasons_links_and_merge(
	desk, desk_user, committed, screenshot
):
	lead = committed.lead(
		company_name="Vindfjell Rørleggerservice AS",
		organisation_number="923609016",
		email="post@vindfjell.no",
	)
	twin = committed.lead(company_name="VINDFJELL RØRLEGGERSERVICE A/S", organisation_number="923 609 016")
	contact = committed.doc(
		{
			"doctype": "Contact",
			"first_name": "Vera",
			"last_name": "Vindfjell",
			"email_ids": [{"email_id": "post@vindfjell.no", "is_primary": 1}],
		}
	)
	desk.login(desk_user.email, desk_user.password)
	desk.goto(f"{LEAD_ROUTE}/{lead.name}")
	page = desk.page
	toolbar_button(page, "Duplicate check").click()

	window = page.locator(".modal.show", has=page.locator(".xs-duplicates-table"))
	expect(window).to_contain_text("Duplicate check")
	lead_row = window.locator(f'tr.xs-duplicate-candidate[data-doctype="XS Lead"][data-name="{twin.name}"]')
	expect(lead_row).to_contain_text("VINDFJELL RØRLEGGERSERVICE A/S")
	expect(lead_row).to_contain_text("same organisation number")
	expect(lead_row.locator("a")).to_have_attribute("href", re.compile(rf"/xs-lead/{twin.name}$"))
	contact_row = window.locator('tr.xs-duplicate-candidate[data-doctype="Contact"]')
	expect(contact_row).to_contain_text("Vera Vindfjell")
	expect(contact_row).to_contain_text("same e-mail")
	expect(contact_row.locator(".xs-merge-candidate")).to_have_count(0)
	screenshot(page, "xs-lead-duplicate-check")

	lead_row.locator(".xs-merge-candidate").click()
	dialog = page.locator(".modal.show", has=page.locator(".xs-merge-warning"))
	expect(dialog.locator('[data-fieldname="source"] input')).to_have_value(str(twin.name))
	expect(dialog.locator('[data-fieldname="target"] input')).to_have_value(str(lead.name))
	expect(dialog.locator(".xs-merge-preview")).to_be_visible()
	assert contact.name


def test_duplicate_check_of_a_new_lead_before_it_is_saved(desk, desk_user, committed):
	existing = committed.lead(company_name="Nyfjell Snekkeri AS", phone="22 33 66 01")
	desk.login(desk_user.email, desk_user.password)
	desk.goto(f"{LEAD_ROUTE}/new")
	page = desk.page
	page.locator('[data-fieldname="company_name"] input').fill("Nyfjel Snekkeri")
	page.locator('[data-fieldname="phone"] input').fill("22336601")
	toolbar_button(page, "Duplicate check").click()
	row = page.locator(f'.modal.show tr.xs-duplicate-candidate[data-name="{existing.name}"]')
	expect(row).to_contain_text("same phone")
	expect(row).to_contain_text("Nyfjell Snekkeri AS")


def test_merge_dialog_swaps_previews_warns_and_executes(desk, desk_manager, committed, screenshot):
	source = committed.lead(
		company_name="Flettfjell A/S", email="post@flettfjell.no", subject="Vil ha tilbud"
	)
	target = committed.lead(company_name="Flettfjell AS")
	call = committed.doc(
		{
			"doctype": "XS Call",
			"reference_doctype": "XS Lead",
			"reference_name": str(source.name),
			"outcome": "Busy",
		}
	)
	desk.login(desk_manager.email, desk_manager.password)
	desk.goto(f"{LEAD_ROUTE}/{target.name}")
	page = desk.page
	toolbar_button(page, "Merge").click()

	dialog = page.locator(".modal.show", has=page.locator(".xs-merge-warning"))
	expect(dialog.locator(".xs-merge-warning")).to_contain_text("permanent and cannot be undone")
	expect(dialog.locator('[data-fieldname="target"] input')).to_have_value(str(target.name))
	pick_link(page, dialog, "source", str(source.name))
	preview = dialog.locator(".xs-merge-preview")
	expect(preview.locator(".xs-merge-filled")).to_contain_text("post@flettfjell.no")
	expect(preview.locator(".xs-merge-moved")).to_contain_text("XS Call: 1")

	dialog.locator('[data-fieldname="swap"] button').click()
	expect(dialog.locator('[data-fieldname="source"] input')).to_have_value(str(target.name))
	expect(dialog.locator('[data-fieldname="target"] input')).to_have_value(str(source.name))
	dialog.locator('[data-fieldname="swap"] button').click()
	expect(dialog.locator('[data-fieldname="source"] input')).to_have_value(str(source.name))
	expect(preview.locator(".xs-merge-filled")).to_contain_text("post@flettfjell.no")
	screenshot(page, "xs-lead-merge-dialog")

	dialog.locator(".modal-footer .btn-primary", has_text="Execute").click()
	expect(page.locator(".modal.show .xs-merge-warning")).to_have_count(0)
	expect(page.locator('[data-fieldname="email"] input')).to_have_value("post@flettfjell.no", timeout=15_000)
	desk.wait_until_idle()
	with fresh_transaction():
		assert not frappe.db.exists("XS Lead", source.name)
		assert frappe.db.get_value("XS Call", call.name, "reference_name") == str(target.name)
		for record in frappe.get_all("XS Lead Merge", filters={"target": str(target.name)}, pluck="name"):
			committed.forget("XS Lead Merge", record)


def test_saving_a_new_lead_with_a_strong_candidate_warns_but_saves(desk, desk_user, committed):
	existing = committed.lead(company_name="Varselfjell Rørleggerservice AS")
	desk.login(desk_user.email, desk_user.password)
	desk.goto(f"{LEAD_ROUTE}/new")
	page = desk.page
	page.locator('[data-fieldname="company_name"] input').fill("Varselfjell Rørleggerservice A/S")
	page.keyboard.press("Control+s")
	message = page.locator(".modal.show", has_text="Possible Duplicate")
	expect(message).to_contain_text("Varselfjell Rørleggerservice AS")
	expect(message.locator(f'a[href*="/xs-lead/{existing.name}"]')).to_be_visible()
	page.wait_for_url(re.compile(r"/xs-lead/\d+$"))
	saved = int(page.url.rsplit("/", 1)[1])
	committed.forget("XS Lead", saved)
	with fresh_transaction():
		assert frappe.db.get_value("XS Lead", saved, "company_name") == "Varselfjell Rørleggerservice A/S"


def test_report_lists_pairs_and_runs_a_background_scan(desk, desk_manager, committed, screenshot):
	first = committed.lead(company_name="Rapportfjell Rørleggerservice AS")
	second = committed.lead(company_name="Rapportfjell Rorleggerservice A/S")
	desk.login(desk_manager.email, desk_manager.password)
	desk.goto(REPORT_ROUTE)
	page = desk.page
	row = page.locator(".dt-scrollable .dt-row", has_text="Rapportfjell Rørleggerservice AS")
	expect(row).to_contain_text("Rapportfjell Rorleggerservice A/S")
	expect(row).to_contain_text("name 100% similar")
	screenshot(page, "xs-lead-duplicates-report")

	page.wait_for_function("() => frappe.realtime.socket && frappe.realtime.socket.connected")
	toolbar_button(page, "Run Scan").click()
	scan_filter = page.locator('.page-form [data-fieldname="scan"] input')
	expect(scan_filter).not_to_have_value("", timeout=60_000)
	scan = scan_filter.input_value()
	committed.forget("XS Lead Duplicate Scan", scan)
	desk.wait_until_idle()
	expect(
		page.locator(".dt-scrollable .dt-row", has_text="Rapportfjell Rørleggerservice AS")
	).to_be_visible()
	with fresh_transaction():
		assert frappe.db.get_value("XS Lead Duplicate Scan", scan, "status") == "Completed"
	assert first.name and second.name
