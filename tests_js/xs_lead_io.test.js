"use strict";

const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const io = require(path.resolve(__dirname, "../xs_leads/public/js/xs_lead_io.js"));

describe("downloadUrl", () => {
	it("builds the method URL with JSON for lists and objects", () => {
		assert.equal(
			io.downloadUrl("export_leads", { file_format: "csv", names: [3, 4], filters: undefined }),
			"/api/method/xs_leads.api.io.export_leads?file_format=csv&names=%5B3%2C4%5D"
		);
		assert.equal(io.downloadUrl("download_template"), "/api/method/xs_leads.api.io.download_template");
	});
});

describe("previewHtml", () => {
	const result = {
		summary: { created: 1, updated: 0, unchanged: 0, failed: 1 },
		rows: [
			{ row: 2, action: "create", name: null, company_name: "Fisk <AS>" },
			{ row: 3, action: "error", name: null, company_name: "Feil AS", email: "x" },
		],
		errors: [{ row: 3, column: "E-post", message: "E-mail: x is not a valid e-mail address" }],
	};

	it("shows a row per parsed row with its action, labelled columns and the problems", () => {
		const html = io.previewHtml(result, (f) => ({ company_name: "Navn", email: "E-post" })[f]);
		assert.match(html, /<th>Navn<\/th><th>E-post<\/th>/);
		assert.equal((html.match(/<tr data-action=/g) || []).length, 2);
		assert.match(html, /data-action="error"/);
		assert.match(html, /E-mail: x is not a valid e-mail address/);
		assert.match(html, /Created: 1/);
		assert.match(html, /Failed: 1/);
	});

	it("escapes values from the file", () => {
		const html = io.previewHtml(result);
		assert.ok(html.includes("Fisk &lt;AS&gt;"));
		assert.ok(!html.includes("Fisk <AS>"));
	});

	it("translates through the given function", () => {
		const html = io.previewHtml(result, undefined, (s) => `[nb] ${s}`);
		assert.match(html, /\[nb\] Create/);
		assert.match(html, /\[nb\] Line/);
	});
});

describe("errorsHtml", () => {
	it("is empty without errors and caps long lists", () => {
		assert.equal(io.errorsHtml([]), "");
		const many = Array.from({ length: 250 }, (_, i) => ({ row: i, column: "A", message: "m" }));
		const html = io.errorsHtml(many, (s, args) => s.replace("{0}", args ? args[0] : ""));
		assert.equal((html.match(/<tr><td>/g) || []).length, 200);
		assert.match(html, /50 more problems are not shown/);
	});
});

describe("Desk wiring (with a fake Desk)", () => {
	function fakeDesk({ canImport = true, canExport = true, checked = [] } = {}) {
		const opened = [];
		const buttons = [];
		const actions = [];
		global.__ = (s) => s;
		global.document = {
			createElement: () => ({ click() { opened.push(this.href); }, remove() {} }),
			body: { appendChild() {} },
		};
		global.frappe = {
			model: { can_import: () => canImport, can_export: () => canExport },
		};
		const listview = {
			page: {
				add_inner_button: (label, action, group) => buttons.push({ label, action, group }),
				add_actions_menu_item: (label, action) => actions.push({ label, action }),
			},
			get_checked_items: () => checked,
			get_filters_for_args: () => [["XS Lead", "classification", "=", "Hot"]],
		};
		return { opened, buttons, actions, listview };
	}

	function cleanUp() {
		delete global.__;
		delete global.document;
		delete global.frappe;
	}

	it("adds Import, the three exports under Export, and the vCard action", () => {
		const desk = fakeDesk();
		try {
			io.setupListView(desk.listview);
			assert.deepEqual(
				desk.buttons.map((b) => [b.label, b.group]),
				[
					["Import", undefined],
					["CSV", "Export"],
					["Excel", "Export"],
					["PDF", "Export"],
				]
			);
			assert.deepEqual(
				desk.actions.map((a) => a.label),
				["Export vCard"]
			);
		} finally {
			cleanUp();
		}
	});

	it("exports the list's filters, or the selected rows when there are any", () => {
		let desk = fakeDesk();
		try {
			io.setupListView(desk.listview);
			desk.buttons.find((b) => b.label === "Excel").action();
			assert.equal(
				desk.opened[0],
				"/api/method/xs_leads.api.io.export_leads?file_format=xlsx&filters=" +
					encodeURIComponent(JSON.stringify([["XS Lead", "classification", "=", "Hot"]]))
			);
		} finally {
			cleanUp();
		}
		desk = fakeDesk({ checked: [7, 9] });
		try {
			io.setupListView(desk.listview);
			desk.buttons.find((b) => b.label === "CSV").action();
			desk.actions[0].action();
			assert.deepEqual(desk.opened, [
				"/api/method/xs_leads.api.io.export_leads?file_format=csv&names=%5B7%2C9%5D",
				"/api/method/xs_leads.api.io.download_vcard?names=%5B7%2C9%5D",
			]);
		} finally {
			cleanUp();
		}
	});

	it("leaves Import and Export out without the rights", () => {
		const desk = fakeDesk({ canImport: false, canExport: false });
		try {
			io.setupListView(desk.listview);
			assert.deepEqual(desk.buttons, []);
		} finally {
			cleanUp();
		}
	});

	it("puts Export (vCard) on a saved lead's form only", () => {
		const desk = fakeDesk();
		try {
			const added = [];
			const frm = (isNew) => ({
				is_new: () => isNew,
				doc: { name: 42 },
				add_custom_button: (label, action) => added.push({ label, action }),
			});
			io.setupForm(frm(true));
			assert.equal(added.length, 0);
			io.setupForm(frm(false));
			assert.equal(added[0].label, "Export");
			added[0].action();
			assert.deepEqual(desk.opened, ["/api/method/xs_leads.api.io.download_vcard?lead=42"]);
		} finally {
			cleanUp();
		}
	});
});
