"""The lead form's activity tabs and the conversion in the Desk, as a sales user uses them."""

import re

import frappe
from frappe.utils import add_to_date, now_datetime
from playwright.sync_api import expect

from xs_leads.testing import fresh_transaction

LEAD_ROUTE = "/app/xs-lead"


def tab(page, fieldname):
	"""A tab of the form on screen (the Desk keeps forms opened before in the page, hidden)."""
	return page.locator(f'.form-tabs-list:visible [data-fieldname="{fieldname}"]')


def add_call(committed, lead, minutes_ago, outcome="No Answer", notes=None):
	return committed.doc(
		{
			"doctype": "XS Call",
			"reference_doctype": "XS Lead",
			"reference_name": str(lead.name),
			"outcome": outcome,
			"call_time": add_to_date(now_datetime(), minutes=-minutes_ago),
			"notes": notes,
		}
	)


def convertible_lead(committed, **fields):
	values = {
		"company_name": "Nettleser Konvertering AS",
		"first_name": "Kari",
		"last_name": "Nordmann",
		"email": "kari@nettleser.no",
		"subject": "Fiskekasser",
	}
	return committed.lead(**{**values, **fields})


def forget_what_conversion_made(committed, lead_name):
	with fresh_transaction():
		made = frappe.db.get_value(
			"XS Lead",
			lead_name,
			["converted_company", "converted_contact", "converted_opportunity"],
			as_dict=True,
		)
	for doctype, name in (
		("XS Company", made.converted_company),
		("Contact", made.converted_contact),
		("XS Opportunity", made.converted_opportunity),
	):
		if name:
			committed.forget(doctype, name)
	return made


def test_tabs_are_titled_with_counts_and_list_newest_first(desk, desk_user, committed, screenshot):
	lead = committed.lead(company_name="Faner Med Tall AS")
	add_call(committed, lead, minutes_ago=120, notes="Første forsøk")
	add_call(committed, lead, minutes_ago=5, outcome="Busy", notes="Andre forsøk")
	committed.doc(
		{
			"doctype": "XS Note",
			"reference_doctype": "XS Lead",
			"reference_name": str(lead.name),
			"title": "Fra messen",
			"content": "<p>Vil ha tilbud</p>",
		}
	)
	desk.login(desk_user.email, desk_user.password)
	desk.goto(f"{LEAD_ROUTE}/{lead.name}")
	page = desk.page

	expect(tab(page, "appointments_tab")).to_have_text("Appointments (0)")
	expect(tab(page, "calls_tab")).to_have_text("Calls (2)")
	expect(tab(page, "tasks_tab")).to_have_text("Tasks (0)")
	expect(tab(page, "notes_tab")).to_have_text("Notes (1)")
	expect(tab(page, "emails_tab")).to_have_text("E-mail (0)")

	tab(page, "calls_tab").click()
	rows = page.locator('.xs-activities[data-kind="calls"] tbody tr')
	expect(rows).to_have_count(2)
	expect(rows.nth(0)).to_contain_text("Andre forsøk")
	expect(rows.nth(1)).to_contain_text("Første forsøk")
	screenshot(page, "xs-lead-calls-tab")

	tab(page, "notes_tab").click()
	note = page.locator('.xs-activities[data-kind="notes"] a.xs-activity-link', has_text="Fra messen")
	expect(note).to_be_visible()
	note.click()  # the title opens the note
	expect(page).to_have_url(re.compile(r"/xs-note/"))
	desk.wait_until_idle()
	expect(page.locator('[data-fieldname="title"] input')).to_have_value("Fra messen")


def test_email_tab_lists_the_message_and_its_subject_opens_it(desk, desk_user, committed):
	lead = committed.lead(company_name="Epost Fanen AS", email="innkjop@epostfanen.no")
	message = committed.doc(
		{
			"doctype": "Communication",
			"communication_type": "Communication",
			"communication_medium": "Email",
			"sent_or_received": "Received",
			"subject": "Spørsmål om tilbudet",
			"content": "<p>Kan dere levere i mars?</p>",
			"sender": "innkjop@epostfanen.no",
			"reference_doctype": "XS Lead",
			"reference_name": str(lead.name),
		}
	)
	desk.login(desk_user.email, desk_user.password)
	desk.goto(f"{LEAD_ROUTE}/{lead.name}")
	page = desk.page
	expect(tab(page, "emails_tab")).to_have_text("E-mail (1)")
	tab(page, "emails_tab").click()
	rows = page.locator('.xs-activities[data-kind="emails"] tbody tr')
	expect(rows).to_have_count(1)
	expect(rows.first).to_contain_text("innkjop@epostfanen.no")
	subject = rows.first.locator("a", has_text="Spørsmål om tilbudet")
	subject.click()  # a sales user is no Inbox User: the message opens in a dialog
	dialog = page.locator(".modal.show")
	expect(dialog).to_contain_text("Spørsmål om tilbudet")
	expect(dialog).to_contain_text("Kan dere levere i mars?")
	expect(dialog).to_contain_text("innkjop@epostfanen.no")
	assert message.name


def test_log_a_call_from_the_tab(desk, desk_user, committed):
	lead = committed.lead(company_name="Ring Meg AS")
	desk.login(desk_user.email, desk_user.password)
	desk.goto(f"{LEAD_ROUTE}/{lead.name}")
	page = desk.page
	tab(page, "calls_tab").click()
	page.locator('.xs-activities[data-kind="calls"] .xs-activity-add').click()

	dialog = page.locator(".modal.show")
	expect(dialog.locator(".modal-title")).to_have_text("Log a Call")
	dialog.locator('[data-fieldname="outcome"] select').select_option("Reached")
	dialog.locator('[data-fieldname="notes"] textarea').fill("Snakket med daglig leder")
	dialog.locator(".btn-primary", has_text="Save").click()

	expect(tab(page, "calls_tab")).to_have_text("Calls (1)", timeout=15_000)
	desk.wait_until_idle()
	with fresh_transaction():
		call = frappe.db.get_value(
			"XS Call",
			{"reference_doctype": "XS Lead", "reference_name": str(lead.name)},
			["name", "outcome", "notes", "caller"],
			as_dict=True,
		)
		status = frappe.db.get_value("XS Lead", lead.name, ["contact_status", "first_contact"], as_dict=True)
	committed.forget("XS Call", call.name)
	assert (call.outcome, call.notes, call.caller) == ("Reached", "Snakket med daglig leder", desk_user.email)
	# a call that reached the lead set its first contact, and the reloaded form shows it
	assert status.contact_status == "Reached" and status.first_contact
	expect(page.locator('[data-fieldname="contact_status"] select')).to_have_value("Reached")


def test_convert_dialog_previews_live_and_converts(desk, desk_user, committed, screenshot):
	lead = convertible_lead(committed, company_name="Forhåndsvis AS")
	add_call(committed, lead, minutes_ago=30)
	desk.login(desk_user.email, desk_user.password)
	desk.goto(f"{LEAD_ROUTE}/{lead.name}")
	page = desk.page

	page.get_by_role("button", name="Convert", exact=True).click()
	dialog = page.locator(".modal.show")
	preview = dialog.locator(".xs-conversion-preview")
	expect(preview).to_contain_text("A new company Forhåndsvis AS will be created")
	expect(preview).to_contain_text("A new contact person Kari Nordmann will be created")
	expect(preview).to_contain_text("Calls: 1")
	expect(preview).to_contain_text("The lead will be deactivated")

	dialog.locator('input[data-fieldname="create_contact"]').uncheck()
	expect(preview).to_contain_text("No contact person will be created")
	dialog.locator('input[data-fieldname="create_opportunity"]').check()
	dialog.locator('[data-fieldname="opportunity_title"] input').fill("Kasser 2027")
	expect(preview).to_contain_text("A new sales opportunity Kasser 2027 will be created")
	dialog.locator('[data-fieldname="lead_action"] select').select_option("Keep")
	expect(preview).to_contain_text("The lead will be kept")
	desk.wait_until_idle()
	screenshot(page, "xs-lead-convert-dialog")

	dialog.locator(".btn-primary", has_text="Convert").click()
	intro = page.locator(".form-message", has_text="Converted on")
	expect(intro).to_be_visible(timeout=15_000)
	desk.wait_until_idle()
	made = forget_what_conversion_made(committed, lead.name)
	assert made.converted_company and made.converted_opportunity and not made.converted_contact
	# the converted lead's form links to what it became
	company_link = intro.locator("a", has_text=f"XS Company {made.converted_company}")
	expect(company_link).to_be_visible()
	expect(intro.locator("a", has_text=f"XS Opportunity {made.converted_opportunity}")).to_be_visible()
	expect(page.get_by_role("button", name="Convert", exact=True)).to_have_count(0)
	with fresh_transaction():
		assert frappe.db.get_value("XS Lead", lead.name, "deactivated") == 0
		assert (
			frappe.db.count(
				"XS Call", {"reference_doctype": "XS Company", "reference_name": str(made.converted_company)}
			)
			== 1
		)
	company_link.click()
	expect(page).to_have_url(re.compile(rf"/xs-company/{made.converted_company}"))
	desk.wait_until_idle()
	expect(tab(page, "calls_tab")).to_have_text("Calls (1)")


def test_convert_the_selected_leads_from_the_list(desk, desk_user, committed):
	leads = [
		convertible_lead(committed, company_name=f"Listekonvertering {i} AS", email=f"kari{i}@liste.no")
		for i in (1, 2)
	]
	desk.login(desk_user.email, desk_user.password)
	desk.goto(f"{LEAD_ROUTE}?company_name=%5B%22like%22%2C%22Listekonvertering%25%22%5D")
	page = desk.page
	rows = page.locator(".list-row-container", has_text="Listekonvertering")
	expect(rows).to_have_count(2)
	for i in range(2):
		rows.nth(i).locator(".list-row-checkbox").check()
	page.get_by_role("button", name="Actions").click()
	page.locator(".dropdown-menu.show .dropdown-item", has_text="Convert").click()

	dialog = page.locator(".modal.show")
	expect(dialog.locator(".modal-title")).to_have_text("Convert 2 Leads")
	dialog.locator(".btn-primary", has_text="Convert").click()
	summary = page.locator(".modal.show", has_text="Conversion Finished")
	expect(summary).to_contain_text("2 converted, 0 failed", timeout=15_000)
	desk.wait_until_idle()
	made = [forget_what_conversion_made(committed, lead.name) for lead in leads]
	assert all(row.converted_company and row.converted_contact for row in made)
	# the company's form lists its new contact person
	desk.goto(f"/app/xs-company/{made[0].converted_company}")
	tab(page, "contacts_tab").click()
	expect(page.locator('[data-fieldname="contact_html"]:visible')).to_contain_text("Kari Nordmann")


def test_many_leads_convert_in_the_background_and_the_list_says_when_done(desk, desk_user, committed):
	leads = [
		convertible_lead(committed, company_name=f"Bakgrunn {i} AS", email=f"kari{i}@bakgrunn.no")
		for i in range(21)
	]
	desk.login(desk_user.email, desk_user.password)
	desk.goto(LEAD_ROUTE)
	page = desk.page
	page.wait_for_function("() => frappe.realtime.socket && frappe.realtime.socket.connected")
	names = [lead.name for lead in leads]
	answer = page.evaluate(
		"""(leads) => frappe.call({method: "xs_leads.api.conversion.convert_leads", args: {leads}})
			.then((r) => r.message)""",
		names,
	)
	assert answer["queued"] and answer["total"] == 21, answer
	committed.forget("XS Lead Conversion Log", answer["log"])
	done = page.locator(".modal.show", has_text="Conversion Finished")
	expect(done).to_contain_text("21 converted, 0 failed", timeout=60_000)
	expect(done.locator("a", has_text="See the summary")).to_be_visible()
	desk.wait_until_idle()
	for lead in leads:
		made = forget_what_conversion_made(committed, lead.name)
		assert made.converted_company and made.converted_contact
