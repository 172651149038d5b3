"""Index the leads that existed before lead search: fills the search index's tables once."""

from xs_leads.lead_search import index


def execute():
	index.ensure_tables()
	index.rebuild()
