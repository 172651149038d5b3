"""Duplicate check endpoints: candidates of one record, and the full-base scan of leads."""

import frappe
from frappe import _
from frappe.utils import cint

from xs_leads.services import duplicate_scan, duplicate_search


@frappe.whitelist()
@frappe.read_only()
def find_duplicates(
	doctype: str = "XS Lead",
	name: str | int | None = None,
	values: str | dict | None = None,
	limit: int = 20,
) -> list[dict]:
	"""Candidates among XS Lead, XS Company and Contact for a saved record (`name`) or unsaved
	`values`, best first: [{doctype, name, title, score, reasons}]."""
	if doctype not in duplicate_search.checkable_doctypes():
		frappe.throw(_("Duplicate check is not available for {0}").format(_(doctype)), frappe.ValidationError)
	values = frappe.parse_json(values) if values else None
	if values is not None and not isinstance(values, dict):
		frappe.throw(_("Values must be a JSON object of field names and values"), frappe.ValidationError)
	if name not in (None, ""):
		frappe.has_permission(doctype, "read", doc=name, throw=True)
	else:
		if not values:
			frappe.throw(_("Give the name of a record or the values of a new one"), frappe.ValidationError)
		frappe.has_permission(doctype, "read", throw=True)
	limit = min(max(cint(limit), 1), duplicate_search.MAX_LIMIT)
	matches = duplicate_search.find_duplicates(doctype, name, values, limit)
	return [duplicate_search.as_dict(match) for match in matches]


@frappe.whitelist(methods=["POST"])
def start_duplicate_scan(threshold: int = duplicate_scan.DEFAULT_THRESHOLD) -> dict:
	"""Scan all leads for duplicate pairs in a background job; returns the scan record's name."""
	frappe.has_permission("XS Lead", "report", throw=True)
	frappe.has_permission(duplicate_scan.SCAN_DOCTYPE, "create", throw=True)
	return duplicate_scan.start_scan(cint(threshold))
