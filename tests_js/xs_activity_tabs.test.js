"use strict";

const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const TABS_PATH = path.resolve(__dirname, "../xs_leads/public/js/xs_activity_tabs.js");
const tabs = require(TABS_PATH);

const env = {
	__: (s) => `[nb] ${s}`,
	formatDate: (value) => `date(${value})`,
	formLink: (doctype, name) => `/app/${doctype.toLowerCase().replace(/ /g, "-")}/${name}`,
	userName: (user) => `name(${user})`,
};

describe("tab titles", () => {
	it("carry the count", () => {
		assert.equal(tabs.tabTitle("Samtaler", 3), "Samtaler (3)");
		assert.equal(tabs.tabTitle("Notater", 0), "Notater (0)");
		assert.equal(tabs.tabTitle("Notater"), "Notater (0)");
	});

	it("one tab per kind, in the order of the seed", () => {
		assert.deepEqual(
			tabs.KINDS.map((k) => k.key),
			["appointments", "calls", "tasks", "notes", "emails"]
		);
	});
});

describe("sections", () => {
	it("an empty kind shows its add button and says so", () => {
		const html = tabs.sectionHtml("calls", [], env);
		assert.ok(html.includes('class="btn btn-xs btn-default xs-activity-add" data-kind="calls"'));
		assert.ok(html.includes("[nb] Log a Call"));
		assert.ok(html.includes("[nb] Nothing here yet"));
		assert.ok(!html.includes("<table"));
	});

	it("rows in the given order, each opening its record", () => {
		const rows = [
			{ doctype: "XS Note", name: 2, title: "Nyest", summary: "b", date: "2026-02-01", owner: "kari@x.no" },
			{ doctype: "XS Note", name: 1, title: "Eldst", summary: "a", date: "2026-01-01", owner: "ola@x.no" },
		];
		const html = tabs.sectionHtml("notes", rows, env);
		assert.ok(html.indexOf("Nyest") < html.indexOf("Eldst"));
		assert.ok(html.includes('href="/app/xs-note/2"'));
		assert.ok(html.includes("name(kari@x.no)"));
		assert.ok(html.includes("date(2026-02-01)"));
	});

	it("e-mail rows show direction, priority, attachment, from, to, subject, sent, changed, by", () => {
		const row = {
			doctype: "Communication",
			name: "abc123",
			title: "Tilbud <fisk>",
			direction: "sent",
			priority: "High",
			has_attachment: true,
			sender: "ola@firma.no",
			recipients: "kari@nordfisk.no",
			date: "2026-03-01 10:00",
			modified: "2026-03-02 11:00",
			modified_by: "ola@firma.no",
		};
		const html = tabs.sectionHtml("emails", [row], env);
		for (const text of [
			'data-direction="sent"',
			"←",
			'class="xs-email-priority"',
			"📎",
			"ola@firma.no",
			"kari@nordfisk.no",
			'href="/app/communication/abc123"',
			"Tilbud &lt;fisk&gt;",
			"date(2026-03-01 10:00)",
			"date(2026-03-02 11:00)",
			"[nb] Last Changed",
		]) {
			assert.ok(html.includes(text), text);
		}
		const received = tabs.sectionHtml("emails", [{ ...row, direction: "received", priority: "", has_attachment: false }], env);
		assert.ok(received.includes("→"));
		assert.ok(!received.includes("xs-email-priority"));
		assert.ok(!received.includes("📎"));
		assert.ok(tabs.sectionHtml("emails", [{ ...row, direction: "draft" }], env).includes("✎"));
	});

	it("call rows show outcome and duration", () => {
		const html = tabs.sectionHtml(
			"calls",
			[{ doctype: "XS Call", name: 7, date: "2026-01-01", direction: "Outgoing", outcome: "Reached", duration: 125, caller: "ola@x.no" }],
			env
		);
		assert.ok(html.includes("[nb] Reached"));
		assert.ok(html.includes("2:05"));
	});

	it("formats durations", () => {
		assert.equal(tabs.formatDuration(0), "");
		assert.equal(tabs.formatDuration(59), "0:59");
		assert.equal(tabs.formatDuration(3725), "1:02:05");
	});

	it("loads in Desk as window.xs_leads.activity_tabs next to other helpers", () => {
		const context = { xs_leads: { indicators: {} } };
		context.window = context;
		vm.createContext(context);
		vm.runInContext(fs.readFileSync(TABS_PATH, "utf8"), context);
		assert.ok(context.xs_leads.indicators);
		assert.equal(typeof context.xs_leads.activity_tabs.refresh, "function");
	});
});
