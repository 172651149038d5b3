"""Lead search in the Desk (issue 9): the Search dialog and its criteria as the list's filters, Reset,
the Show quick filters, register links, the workspace, a report with its chart, deleting many leads."""

import re
from urllib.parse import quote

import frappe
from playwright.sync_api import expect

LIST_ROUTE = "/app/xs-lead"


def open_list(desk):
	desk.page.set_viewport_size({"width": 1366, "height": 900})
	desk.goto(LIST_ROUTE)
	expect(desk.page.locator(".list-row-container").first).to_be_visible()


def visible_names(desk) -> list[str]:
	return desk.page.eval_on_selector_all(
		".list-row-container .list-subject a[data-doctype='XS Lead'], .list-row-container .list-subject .bold a",
		"links => links.map(a => a.textContent.trim()).filter(Boolean)",
	)


def list_filters(desk) -> list:
	return desk.frappe("cur_list.filter_area.get().map(f => [f[1], f[2], String(f[3])])")


def inner_button(desk, label: str):
	label = quote(label)  # the Desk stores button labels URI-encoded
	return desk.page.locator(
		f'.page-actions button[data-label="{label}"], .custom-actions button[data-label="{label}"]'
	).first


def close_dialog(page):
	page.locator(".modal.show .btn-modal-close").first.click()
	expect(page.locator(".modal.show")).to_have_count(0)


def rows_with(desk, text: str):
	return desk.page.locator(".list-row-container", has_text=text)


def test_search_dialog_becomes_filters_and_reset_clears_them(desk, desk_user, committed, screenshot):
	hit = committed.lead(
		company_name="Zqdesk Østfold Bygg AS", classification="Hot", first_name="Kari", last_name="Olsen"
	)
	committed.lead(
		company_name="Zqdesk Vestfold AS", classification="Cold", first_name="Kari", last_name="Berg"
	)
	committed.lead(
		company_name="Zqdesk Øst Hot AS", classification="Hot", first_name="Per", last_name="Olsen"
	)
	desk.login(desk_user.email, desk_user.password)
	open_list(desk)
	page = desk.page

	inner_button(desk, "Search").click()
	dialog = page.locator(".modal.show")
	expect(dialog.get_by_text("Search Leads")).to_be_visible()
	dialog.locator('[data-fieldname="company_name"] input').fill("ZQDESK")
	dialog.locator('[data-fieldname="classification"] select').select_option("Hot")
	dialog.locator('[data-fieldname="contact_person"] input').fill("olsen kari")
	dialog.locator(".btn-primary").click()
	desk.wait_until_idle()

	expect(rows_with(desk, "Zqdesk Østfold Bygg AS")).to_be_visible()
	expect(rows_with(desk, "Zqdesk")).to_have_count(1)
	# the criteria are the list's filters, and the contact person a pill beside them
	assert sorted(list_filters(desk)) == [
		["classification", "=", "Hot"],
		["company_name", "like", "%ZQDESK%"],
	]
	pill = page.locator(".xs-lead-criterion-pill")
	expect(pill).to_have_text(re.compile(r"Contact Person: olsen kari"))
	expect(page.locator(".list-count").first).to_have_text("1 of 1")
	screenshot(page, "xs-lead-search-applied")

	inner_button(desk, "Show Criteria").click()
	criteria = page.locator(".modal.show .xs-lead-criteria-table")
	for text in ("Classification", "Hot", "Company Name", "ZQDESK", "Contact Person", "olsen kari"):
		expect(criteria).to_contain_text(text)
	close_dialog(page)

	# the dialog opens again with the current criteria
	inner_button(desk, "Search").click()
	expect(page.locator('.modal.show [data-fieldname="contact_person"] input')).to_have_value("olsen kari")
	close_dialog(page)

	inner_button(desk, "Reset").click()
	desk.wait_until_idle()
	assert list_filters(desk) == []
	expect(page.locator(".xs-lead-criterion-pill")).to_have_count(0)
	expect(rows_with(desk, "Zqdesk")).to_have_count(3)
	assert hit.name


def test_quick_filters_my_and_active_leads_combine(desk, desk_user, committed):
	committed.lead(company_name="Zqquick Min Aktiv AS", responsible=desk_user.email)
	committed.lead(company_name="Zqquick Min Deaktivert AS", responsible=desk_user.email, deactivated=1)
	committed.lead(
		company_name="Zqquick Min Utilgjengelig AS", responsible=desk_user.email, contact_status="Unreachable"
	)
	committed.lead(company_name="Zqquick Andres AS", responsible="Administrator")
	desk.login(desk_user.email, desk_user.password)
	open_list(desk)
	page = desk.page

	def show(label):
		page.locator('.inner-group-button[data-label="Show"] button').first.click()
		page.locator(
			f'.inner-group-button[data-label="Show"] .dropdown-item[data-label="{label.replace(" ", "%20")}"]'
		).click()
		desk.wait_until_idle()

	show("My Leads")
	expect(rows_with(desk, "Zqquick")).to_have_count(3)
	show("Active Leads")
	expect(rows_with(desk, "Zqquick")).to_have_count(1)
	expect(rows_with(desk, "Zqquick Min Aktiv AS")).to_be_visible()
	assert ["responsible", "=", desk_user.email] in list_filters(desk)
	show("My Leads")  # off again: active leads of everyone
	expect(rows_with(desk, "Zqquick")).to_have_count(2)
	expect(rows_with(desk, "Zqquick Andres AS")).to_be_visible()


def test_register_links_open_the_registers_in_a_new_tab(desk, desk_user, committed):
	committed.lead(company_name="Zqreg Med Nummer AS", organisation_number="923609016")
	committed.lead(company_name="Zqreg Uten Nummer AS")
	desk.login(desk_user.email, desk_user.password)
	open_list(desk)
	numbered = rows_with(desk, "Zqreg Med Nummer AS")
	brreg = numbered.locator("a.xs-lead-brreg")
	expect(brreg).to_have_attribute("href", "https://virksomhet.brreg.no/nb/oppslag/enheter/923609016")
	expect(brreg).to_have_attribute("target", "_blank")
	expect(numbered.locator("a.xs-lead-leverandorguiden")).to_have_attribute(
		"href", "https://www.leverandorguiden.no/sok?q=Zqreg%20Med%20Nummer%20AS"
	)
	unnumbered = rows_with(desk, "Zqreg Uten Nummer AS").locator("a.xs-lead-brreg")
	expect(unnumbered).to_have_attribute(
		"href", "https://virksomhet.brreg.no/nb/sok?sokeord=Zqreg%20Uten%20Nummer%20AS"
	)
	box = brreg.bounding_box()
	assert box and box["x"] + box["width"] <= 1366, "register links cut off"


def test_workspace_number_cards_shortcut_and_keyboard_shortcut(desk, desk_user, committed):
	committed.lead(company_name="Zqws Het AS", classification="Hot", responsible=desk_user.email)
	desk.login(desk_user.email, desk_user.password)
	desk.goto("/app/xs-leads")
	page = desk.page
	for card in ("Hot Leads", "Not Contacted Leads", "My Open Leads", "Converted This Month"):
		expect(page.locator(".widget.number-widget-box", has_text=card)).to_be_visible()
	my_open = page.locator(".widget.number-widget-box", has_text="My Open Leads").locator(
		".widget-content .number"
	)
	expect(my_open).to_have_text("1")
	page.locator(".widget.shortcut-widget-box", has_text="New Lead").click()
	page.wait_for_url(re.compile(r"/(app|desk)/xs-lead/new"))
	desk.wait_until_idle()
	expect(page.locator('[data-fieldname="company_name"] input')).to_be_visible()

	desk.goto("/app/xs-lead")
	page.keyboard.press("Control+Shift+L")
	page.wait_for_url(re.compile(r"/(app|desk)/xs-lead/new"))


def test_report_shows_figures_and_chart(desk, desk_user, committed):
	for classification in ("Hot", "Hot", "Cold"):
		committed.lead(
			company_name=f"Zqrapport {classification} AS",
			classification=classification,
			responsible=desk_user.email,
		)
	desk.login(desk_user.email, desk_user.password)
	# the filter from the address, as a link from elsewhere would set it
	desk.goto(f"/app/query-report/Leads by Status and Classification?responsible={quote(desk_user.email)}")
	page = desk.page
	expect(page.locator('.page-form [data-fieldname="responsible"] input')).to_have_value(desk_user.email)
	expect(page.locator(".chart-wrapper svg, .frappe-chart svg").first).to_be_visible()
	row = page.locator(".dt-row", has_text="Not Contacted").first
	expect(row).to_contain_text("2")  # two hot
	expect(row).to_contain_text("3")  # three in all


def test_manager_deletes_selected_leads_in_one_operation(desk, desk_manager, committed):
	doomed = [committed.lead(company_name=f"Zqslett {n} AS") for n in range(3)]
	kept = committed.lead(company_name="Zqslett Beholdes AS")
	desk.login(desk_manager.email, desk_manager.password)
	desk.goto(LIST_ROUTE)
	page = desk.page
	for lead in doomed:
		rows_with(desk, lead.company_name).locator(".list-row-checkbox").check()
	page.locator(".actions-btn-group button").first.click()
	page.locator(".actions-btn-group .dropdown-item", has_text="Delete").click()
	page.locator(".modal.show .btn-primary").click()
	desk.wait_until_idle()
	expect(rows_with(desk, "Zqslett")).to_have_count(1)
	expect(rows_with(desk, "Zqslett Beholdes AS")).to_be_visible()
	frappe.db.rollback()  # a fresh snapshot that sees what the server committed
	assert not any(frappe.db.exists("XS Lead", lead.name) for lead in doomed)
	assert frappe.db.exists("XS Lead", kept.name)
