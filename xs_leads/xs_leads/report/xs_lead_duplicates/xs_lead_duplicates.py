"""Report "XS Lead Duplicates": pairs of leads that look like the same company, best first.

A base of up to INLINE_LIMIT leads is scanned when the report runs; a larger one shows the
newest background scan ("Run Scan" starts one, with a progress bar) unless a scan is chosen.
"""

import frappe
from frappe import _

from xs_leads.services.duplicate_scan import (
	INLINE_LIMIT,
	SCAN_DOCTYPE,
	decode_reasons,
	latest_scan,
	scan_leads,
	stored_pairs,
	valid_threshold,
)
from xs_leads.services.duplicate_search import describe_reason


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	threshold = valid_threshold(filters.get("threshold"))
	message = None
	if filters.get("scan"):
		scan = frappe.get_doc(SCAN_DOCTYPE, filters.scan)
		scan.check_permission("read")
		pairs = stored_pairs(scan.name, threshold)
		message = scan_message(scan)
	elif frappe.db.count("XS Lead") <= INLINE_LIMIT:
		pairs, _scanned = scan_leads(threshold)
	else:
		scan = latest_scan(threshold)
		if scan:
			pairs = stored_pairs(scan.name, threshold)
			message = scan_message(scan)
		else:
			pairs = []
			message = _("More than {0} leads: use Run Scan to scan them in the background.").format(
				INLINE_LIMIT
			)
	return columns(), rows(pairs), message


def scan_message(scan) -> str:
	return _("Results of scan {0} of {1} leads, finished {2}. Use Run Scan for a fresh one.").format(
		scan.name, scan.leads_scanned, frappe.utils.format_datetime(scan.finished_on)
	)


def columns() -> list[dict]:
	return [
		{"fieldname": "lead", "label": _("Lead"), "fieldtype": "Link", "options": "XS Lead", "width": 90},
		{"fieldname": "lead_name", "label": _("Company Name"), "fieldtype": "Data", "width": 240},
		{
			"fieldname": "other_lead",
			"label": _("Other Lead"),
			"fieldtype": "Link",
			"options": "XS Lead",
			"width": 90,
		},
		{"fieldname": "other_lead_name", "label": _("Other Company Name"), "fieldtype": "Data", "width": 240},
		{"fieldname": "score", "label": _("Score"), "fieldtype": "Int", "width": 80},
		{"fieldname": "reasons", "label": _("Reasons"), "fieldtype": "Data", "width": 320},
	]


def rows(pairs: list[dict]) -> list[dict]:
	"""The pairs whose leads still exist and may be read, with their names and translated reasons."""
	names = {str(p["lead"]) for p in pairs} | {str(p["other_lead"]) for p in pairs}
	titles = {}
	for start in range(0, len(names), 10000):
		chunk = [int(n) for n in sorted(names)[start : start + 10000]]
		for lead in frappe.get_list(
			"XS Lead", filters={"name": ("in", chunk)}, fields=["name", "company_name"], limit_page_length=0
		):
			titles[str(lead.name)] = lead.company_name
	return [
		{
			"lead": int(pair["lead"]),
			"lead_name": titles[str(pair["lead"])],
			"other_lead": int(pair["other_lead"]),
			"other_lead_name": titles[str(pair["other_lead"])],
			"score": pair["score"],
			"reasons": ", ".join(describe_reason(r) for r in decode_reasons(pair["reasons"])),
		}
		for pair in pairs
		if str(pair["lead"]) in titles and str(pair["other_lead"]) in titles
	]
