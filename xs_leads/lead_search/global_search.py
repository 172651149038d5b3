"""Leads in Frappe's global search (the awesome bar), for leads that did not come through a save.

Frappe indexes a lead's `in_global_search` fields when it is saved; its own `rebuild_for_doctype`
cannot handle numeric IDs (it escapes the ID as text), so bulk-loaded leads are queued here the way
a save queues them, and the queue is synced into `__global_search`.
"""

import frappe
from frappe.utils.global_search import get_formatted_value, sync_global_search, sync_value_in_queue

DOCTYPE = "XS Lead"


def index_leads(names: list[int] | None = None, batch_size: int = 1000) -> int:
	"""Queue every lead (or these) for global search and sync the queue. Returns how many were queued."""
	fields = frappe.get_meta(DOCTYPE).get_global_search_fields()
	fieldnames = ["name", *(f.fieldname for f in fields)]
	# what saves queued first: a lead twice in one sync is refused by PostgreSQL's upsert
	sync_global_search()
	last, count = 0, 0
	while True:
		filters = [["name", ">", last]] + ([["name", "in", names]] if names is not None else [])
		rows = frappe.get_all(
			DOCTYPE, filters=filters, fields=fieldnames, order_by="name asc", limit=batch_size
		)
		if not rows:
			break
		for row in rows:
			content = [get_formatted_value(row[f.fieldname], f) for f in fields if row.get(f.fieldname)]
			sync_value_in_queue(
				{
					"doctype": DOCTYPE,
					"name": str(row.name),
					"content": " ||| ".join(content),
					"published": 0,
					"title": "",
					"route": "",
				}
			)
		sync_global_search()
		last, count = rows[-1].name, count + len(rows)
	return count
