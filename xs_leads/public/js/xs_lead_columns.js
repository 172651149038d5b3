// Pure logic for the XS Lead list's people columns: responsible ("Ansv") and last changed by
// ("Av") as initials, the full name on hover. Loaded in Desk via hooks.py `app_include_js`
// (global `xs_leads.columns`) and required by the node tests (module.exports).
(function (root) {
	"use strict";

	function escapeHtml(text) {
		return String(text)
			.replace(/&/g, "&amp;")
			.replace(/"/g, "&quot;")
			.replace(/</g, "&lt;")
			.replace(/>/g, "&gt;");
	}

	// "Ola Nordmann" -> "ON"; "Kari Anne Nordmann" -> "KN"; "ola.nordmann@example.com" -> "ON";
	// "Administrator" -> "A"; "" -> ""
	function initials(fullName) {
		const text = String(fullName || "").trim();
		if (!text) return "";
		const local = text.includes("@") && !text.includes(" ") ? text.split("@")[0] : text;
		const words = local.split(/[\s._-]+/).filter(Boolean);
		if (!words.length) return "";
		const first = words[0][0];
		const last = words.length > 1 ? words[words.length - 1][0] : "";
		return (first + last).toLocaleUpperCase("nb");
	}

	// a list cell: the initials, the full name (and the user ID) as tooltip
	function userCellHtml(userId, fullName) {
		if (!userId) return "";
		const name = fullName || userId;
		const tooltip = name === userId ? userId : `${name} (${userId})`;
		return `<span class="xs-lead-user-initials" title="${escapeHtml(tooltip)}">${escapeHtml(
			initials(name)
		)}</span>`;
	}

	const api = { initials, userCellHtml };

	if (typeof module !== "undefined" && module.exports) {
		module.exports = api;
	}
	if (root) {
		root.xs_leads = root.xs_leads || {};
		root.xs_leads.columns = api;
	}
})(typeof window !== "undefined" ? window : null);
