"""One-off: the duplicate-check index for the leads, companies and contacts saved before it existed."""

from xs_leads.services.duplicate_index import ensure_key_table, rebuild_index


def execute():
	ensure_key_table()
	rebuild_index()
