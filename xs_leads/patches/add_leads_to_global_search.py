"""Sites installed before global search covered XS Lead: add it, and index the leads there are."""

import frappe

from xs_leads.install import ensure_in_global_search
from xs_leads.lead_search import global_search

# indexing a million leads for the awesome bar takes long: larger sites do it on their own time
# (`bench --site S execute xs_leads.lead_search.global_search.index_leads`)
INDEX_UP_TO = 50_000


def execute():
	ensure_in_global_search()
	if frappe.db.count("XS Lead") <= INDEX_UP_TO:
		global_search.index_leads()
