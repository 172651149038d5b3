"""What a sales user sees of XS Lead in the Desk: the list, a lead opened, edited and saved."""

import frappe
from playwright.sync_api import expect

from xs_leads.testing import fresh_transaction

LIST_ROUTE = "/app/xs-lead"


def open_list(desk, width=1280):
	desk.page.set_viewport_size({"width": width, "height": 900})
	desk.goto(LIST_ROUTE)
	expect(desk.page.locator(".list-row-container").first).to_be_visible()


def header_fields(desk) -> list[str]:
	return desk.page.eval_on_selector_all(
		".list-row-head [data-sort-by]", "spans => spans.map(s => s.dataset.sortBy)"
	)


def test_list_shows_the_seed_columns_with_icons_at_1280_px(desk, desk_user, committed, screenshot):
	hot = committed.lead(
		company_name="Stjerne Fiskeoppdrett AS",
		classification="Hot",
		contact_status="Reached",
		subject="Ringes tilbake fredag",
		industry="Construction",
		responsible=desk_user.email,
	)
	desk.login(desk_user.email, desk_user.password)
	open_list(desk, width=1280)

	assert header_fields(desk) == [
		"company_name",
		"classification",
		"contact_status",
		"subject",
		"industry",
		"responsible",
		"organisation_number",
		"modified_by",
	]
	row = desk.page.locator(".list-row-container", has_text="Stjerne Fiskeoppdrett AS")
	star = row.locator(".xs-lead-icon", has_text="🔥")
	phone = row.locator(".xs-lead-icon", has_text="✔")
	for icon in (star, phone):
		expect(icon).to_be_visible()
		box = icon.bounding_box()
		assert box and box["x"] + box["width"] <= 1280, "icon column cut off at 1280 px"
	expect(star).to_have_attribute("title", "Hot: high potential to become a customer")
	initials = row.locator(".xs-lead-user-initials").first
	expect(initials).to_have_text("SS")
	expect(initials).to_have_attribute("title", f"Siri Selger ({desk_user.email})")
	# the company name is readable, not squeezed to a few letters
	name_box = row.locator(".list-subject").bounding_box()
	assert name_box and name_box["width"] >= 180, name_box
	expect(row).to_contain_text("Ringes tilbake fredag")
	assert not desk.page.locator(".list-row-head [data-sort-by=name]").count(), "ID column shown"
	by_header = desk.page.locator(".list-row-head [data-sort-by=modified_by]")
	box = by_header.bounding_box()
	assert box and box["x"] + box["width"] <= 1280, "the last column (By) is cut off at 1280 px"
	screenshot(desk.page, "xs-lead-list")
	assert hot.name


def test_open_edit_and_save_a_lead(desk, desk_user, committed, screenshot):
	lead = committed.lead(company_name="Lagre Testen AS")
	desk.login(desk_user.email, desk_user.password)
	desk.goto(f"{LIST_ROUTE}/{lead.name}")
	page = desk.page
	expect(page.locator('[data-fieldname="company_name"] input')).to_have_value("Lagre Testen AS")

	page.locator('[data-fieldname="subject"] input').fill("Avtale om demo")
	orgnr = page.locator('[data-fieldname="organisation_number"] input')
	orgnr.fill("923 609 016")
	expect(orgnr).to_have_value("923 609 016")  # no maxlength cutting the spaced form
	industry = page.locator('[data-fieldname="industry"] input')
	industry.fill("Constr")
	page.locator('ul[role="listbox"] div[role="option"]', has_text="Construction").first.click()
	page.keyboard.press("Control+s")
	expect(page.locator(".indicator-pill", has_text="Not Saved")).to_have_count(0, timeout=15_000)
	desk.wait_until_idle()
	expect(orgnr).to_have_value("923609016")
	screenshot(page, "xs-lead-form")

	with fresh_transaction():
		saved = frappe.db.get_value(
			"XS Lead", lead.name, ["subject", "organisation_number", "industry", "modified_by"], as_dict=True
		)
	assert saved == {
		"subject": "Avtale om demo",
		"organisation_number": "923609016",
		"industry": "Construction",
		"modified_by": desk_user.email,
	}


def test_new_lead_with_an_invalid_organisation_number_shows_why(desk, desk_user, committed):
	desk.login(desk_user.email, desk_user.password)
	desk.goto(f"{LIST_ROUTE}/new")
	page = desk.page
	page.locator('[data-fieldname="company_name"] input').fill("Feil Nummer AS")
	page.locator('[data-fieldname="organisation_number"] input').fill("123456789")
	with desk.expect_http_error(417):
		page.keyboard.press("Control+s")
		message = page.locator(".modal.show .msgprint")
		expect(message).to_contain_text("123456789")
		expect(message).to_contain_text("not a valid Norwegian organisation number")
	with fresh_transaction():
		assert not frappe.db.exists("XS Lead", {"company_name": "Feil Nummer AS"})


def test_report_view_shows_the_lead_id(desk, desk_user, committed):
	lead = committed.lead(company_name="Rapportvisning AS")
	desk.login(desk_user.email, desk_user.password)
	desk.goto(f"{LIST_ROUTE}/view/report?company_name=Rapportvisning%20AS")
	page = desk.page
	expect(page.locator(".dt-scrollable .dt-row").first).to_be_visible()
	id_cells = page.evaluate(
		"""() => {
			const header = [...document.querySelectorAll(".dt-row-header .dt-cell--header")]
				.find((cell) => cell.innerText.trim() === "ID");
			const col = header && header.dataset.colIndex;
			return [...document.querySelectorAll(`.dt-scrollable .dt-cell--col-${col}`)]
				.map((cell) => cell.innerText.trim());
		}"""
	)
	assert id_cells == [str(lead.name)], id_cells


def test_a_norwegian_user_works_in_bokmal_and_long_values_do_not_hide_columns(
	desk, desk_user, committed, screenshot
):
	committed.lead(
		company_name="Lang Bransje AS",
		industry="Wholesale and retail trade; repair of motor vehicles and motorcycles",
		subject="Et svært langt emne som ikke skal skyve de andre kolonnene ut av syne i listen",
		responsible=desk_user.email,
	)
	frappe.db.set_value("User", desk_user.email, "language", "nb")
	frappe.db.commit()
	desk.login(desk_user.email, desk_user.password)
	open_list(desk, width=1366)
	header = desk.page.locator(".list-row-head")
	for label in ("Bransje", "Emne", "Ansvarlig", "Av"):
		expect(header).to_contain_text(label)
	by_header = desk.page.locator(".list-row-head [data-sort-by=modified_by]")
	box = by_header.bounding_box()
	assert box and box["x"] + box["width"] <= 1366, "long values pushed the last column out of sight"
	screenshot(desk.page, "xs-lead-list-nb")
