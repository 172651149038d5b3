// Lead search criteria in the Desk list: which criteria become the list's filters, which the list keeps
// beside them (contact person, text: no single field holds them), the quick filters ("my leads",
// "active leads"), and the Search dialog's values. The same mapping as split_list_filters in
// xs_leads/domain/search_criteria.py, which turns the filters back into criteria on the server.
// Pure functions; global `xs_leads.criteria` in Desk, module.exports for the node tests.
(function (root) {
	"use strict";

	const EQUAL_KEYS = ["contact_status", "classification", "responsible", "industry"];
	const LIKE_KEYS = ["company_name", "subject", "note"];
	const NUMBER_KEYS = ["employees", "annual_revenue"];
	const EXTRA_KEYS = ["contact_person", "text"];
	const OPERATORS = [">", "<", "=", "!="];

	function isEmpty(value) {
		return value === undefined || value === null || String(value).trim() === "";
	}

	function likeValue(value) {
		const text = String(value || "");
		if (text.length < 3 || !text.startsWith("%") || !text.endsWith("%")) return null;
		const inner = text.slice(1, -1);
		return inner && !inner.includes("%") && !inner.includes("_") ? inner : null;
	}

	function activeFilters(doctype) {
		return [
			[doctype, "deactivated", "=", 0],
			[doctype, "contact_status", "!=", "Unreachable"],
		];
	}

	function myFilters(doctype, user) {
		return [[doctype, "responsible", "=", user]];
	}

	// {filters: the list filters for the criteria, extra: the criteria the list keeps beside them}
	function criteriaToFilters(criteria, doctype, user) {
		const filters = [];
		const extra = {};
		for (const [key, value] of Object.entries(criteria || {})) {
			if (EQUAL_KEYS.includes(key) && !isEmpty(value)) {
				filters.push([doctype, key, "=", value]);
			} else if (LIKE_KEYS.includes(key) && !isEmpty(value)) {
				filters.push([doctype, key, "like", `%${String(value).trim()}%`]);
			} else if (NUMBER_KEYS.includes(key) && Array.isArray(value) && !isEmpty(value[1])) {
				filters.push([doctype, key, value[0], value[1]]);
			} else if (EXTRA_KEYS.includes(key) && !isEmpty(value)) {
				extra[key] = String(value).trim();
			} else if (key === "mine" && value) {
				filters.push(...myFilters(doctype, user));
			} else if (key === "active" && value) {
				filters.push(...activeFilters(doctype));
			}
		}
		return { filters, extra };
	}

	function sameFilter(a, b) {
		return a[1] === b[1] && a[2] === b[2] && String(a[3]) === String(b[3]);
	}

	function isActivePart(f) {
		return (
			(f[1] === "deactivated" && f[2] === "=" && String(f[3]) === "0") ||
			(f[1] === "contact_status" && f[2] === "!=" && f[3] === "Unreachable")
		);
	}

	// {criteria, rest}: the list's filters ([doctype, field, operator, value]) read back as criteria
	function filtersToCriteria(filters, user) {
		const criteria = {};
		const rest = [];
		const activeParts = [];
		for (const f of filters || []) {
			const [, field, op, value] = f;
			if (isActivePart(f)) {
				activeParts.push(f);
				continue;
			}
			let key = null;
			let criterion = null;
			if (field === "responsible" && op === "=" && value === user) {
				[key, criterion] = ["mine", true];
			} else if (EQUAL_KEYS.includes(field) && op === "=") {
				[key, criterion] = [field, value];
			} else if (NUMBER_KEYS.includes(field) && OPERATORS.includes(op)) {
				[key, criterion] = [field, [op, value]];
			} else if (LIKE_KEYS.includes(field) && op === "like" && likeValue(value)) {
				[key, criterion] = [field, likeValue(value)];
			}
			if (key && !(key in criteria)) {
				criteria[key] = criterion;
			} else {
				rest.push(f);
			}
		}
		const activeFields = new Set(activeParts.map((f) => f[1]));
		if (activeFields.has("deactivated") && activeFields.has("contact_status")) {
			criteria.active = true;
		} else {
			rest.push(...activeParts);
		}
		return { criteria, rest };
	}

	// whether all of `wanted` are among `filters`
	function hasFilters(filters, wanted) {
		return wanted.every((w) => (filters || []).some((f) => sameFilter(f, w)));
	}

	// `filters` with `wanted` added, or removed when all of them are there already
	function toggleFilters(filters, wanted) {
		if (hasFilters(filters, wanted)) {
			return (filters || []).filter((f) => !wanted.some((w) => sameFilter(f, w)));
		}
		const missing = wanted.filter((w) => !(filters || []).some((f) => sameFilter(f, w)));
		return [...(filters || []), ...missing];
	}

	// the Search dialog's values as criteria (figures come as an operator and a value field each)
	function dialogToCriteria(values) {
		const criteria = {};
		for (const key of [...EQUAL_KEYS, ...LIKE_KEYS, ...EXTRA_KEYS]) {
			if (!isEmpty(values[key])) criteria[key] = String(values[key]).trim();
		}
		for (const key of NUMBER_KEYS) {
			const value = values[`${key}_value`];
			if (!isEmpty(value)) criteria[key] = [values[`${key}_operator`] || "=", Number(value)];
		}
		if (values.mine) criteria.mine = true;
		if (values.active) criteria.active = true;
		return criteria;
	}

	function criteriaToDialog(criteria) {
		const values = {};
		for (const [key, value] of Object.entries(criteria || {})) {
			if (NUMBER_KEYS.includes(key)) {
				values[`${key}_operator`] = value[0];
				values[`${key}_value`] = value[1];
			} else if (key === "mine" || key === "active") {
				values[key] = value ? 1 : 0;
			} else {
				values[key] = value;
			}
		}
		return values;
	}

	// one line per criterion, for "Show criteria": [label, shown value]
	function describe(criteria, labelOf, __ = (s) => s) {
		const lines = [];
		for (const [key, value] of Object.entries(criteria || {})) {
			if (key === "mine") {
				if (value) lines.push([__("Responsible"), __("Me")]);
			} else if (key === "active") {
				if (value) lines.push([__("Show"), __("Active leads only")]);
			} else if (NUMBER_KEYS.includes(key)) {
				lines.push([labelOf(key), `${value[0]} ${value[1]}`]);
			} else if (key === "contact_status" || key === "classification") {
				lines.push([labelOf(key), __(value)]);
			} else {
				lines.push([labelOf(key), String(value)]);
			}
		}
		return lines;
	}

	const api = {
		EQUAL_KEYS,
		LIKE_KEYS,
		NUMBER_KEYS,
		EXTRA_KEYS,
		OPERATORS,
		activeFilters,
		myFilters,
		criteriaToFilters,
		filtersToCriteria,
		hasFilters,
		toggleFilters,
		dialogToCriteria,
		criteriaToDialog,
		describe,
	};

	if (typeof module !== "undefined" && module.exports) {
		module.exports = api;
	}
	if (root) {
		root.xs_leads = root.xs_leads || {};
		root.xs_leads.criteria = api;
	}
})(typeof window !== "undefined" ? window : null);
