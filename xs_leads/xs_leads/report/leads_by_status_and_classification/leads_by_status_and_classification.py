"""Leads by Status and Classification: how many leads have each first-contact status, per classification."""

import frappe
from frappe import _

from xs_leads.lead_reports import CLASSIFICATIONS, STATUSES, where_clause


def execute(filters=None):
	where, values = where_clause(filters)
	counts = {
		(status, classification): count
		for status, classification, count in frappe.db.sql(
			f"""SELECT contact_status, classification, count(*) FROM `tabXS Lead`
			WHERE {where} GROUP BY contact_status, classification""",
			values,
		)
	}
	columns = [{"fieldname": "status", "label": _("First Contact Status"), "fieldtype": "Data", "width": 180}]
	columns += [
		{"fieldname": _key(c), "label": _(c), "fieldtype": "Int", "width": 110} for c in CLASSIFICATIONS
	]
	columns.append({"fieldname": "total", "label": _("Total"), "fieldtype": "Int", "width": 110})
	data = []
	for status in STATUSES:
		row = {"status": _(status)}
		row.update({_key(c): counts.get((status, c), 0) for c in CLASSIFICATIONS})
		row["total"] = sum(row[_key(c)] for c in CLASSIFICATIONS)
		data.append(row)
	chart = {
		"data": {
			"labels": [_(s) for s in STATUSES],
			"datasets": [{"name": _(c), "values": [row[_key(c)] for row in data]} for c in CLASSIFICATIONS],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#e24c4c", "#8d99a6", "#5e64ff"],
	}
	return columns, data, None, chart


def _key(classification: str) -> str:
	return frappe.scrub(classification)
