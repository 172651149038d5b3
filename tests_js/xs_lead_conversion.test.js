"use strict";

const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const CONVERSION_PATH = path.resolve(__dirname, "../xs_leads/public/js/xs_lead_conversion.js");
const LIST_JS_PATH = path.resolve(__dirname, "../xs_leads/xs_leads/doctype/xs_lead/xs_lead_list.js");
const IO_PATH = path.resolve(__dirname, "../xs_leads/public/js/xs_lead_io.js");
const conversion = require(CONVERSION_PATH);

const lead = { company_name: "Nordfisk AS", first_name: "Kari", last_name: "Nordmann", subject: "Kasser" };
const preview = {
	company: null,
	company_created: true,
	contact: null,
	contact_created: true,
	opportunity: null,
	moved: { Event: 1, "XS Call": 2, ToDo: 0, "XS Note": 0, Communication: 0 },
	lead_action: "deactivated",
};

describe("options from the dialog", () => {
	it("checks become 1/0 and empty values are left to the API's defaults", () => {
		assert.deepEqual(
			conversion.optionsFromValues({
				create_company: 1,
				company_type: "Supplier",
				company_category: "",
				create_contact: 0,
				create_opportunity: 0,
				opportunity_title: "ignored",
				lead_action: "Keep",
				preview_html: "x",
			}),
			{ create_company: 1, company_type: "Supplier", create_contact: 0, create_opportunity: 0, lead_action: "Keep" }
		);
	});

	it("opportunity details only with an opportunity", () => {
		const options = conversion.optionsFromValues({ create_opportunity: 1, opportunity_value: 5000 });
		assert.equal(options.opportunity_value, 5000);
	});
});

describe("preview", () => {
	it("says what will be created, moved and done with the lead", () => {
		const lines = conversion.previewLines(preview, lead, { create_opportunity: 1 });
		assert.deepEqual(lines, [
			"A new company {0} will be created".replace("{0}", "<b>Nordfisk AS</b>"),
			"A new contact person {0} will be created".replace("{0}", "<b>Kari Nordmann</b>"),
			"A new sales opportunity {0} will be created".replace("{0}", "<b>Kasser</b>"),
			"Moved from the lead: {0}".replace("{0}", "Appointments: 1, Calls: 2"),
			"The lead will be deactivated",
		]);
	});

	it("names reused records and what is not created", () => {
		const __ = (text, args) => (args || []).reduce((out, arg, i) => out.replace(`{${i}}`, arg), text);
		const lines = conversion.previewLines(
			{ ...preview, company: 12, company_created: false, contact: null, contact_created: false, moved: {}, lead_action: "kept" },
			lead,
			{},
			__,
			{ company: (name) => `<a>${name}</a>` }
		);
		assert.deepEqual(lines, [
			"The existing company <a>12</a> with the same organisation number will be used",
			"No contact person will be created",
			"The lead will be kept",
		]);
	});

	it("escapes the lead's values", () => {
		const html = conversion.previewHtml(preview, { ...lead, company_name: "<script>" }, {});
		assert.ok(html.includes("&lt;script&gt;"));
		assert.ok(!html.includes("<script>"));
	});
});

describe("bulk summary", () => {
	it("counts and lists the failures with their reasons", () => {
		const html = conversion.summaryHtml({
			converted: [{ lead: 1 }, { lead: 2 }],
			failed: [{ lead: 3, reason: "Lead 3 was already converted" }],
		});
		assert.ok(html.includes("2 converted, 1 failed"));
		assert.ok(html.includes("<td>3</td><td>Lead 3 was already converted</td>"));
	});
});

describe("list view", () => {
	it("onload adds the Convert action for the selected rows", () => {
		const added = [];
		const context = {
			__: (s) => s,
			frappe: {
				listview_settings: {},
				model: { can_write: () => true, can_import: () => false, can_export: () => false },
				realtime: { on: () => {} },
			},
			// search and list tools (xs_lead_list_tools.js) are tested on their own
			xs_leads: { indicators: {}, list_tools: { setup: () => {} } },
		};
		context.window = context;
		vm.createContext(context);
		vm.runInContext(fs.readFileSync(CONVERSION_PATH, "utf8"), context);
		vm.runInContext(fs.readFileSync(IO_PATH, "utf8"), context); // the list's Import/Export (xs_lead_io.js)
		vm.runInContext(fs.readFileSync(LIST_JS_PATH, "utf8"), context);
		const listview = {
			page: { add_actions_menu_item: (label) => added.push(label) },
			setup_columns() {
				this.columns = [];
			},
			render_header() {},
		};
		context.frappe.listview_settings["XS Lead"].onload(listview);
		assert.deepEqual(added, ["Convert", "Export vCard"]);
	});
});
