"use strict";

const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const columns = require(path.resolve(__dirname, "../xs_leads/public/js/xs_lead_columns.js"));

describe("initials", () => {
	it("first and last name", () => {
		assert.equal(columns.initials("Ola Nordmann"), "ON");
		assert.equal(columns.initials("Kari Anne Nordmann"), "KN");
	});

	it("Norwegian letters are upper-cased", () => {
		assert.equal(columns.initials("øystein åsheim"), "ØÅ");
	});

	it("an e-mail address without a name", () => {
		assert.equal(columns.initials("per.hansen@example.com"), "PH");
	});

	it("one word and nothing", () => {
		assert.equal(columns.initials("Administrator"), "A");
		for (const value of ["", "   ", null, undefined]) {
			assert.equal(columns.initials(value), "", `value ${String(value)}`);
		}
	});
});

describe("userCellHtml", () => {
	it("shows initials with the full name and user ID on hover", () => {
		assert.equal(
			columns.userCellHtml("ola@example.com", "Ola Nordmann"),
			'<span class="xs-lead-user-initials" title="Ola Nordmann (ola@example.com)">ON</span>'
		);
	});

	it("falls back to the user ID when the name is unknown", () => {
		assert.equal(
			columns.userCellHtml("kari.nordmann@example.com"),
			'<span class="xs-lead-user-initials" title="kari.nordmann@example.com">KN</span>'
		);
	});

	it("escapes what it shows", () => {
		const html = columns.userCellHtml("x@example.com", 'Eve "<b>" Bad');
		assert.ok(!html.includes("<b>"), html);
		assert.ok(html.includes("&quot;&lt;b&gt;&quot;"), html);
	});

	it("an empty cell without a user", () => {
		assert.equal(columns.userCellHtml(""), "");
		assert.equal(columns.userCellHtml(null), "");
	});
});
