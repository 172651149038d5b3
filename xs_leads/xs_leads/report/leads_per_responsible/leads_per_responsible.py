"""Leads per Responsible: per sales person, the open, hot, contacted (reached) and unreachable leads."""

import frappe
from frappe import _

from xs_leads.lead_reports import where_clause

FIGURES = ("open", "hot", "contacted", "unreachable")


def execute(filters=None):
	where, values = where_clause(filters)
	rows = frappe.db.sql(
		f"""SELECT responsible,
			sum(case when deactivated = 0 and contact_status != 'Unreachable' then 1 else 0 end),
			sum(case when classification = 'Hot' then 1 else 0 end),
			sum(case when contact_status = 'Reached' then 1 else 0 end),
			sum(case when contact_status = 'Unreachable' then 1 else 0 end),
			count(*)
		FROM `tabXS Lead` WHERE {where} GROUP BY responsible ORDER BY responsible""",
		values,
	)
	labels = {
		"open": _("Open"),
		"hot": _("Hot"),
		"contacted": _("Contacted"),
		"unreachable": _("Unreachable"),
	}
	columns = [
		{
			"fieldname": "responsible",
			"label": _("Responsible"),
			"fieldtype": "Link",
			"options": "User",
			"width": 220,
		}
	]
	columns += [{"fieldname": f, "label": labels[f], "fieldtype": "Int", "width": 110} for f in FIGURES]
	columns.append({"fieldname": "total", "label": _("Total"), "fieldtype": "Int", "width": 110})
	data = [
		{
			"responsible": responsible or "",
			**dict(zip(FIGURES, map(int, figures), strict=True)),
			"total": int(total),
		}
		for responsible, *figures, total in rows
	]
	chart = {
		"data": {
			"labels": [_full_name(row["responsible"]) for row in data],
			"datasets": [{"name": labels[f], "values": [row[f] for row in data]} for f in FIGURES],
		},
		"type": "bar",
	}
	return columns, data, None, chart


def _full_name(user: str) -> str:
	if not user:
		return _("Not Set")
	return frappe.utils.get_fullname(user)
