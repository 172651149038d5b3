"use strict";

const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const ROOT = path.resolve(__dirname, "..");
const INDICATORS_PATH = path.join(ROOT, "xs_leads/public/js/xs_lead_indicators.js");
const LIST_JS_PATH = path.join(ROOT, "xs_leads/xs_leads/doctype/xs_lead/xs_lead_list.js");
const COLUMNS_PATH = path.join(ROOT, "xs_leads/public/js/xs_lead_columns.js");
const EMPTY_ICON_CELL = '<span class="xs-lead-icon-cell"></span>';

const ind = require(INDICATORS_PATH);

const TOOLTIPS = {
	Hot: "Hot: high potential to become a customer",
	Cold: "Cold: has rejected all contact and will most likely not become a customer",
	Reached: "Reached: contact with the right person has been made",
	Unreachable: "Unreachable: cannot be contacted, not interested or otherwise uninteresting",
};

const fakeTranslate = (s) => `[nb] ${s}`;
const UNKNOWN = ["", null, undefined, "hot", "Warm", "Lost"];

describe("classificationIcon", () => {
	it("Hot -> flame with tooltip", () => {
		assert.deepEqual(ind.classificationIcon("Hot"), { icon: "🔥", tooltip: TOOLTIPS.Hot });
	});

	it("Cold -> rain cloud with tooltip", () => {
		assert.deepEqual(ind.classificationIcon("Cold"), { icon: "🌧️", tooltip: TOOLTIPS.Cold });
	});

	it("Not Set -> no icon", () => {
		assert.equal(ind.classificationIcon("Not Set"), null);
	});

	it("unknown / empty values -> no icon", () => {
		for (const value of UNKNOWN) {
			assert.equal(ind.classificationIcon(value), null, `value ${String(value)}`);
		}
	});

	it("tooltip goes through translate", () => {
		assert.equal(ind.classificationIcon("Hot", fakeTranslate).tooltip, `[nb] ${TOOLTIPS.Hot}`);
		assert.equal(ind.classificationIcon("Cold", fakeTranslate).tooltip, `[nb] ${TOOLTIPS.Cold}`);
	});
});

describe("statusIcon", () => {
	it("Reached -> green check with tooltip", () => {
		const info = ind.statusIcon("Reached");
		assert.ok(info.icon.startsWith("✔"));
		assert.equal(info.color, "var(--green-500)");
		assert.equal(info.tooltip, TOOLTIPS.Reached);
	});

	it("Unreachable -> red cross with tooltip", () => {
		const info = ind.statusIcon("Unreachable");
		assert.ok(info.icon.startsWith("✖"));
		assert.equal(info.color, "var(--red-500)");
		assert.equal(info.tooltip, TOOLTIPS.Unreachable);
	});

	it("Not Contacted -> no icon", () => {
		assert.equal(ind.statusIcon("Not Contacted"), null);
	});

	it("unknown / empty values -> no icon", () => {
		for (const value of UNKNOWN) {
			assert.equal(ind.statusIcon(value), null, `value ${String(value)}`);
		}
	});

	it("tooltip goes through translate", () => {
		assert.equal(ind.statusIcon("Reached", fakeTranslate).tooltip, `[nb] ${TOOLTIPS.Reached}`);
		assert.equal(
			ind.statusIcon("Unreachable", fakeTranslate).tooltip,
			`[nb] ${TOOLTIPS.Unreachable}`
		);
	});
});

describe("iconHtml / *Html helpers", () => {
	it("renders span with title tooltip", () => {
		assert.equal(
			ind.classificationHtml("Hot"),
			`<span class="xs-lead-icon" title="${TOOLTIPS.Hot}">🔥</span>`
		);
	});

	it("adds colour style when given", () => {
		const html = ind.statusHtml("Reached");
		assert.match(html, /style="color: var\(--green-500\)"/);
		assert.match(html, /title="Reached: contact with the right person has been made"/);
		assert.match(ind.statusHtml("Unreachable"), /style="color: var\(--red-500\)"/);
	});

	it("no icon -> empty string", () => {
		assert.equal(ind.iconHtml(null), "");
		assert.equal(ind.classificationHtml("Not Set"), "");
		assert.equal(ind.statusHtml("Not Contacted"), "");
		assert.equal(ind.statusHtml("bogus"), "");
	});

	it("escapes the (translated) tooltip attribute", () => {
		const html = ind.classificationHtml("Hot", () => `Varm "<b>" & god`);
		assert.match(html, /title="Varm &quot;&lt;b&gt;&quot; &amp; god"/);
	});

	it("translation is applied in HTML", () => {
		assert.match(ind.statusHtml("Reached", fakeTranslate), /title="\[nb\] Reached: /);
	});
});

describe("indicatorFor", () => {
	it("deactivated wins over status", () => {
		for (const deactivated of [1, "1", true]) {
			assert.deepEqual(ind.indicatorFor({ deactivated, contact_status: "Reached" }), [
				"Deactivated",
				"gray",
				"deactivated,=,1",
			]);
		}
	});

	it("each status -> colour and filter", () => {
		const expected = {
			"Not Contacted": "orange",
			Reached: "green",
			Unreachable: "red",
		};
		for (const [status, colour] of Object.entries(expected)) {
			for (const deactivated of [0, "0", null, undefined]) {
				assert.deepEqual(ind.indicatorFor({ deactivated, contact_status: status }), [
					status,
					colour,
					`contact_status,=,${status}`,
				]);
			}
		}
	});

	it("unknown / missing status -> null (Frappe default)", () => {
		assert.equal(ind.indicatorFor({ deactivated: 0, contact_status: "Bogus" }), null);
		assert.equal(ind.indicatorFor({}), null);
		assert.equal(ind.indicatorFor(null), null);
	});

	it("labels go through translate, filters do not", () => {
		assert.deepEqual(ind.indicatorFor({ deactivated: 1 }, fakeTranslate), [
			"[nb] Deactivated",
			"gray",
			"deactivated,=,1",
		]);
		assert.deepEqual(ind.indicatorFor({ contact_status: "Reached" }, fakeTranslate), [
			"[nb] Reached",
			"green",
			"contact_status,=,Reached",
		]);
	});
});

describe("browser globals (vm, like Desk)", () => {
	// Desk context: indicators file runs as a classic script with `window`, no `module`.
	function deskContext(translate = (s) => s) {
		const users = { "ola@example.com": { fullname: "Ola Nordmann" } };
		const context = {
			frappe: { listview_settings: {}, user_info: (user) => users[user] || { fullname: user } },
			__: translate,
		};
		context.window = context;
		vm.createContext(context);
		for (const file of [INDICATORS_PATH, COLUMNS_PATH]) {
			vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
		}
		vm.runInContext(fs.readFileSync(LIST_JS_PATH, "utf8"), context, { filename: LIST_JS_PATH });
		return context;
	}

	it("indicators file sets window.xs_leads.indicators without clobbering xs_leads", () => {
		const context = { window: null, xs_leads: { other: 1 } };
		context.window = context;
		vm.createContext(context);
		vm.runInContext(fs.readFileSync(INDICATORS_PATH, "utf8"), context);
		assert.equal(context.xs_leads.other, 1);
		assert.equal(typeof context.xs_leads.indicators.classificationIcon, "function");
		assert.equal(typeof context.xs_leads.indicators.statusIcon, "function");
		assert.equal(typeof context.xs_leads.indicators.indicatorFor, "function");
	});

	it("registers XS Lead list settings with add_fields", () => {
		const settings = deskContext().frappe.listview_settings["XS Lead"];
		assert.ok(settings);
		assert.deepEqual(
			[...settings.add_fields],
			[
				"classification",
				"contact_status",
				"industry",
				"responsible",
				"subject",
				"deactivated",
				"organisation_number",
			]
		);
	});

	it("classification formatter returns icon + title tooltip", () => {
		const { formatters } = deskContext().frappe.listview_settings["XS Lead"];
		const df = { fieldname: "classification", fieldtype: "Select" };
		const hot = formatters.classification("Hot", df, { classification: "Hot" });
		assert.ok(hot.includes("🔥"));
		assert.ok(hot.includes(`title="${TOOLTIPS.Hot}"`));
		const cold = formatters.classification("Cold", df, { classification: "Cold" });
		assert.ok(cold.includes("🌧️"));
		assert.ok(cold.includes(`title="${TOOLTIPS.Cold}"`));
		assert.equal(formatters.classification("Not Set", df, {}), EMPTY_ICON_CELL);
		assert.equal(formatters.classification("", df, {}), EMPTY_ICON_CELL);
	});

	it("status formatter returns icon + title tooltip", () => {
		const { formatters } = deskContext().frappe.listview_settings["XS Lead"];
		const df = { fieldname: "contact_status", fieldtype: "Select" };
		const reached = formatters.contact_status("Reached", df, {});
		assert.ok(reached.includes("✔"));
		assert.ok(reached.includes("var(--green-500)"));
		assert.ok(reached.includes(`title="${TOOLTIPS.Reached}"`));
		const unreachable = formatters.contact_status("Unreachable", df, {});
		assert.ok(unreachable.includes("✖"));
		assert.ok(unreachable.includes("var(--red-500)"));
		assert.ok(unreachable.includes(`title="${TOOLTIPS.Unreachable}"`));
		assert.equal(formatters.contact_status("Not Contacted", df, {}), EMPTY_ICON_CELL);
	});

	it("a deactivated lead shows the deactivated sign instead of its status", () => {
		const { formatters } = deskContext(fakeTranslate).frappe.listview_settings["XS Lead"];
		const html = formatters.contact_status("Reached", {}, { deactivated: 1 });
		assert.ok(html.includes("⊘"), html);
		assert.ok(html.includes('title="[nb] Deactivated"'), html);
		assert.ok(!html.includes("✔"), html);
	});

	it("responsible and last changed by show initials with the full name on hover", () => {
		const { formatters, hide_name_column } = deskContext().frappe.listview_settings["XS Lead"];
		const html = formatters.responsible("ola@example.com");
		assert.ok(html.includes(">ON</span>"), html);
		assert.ok(html.includes('title="Ola Nordmann (ola@example.com)"'), html);
		assert.ok(formatters.modified_by("Administrator").includes(">A</span>"));
		assert.equal(formatters.responsible(""), "");
		assert.equal(hide_name_column, true);
	});

	it("list js uses the Desk __ for tooltips and indicator labels", () => {
		const settings = deskContext(fakeTranslate).frappe.listview_settings["XS Lead"];
		assert.ok(settings.formatters.classification("Hot").includes(`title="[nb] ${TOOLTIPS.Hot}"`));
		assert.deepEqual(
			[...settings.get_indicator({ deactivated: 0, contact_status: "Unreachable" })],
			["[nb] Unreachable", "red", "contact_status,=,Unreachable"]
		);
	});

	it("get_indicator: deactivated and each status", () => {
		const { get_indicator } = deskContext().frappe.listview_settings["XS Lead"];
		// arrays come from another realm: spread before deepEqual
		assert.deepEqual(
			[...get_indicator({ deactivated: 1, contact_status: "Reached" })],
			["Deactivated", "gray", "deactivated,=,1"]
		);
		assert.deepEqual(
			[...get_indicator({ deactivated: 0, contact_status: "Not Contacted" })],
			["Not Contacted", "orange", "contact_status,=,Not Contacted"]
		);
		assert.deepEqual(
			[...get_indicator({ deactivated: 0, contact_status: "Reached" })],
			["Reached", "green", "contact_status,=,Reached"]
		);
		assert.deepEqual(
			[...get_indicator({ deactivated: 0, contact_status: "Unreachable" })],
			["Unreachable", "red", "contact_status,=,Unreachable"]
		);
		assert.equal(get_indicator({ deactivated: 0, contact_status: "Bogus" }), null);
	});
});
