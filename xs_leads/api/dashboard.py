"""Figures for the XS Leads workspace's number cards, counted by the lead search (exact and fast at a
million leads for a user who may read every lead; an estimate for others, as in the list)."""

import frappe
from frappe.utils import get_first_day, today

from xs_leads.domain.search_criteria import parse_criteria
from xs_leads.lead_search import engine

DOCTYPE = "XS Lead"
CARD_CRITERIA = {
	"hot": {"classification": "Hot", "active": True},
	"not_contacted": {"contact_status": "Not Contacted", "active": True},
	"my_open": {"mine": True, "active": True},
}


def count_leads(card: str) -> int:
	frappe.has_permission(DOCTYPE, "read", throw=True)
	return engine.search(parse_criteria(CARD_CRITERIA[card], {}), 0, 1).total


@frappe.whitelist()
def hot_leads(filters: dict | str | None = None) -> int:
	"""Active leads classified Hot."""
	return count_leads("hot")


@frappe.whitelist()
def not_contacted_leads(filters: dict | str | None = None) -> int:
	"""Active leads nobody has contacted yet."""
	return count_leads("not_contacted")


@frappe.whitelist()
def my_open_leads(filters: dict | str | None = None) -> int:
	"""Active leads the current user is responsible for."""
	return count_leads("my_open")


@frappe.whitelist()
def converted_this_month(filters: dict | str | None = None) -> int:
	"""Leads converted since the first of this month that the user may read (the list's own query:
	conversions are few, and converted_on is indexed)."""
	frappe.has_permission(DOCTYPE, "read", throw=True)
	converted = frappe.get_list(
		DOCTYPE,
		filters={"converted_on": (">=", get_first_day(today()))},
		pluck="name",
		limit_page_length=0,
		order_by="name asc",
	)
	return len(converted)
