"""One-off: the duplicate-check index for the leads, companies and contacts saved before it existed."""

from xs_leads.services.duplicate_index import rebuild_index


def execute():
	rebuild_index()  # creates the table first
