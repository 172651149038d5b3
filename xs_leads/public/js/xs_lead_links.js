// Links out of a lead: its entry in the Brønnøysund register (by organisation number, else a search by
// name), a search for it in Leverandørguiden, and tel: links for its phone numbers.
// Pure functions; loaded in Desk through hooks.py `app_include_js` (global `xs_leads.links`) and
// required directly by the node tests (module.exports).
(function (root) {
	"use strict";

	const identity = (s) => s;

	// the registers' public web addresses (checked November 2026)
	const BRREG_ENTRY = "https://virksomhet.brreg.no/nb/oppslag/enheter/";
	const BRREG_SEARCH = "https://virksomhet.brreg.no/nb/sok?sokeord=";
	const LEVERANDORGUIDEN_SEARCH = "https://www.leverandorguiden.no/sok?q=";

	// 9 digits (spaces allowed, as people write it: "923 609 016"), else null
	function organisationNumber(value) {
		const digits = String(value || "").replace(/\s/g, "");
		return /^\d{9}$/.test(digits) ? digits : null;
	}

	function searchName(name) {
		return String(name || "")
			.replace(/\s+/g, " ")
			.trim();
	}

	function brregUrl(lead) {
		const orgnr = organisationNumber(lead && lead.organisation_number);
		if (orgnr) return BRREG_ENTRY + orgnr;
		const name = searchName(lead && lead.company_name);
		return name ? BRREG_SEARCH + encodeURIComponent(name) : null;
	}

	function leverandorguidenUrl(lead) {
		const name = searchName(lead && lead.company_name);
		return name ? LEVERANDORGUIDEN_SEARCH + encodeURIComponent(name) : null;
	}

	// "tel:+4791234567" for a number as stored ("+4791234567", or typed: "22 33 44 55"), else null
	function telHref(number) {
		const text = String(number || "").trim();
		const digits = text.replace(/[^\d]/g, "");
		if (digits.length < 3) return null;
		return "tel:" + (text.startsWith("+") ? "+" : "") + digits;
	}

	// (no regular expressions with quotes or angle brackets: they confuse the translation extractor)
	const HTML_ESCAPES = { "&": "&amp;", '"': "&quot;", "<": "&lt;", ">": "&gt;" };

	function escapeHtml(text) {
		return Array.from(String(text), (c) => HTML_ESCAPES[c] || c).join("");
	}

	function linkHtml(url, label, text, cls) {
		if (!url) return "";
		return `<a class="${cls}" href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer" title="${escapeHtml(
			label
		)}" onclick="event.stopPropagation()">${text}</a>`;
	}

	// the two register icons of a list row
	function registerLinksHtml(lead, __ = identity) {
		const brreg = brregUrl(lead);
		const guide = leverandorguidenUrl(lead);
		if (!brreg && !guide) return "";
		const brregLabel = organisationNumber(lead && lead.organisation_number)
			? __("Open in the Brønnøysund Register Centre")
			: __("Search the Brønnøysund Register Centre");
		return (
			`<span class="xs-lead-registers">` +
			linkHtml(brreg, brregLabel, "B", "xs-lead-register xs-lead-brreg") +
			linkHtml(guide, __("Search Leverandørguiden"), "L", "xs-lead-register xs-lead-leverandorguiden") +
			`</span>`
		);
	}

	// a phone number as a click-to-call link
	function phoneHtml(number, __ = identity) {
		const href = telHref(number);
		if (!href) return number ? escapeHtml(number) : "";
		const label = __("Call {0}", [number]);
		return `<a class="xs-lead-tel" href="${href}" title="${escapeHtml(
			label
		)}" onclick="event.stopPropagation()">${escapeHtml(number)}</a>`;
	}

	const api = {
		organisationNumber,
		brregUrl,
		leverandorguidenUrl,
		telHref,
		registerLinksHtml,
		phoneHtml,
		BRREG_ENTRY,
		BRREG_SEARCH,
		LEVERANDORGUIDEN_SEARCH,
	};

	if (typeof module !== "undefined" && module.exports) {
		module.exports = api;
	}
	if (root) {
		root.xs_leads = root.xs_leads || {};
		root.xs_leads.links = api;
	}
})(typeof window !== "undefined" ? window : null);
