// Pure presentation logic for the "XS Lead" list view (icons, tooltips, indicator).
// Loaded in Desk via hooks.py `app_include_js` (sets the global `xs_leads.indicators`)
// and required directly by the node tests (module.exports).
//
// The translate argument is deliberately named `__` so that Frappe's translation
// extractor finds the literal `__("...")` source strings in this file. Desk passes
// the real `__`; tests pass a fake.
(function (root) {
	"use strict";

	const identity = (s) => s;

	// classification (Select): Not Set / Hot / Cold
	function classificationIcon(value, __ = identity) {
		switch (value) {
			case "Hot":
				return { icon: "🔥", tooltip: __("Hot: high potential to become a customer") };
			case "Cold":
				return {
					icon: "🌧️",
					tooltip: __(
						"Cold: has rejected all contact and will most likely not become a customer"
					),
				};
			default: // "Not Set", empty or unknown: no icon
				return null;
		}
	}

	// status (Select): Not Contacted / Reached / Unreachable
	function statusIcon(value, __ = identity) {
		switch (value) {
			case "Reached":
				return {
					icon: "✔\uFE0E",
					color: "var(--green-500)",
					tooltip: __("Reached: contact with the right person has been made"),
				};
			case "Unreachable":
				return {
					icon: "✖\uFE0E",
					color: "var(--red-500)",
					tooltip: __(
						"Unreachable: cannot be contacted, not interested or otherwise uninteresting"
					),
				};
			default: // "Not Contacted", empty or unknown: no icon
				return null;
		}
	}

	function escapeAttr(text) {
		return String(text)
			.replace(/&/g, "&amp;")
			.replace(/"/g, "&quot;")
			.replace(/</g, "&lt;")
			.replace(/>/g, "&gt;");
	}

	// {icon, tooltip, color?} -> HTML span; null -> "" (empty list cell)
	function iconHtml(info) {
		if (!info) return "";
		const style = info.color ? ` style="color: ${info.color}"` : "";
		return `<span class="xs-lead-icon"${style} title="${escapeAttr(info.tooltip)}">${
			info.icon
		}</span>`;
	}

	const STATUS_COLOURS = {
		"Not Contacted": "orange",
		Reached: "green",
		Unreachable: "red",
	};

	// Frappe list indicator: [label, colour, filter] or null (Frappe falls back to its default)
	function indicatorFor(doc, __ = identity) {
		if (!doc) return null;
		if (Number(doc.deactivated)) {
			return [__("Deactivated"), "gray", "deactivated,=,1"];
		}
		const colour = STATUS_COLOURS[doc.contact_status];
		if (!colour) return null;
		return [__(doc.contact_status), colour, `contact_status,=,${doc.contact_status}`];
	}

	const api = {
		classificationIcon,
		statusIcon,
		iconHtml,
		indicatorFor,
		classificationHtml: (value, __) => iconHtml(classificationIcon(value, __)),
		statusHtml: (value, __) => iconHtml(statusIcon(value, __)),
	};

	if (typeof module !== "undefined" && module.exports) {
		module.exports = api;
	}
	if (root) {
		root.xs_leads = root.xs_leads || {};
		root.xs_leads.indicators = api;
	}
})(typeof window !== "undefined" ? window : null);
