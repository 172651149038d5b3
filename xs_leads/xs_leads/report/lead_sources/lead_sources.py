"""Lead Sources: per month and source, the leads that came in and the share of them contacted (reached)."""

import frappe
from frappe import _

from xs_leads.lead_reports import month_of, where_clause


def execute(filters=None):
	where, values = where_clause(filters)
	month = month_of("creation")
	rows = frappe.db.sql(
		f"""SELECT {month} AS month, source, count(*),
			sum(case when contact_status = 'Reached' then 1 else 0 end)
		FROM `tabXS Lead` WHERE {where} GROUP BY {month}, source ORDER BY month, source""",
		values,
	)
	columns = [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 100},
		{
			"fieldname": "source",
			"label": _("Source"),
			"fieldtype": "Link",
			"options": "XS Lead Source",
			"width": 160,
		},
		{"fieldname": "leads", "label": _("Leads"), "fieldtype": "Int", "width": 100},
		{"fieldname": "contacted", "label": _("Contacted"), "fieldtype": "Int", "width": 100},
		{"fieldname": "contacted_share", "label": _("Contacted Share"), "fieldtype": "Percent", "width": 130},
	]
	data = [
		{
			"month": month_value,
			"source": source or "",
			"leads": int(leads),
			"contacted": int(contacted),
			"contacted_share": round(100 * int(contacted) / int(leads), 1) if leads else 0,
		}
		for month_value, source, leads, contacted in rows
	]
	months = sorted({row["month"] for row in data})
	sources = sorted({row["source"] for row in data})
	leads_by = {(row["month"], row["source"]): row["leads"] for row in data}
	chart = {
		"data": {
			"labels": months,
			"datasets": [
				{
					"name": _(source) if source else _("Not Set"),
					"values": [leads_by.get((m, source), 0) for m in months],
				}
				for source in sources
			],
		},
		"type": "line",
	}
	return columns, data, None, chart
