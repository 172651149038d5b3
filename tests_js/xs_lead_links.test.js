"use strict";

const { describe, it } = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const links = require(path.resolve(__dirname, "../xs_leads/public/js/xs_lead_links.js"));

const translate = (s, args) => `[nb] ${args ? s.replace(/\{(\d+)\}/g, (_, i) => args[i]) : s}`;

describe("Brønnøysund register", () => {
	it("opens the entry when the organisation number is known", () => {
		assert.equal(
			links.brregUrl({ organisation_number: "923609016", company_name: "Equinor ASA" }),
			"https://virksomhet.brreg.no/nb/oppslag/enheter/923609016"
		);
		assert.equal(
			links.brregUrl({ organisation_number: "923 609 016" }),
			"https://virksomhet.brreg.no/nb/oppslag/enheter/923609016"
		);
	});

	it("searches by name without one (or with a malformed one)", () => {
		assert.equal(
			links.brregUrl({ organisation_number: "", company_name: "Ærlige  Østfold Bygg & Sønn AS " }),
			"https://virksomhet.brreg.no/nb/sok?sokeord=%C3%86rlige%20%C3%98stfold%20Bygg%20%26%20S%C3%B8nn%20AS"
		);
		assert.equal(
			links.brregUrl({ organisation_number: "12345", company_name: "X AS" }),
			"https://virksomhet.brreg.no/nb/sok?sokeord=X%20AS"
		);
	});

	it("nothing to link without number or name", () => {
		assert.equal(links.brregUrl({}), null);
		assert.equal(links.brregUrl(null), null);
	});
});

describe("Leverandørguiden", () => {
	it("searches by name", () => {
		assert.equal(
			links.leverandorguidenUrl({ company_name: "Nordfisk AS", organisation_number: "923609016" }),
			"https://www.leverandorguiden.no/sok?q=Nordfisk%20AS"
		);
		assert.equal(links.leverandorguidenUrl({ company_name: "  " }), null);
	});
});

describe("register icons", () => {
	it("two links opening in a new tab, with translated tooltips", () => {
		const html = links.registerLinksHtml({ company_name: "Nordfisk AS", organisation_number: "923609016" }, translate);
		assert.match(html, /href="https:\/\/virksomhet\.brreg\.no\/nb\/oppslag\/enheter\/923609016"/);
		assert.match(html, /href="https:\/\/www\.leverandorguiden\.no\/sok\?q=Nordfisk%20AS"/);
		assert.equal((html.match(/target="_blank"/g) || []).length, 2);
		assert.equal((html.match(/rel="noopener noreferrer"/g) || []).length, 2);
		assert.match(html, /title="\[nb\] Open in the Brønnøysund Register Centre"/);
		assert.match(html, /title="\[nb\] Search Leverandørguiden"/);
	});

	it("a name search says so", () => {
		const html = links.registerLinksHtml({ company_name: "Nordfisk AS" }, translate);
		assert.match(html, /title="\[nb\] Search the Brønnøysund Register Centre"/);
	});

	it("names are escaped in attributes", () => {
		const html = links.registerLinksHtml({ company_name: 'A "B" <C> AS' });
		assert.doesNotMatch(html, /<C>/);
	});

	it("no lead name: no icons", () => {
		assert.equal(links.registerLinksHtml({}), "");
	});
});

describe("tel: links", () => {
	it("stored E.164 and typed numbers", () => {
		assert.equal(links.telHref("+4791234567"), "tel:+4791234567");
		assert.equal(links.telHref("22 33 44 55"), "tel:22334455");
		assert.equal(links.telHref("(+47) 912 34 567"), "tel:4791234567");
	});

	it("no number, no link", () => {
		for (const value of ["", null, undefined, "12", "sentralbord"]) {
			assert.equal(links.telHref(value), null, `value ${String(value)}`);
		}
	});

	it("phone cells link to call, and keep unparseable text as text", () => {
		const html = links.phoneHtml("+4791234567", translate);
		assert.match(html, /href="tel:\+4791234567"/);
		assert.match(html, /title="\[nb\] Call \+4791234567"/);
		assert.equal(links.phoneHtml("sentralbord <b>"), "sentralbord &lt;b&gt;");
		assert.equal(links.phoneHtml(""), "");
	});
});
