"use strict";

const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const dup = require(path.resolve(__dirname, "../xs_leads/public/js/xs_lead_duplicates.js"));

const fakeTranslate = (s) => `[nb] ${s}`;
const link = (doctype, name) => `/app/${doctype.toLowerCase().replace(/ /g, "-")}/${name}`;

const CANDIDATES = [
	{ doctype: "XS Lead", name: 12, title: "Nordfisk A/S", score: 97, reasons: ["same phone", "name 100% similar"] },
	{ doctype: "Contact", name: "Kari Olsen", title: "Kari Olsen", score: 90, reasons: ["same e-mail"] },
	{ doctype: "XS Company", name: 3, title: "<b>Havbruk</b> & Sønn", score: 95, reasons: ["same organisation number"] },
];

describe("candidatesHtml", () => {
	const html = dup.candidatesHtml(CANDIDATES, { __: fakeTranslate, link });

	it("lists every candidate with its link, score and reasons", () => {
		assert.match(html, /href="\/app\/xs-lead\/12">Nordfisk A\/S<\/a>/);
		assert.match(html, /href="\/app\/contact\/Kari Olsen">Kari Olsen<\/a>/);
		assert.match(html, />97</);
		assert.match(html, /same phone, name 100% similar/);
	});

	it("offers Merge for lead candidates only", () => {
		const buttons = html.match(/xs-merge-candidate/g) || [];
		assert.equal(buttons.length, 1);
		assert.match(html, /data-name="12">\[nb\] Merge<\/button>/);
	});

	it("translates the record types and headings", () => {
		assert.match(html, /<td>\[nb\] Contact<\/td>/);
		assert.match(html, /<th>\[nb\] Reasons<\/th>/);
	});

	it("escapes what users typed", () => {
		assert.match(html, /&lt;b&gt;Havbruk&lt;\/b&gt; &amp; Sønn/);
		assert.doesNotMatch(html, /<b>Havbruk/);
	});

	it("says so when there are no candidates", () => {
		assert.match(dup.candidatesHtml([], { __: fakeTranslate }), /\[nb\] No other lead/);
	});
});

describe("previewHtml", () => {
	it("lists the moved records per type and the filled fields with their labels", () => {
		const html = dup.previewHtml(
			{ target: 1, moved: { Event: 2, Comment: 1 }, filled: { email: "post@nordfisk.no", items: [{}, {}] } },
			{ __: fakeTranslate, label: (f) => ({ email: "E-mail", items: "Items" })[f] }
		);
		assert.match(html, /<li>\[nb\] Event: 2<\/li>/);
		assert.match(html, /<li>\[nb\] E-mail: post@nordfisk.no<\/li>/);
		assert.match(html, /<li>\[nb\] Items: \[nb\] \{0\} rows<\/li>/);
	});

	it("says when nothing moves and nothing is filled", () => {
		const html = dup.previewHtml({ target: 1, moved: {}, filled: {} }, { __: fakeTranslate });
		assert.match(html, /Nothing is linked to the source lead/);
		assert.match(html, /The target has a value in every field/);
	});
});
