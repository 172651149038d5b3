"""Lead search over REST and from the Desk: `xs_leads.api.search.search_leads`."""

import json

import frappe
from frappe import _
from frappe.utils import cint, sbool

from xs_leads.domain.search_criteria import (
	KEYS,
	MAX_TEXT_LENGTH,
	OPERATORS,
	InvalidCriterion,
	criteria_to_dict,
	parse_criteria,
	split_list_filters,
)
from xs_leads.lead_search import engine

DOCTYPE = "XS Lead"
MAX_PAGE_LENGTH = 500


class InvalidSearchCriteria(frappe.ValidationError):
	pass


@frappe.whitelist()
@frappe.read_only()
def search_leads(
	criteria: dict | str | None = None, start: int = 0, page_length: int = 20, order_by: str | None = None
) -> dict:
	"""One page of the leads matching `criteria`, in `order_by` order (the list's, newest first, by default).

	Returns {"leads": [...], "total": n, "total_is_estimate": bool}: each lead carries the list's fields
	and its name; the total is exact unless `total_is_estimate` (large results are estimated).
	"""
	frappe.has_permission(DOCTYPE, "select" if frappe.only_has_select_perm(DOCTYPE) else "read", throw=True)
	parsed = parse_search_criteria(criteria)
	start, page_length = cint(start), cint(page_length)
	if start < 0:
		frappe.throw(_("The start of a page cannot be negative"), InvalidSearchCriteria)
	if not 1 <= page_length <= MAX_PAGE_LENGTH:
		frappe.throw(
			_("The page length must be between 1 and {0}").format(MAX_PAGE_LENGTH), InvalidSearchCriteria
		)
	return engine.search(parsed, start, page_length, parse_order_by(order_by)).as_dict()


def parse_search_criteria(criteria: dict | str | None):
	"""Criteria from a dict or its JSON text, or a translated error naming what is wrong."""
	if isinstance(criteria, str):
		try:
			criteria = json.loads(criteria) if criteria.strip() else {}
		except ValueError:
			frappe.throw(_("The search criteria are not valid JSON"), InvalidSearchCriteria)
	try:
		return parse_criteria(criteria, select_options())
	except InvalidCriterion as e:
		frappe.throw(criterion_error_message(e), InvalidSearchCriteria, title=_("Invalid Search Criteria"))


def select_options() -> dict[str, list[str]]:
	meta = frappe.get_meta(DOCTYPE)
	return {
		fieldname: [o for o in (meta.get_field(fieldname).options or "").split("\n") if o]
		for fieldname in ("contact_status", "classification")
	}


def criterion_error_message(error: InvalidCriterion) -> str:
	key, value = error.key, error.value
	if error.problem == "not_a_mapping":
		return _("The search criteria must be an object of criteria and their values")
	if error.problem == "unknown_key":
		return _("Unknown search criterion {0}. Known criteria: {1}").format(
			frappe.bold(key), ", ".join(KEYS)
		)
	if error.problem == "unknown_option":
		return _("{0} is not a valid value for {1}. Choose one of: {2}").format(
			frappe.bold(value), _(_label(key)), ", ".join(_(o) for o in select_options()[key])
		)
	if error.problem == "not_a_text":
		return _("The search criterion {0} needs a text, not {1}").format(
			frappe.bold(key), frappe.bold(repr(value))
		)
	if error.problem == "text_too_long":
		return _("The search text for {0} is longer than {1} characters").format(
			frappe.bold(key), MAX_TEXT_LENGTH
		)
	if error.problem == "not_a_pair":
		return _("The search criterion {0} needs an operator and a number, for example {1}").format(
			frappe.bold(key), '[">", 50]'
		)
	if error.problem == "unknown_operator":
		return _("Unknown operator {0} for {1}. Use one of: {2}").format(
			frappe.bold(repr(value)), frappe.bold(key), " ".join(OPERATORS)
		)
	if error.problem == "not_a_number":
		return _("{0} is not a number (search criterion {1})").format(
			frappe.bold(repr(value)), frappe.bold(key)
		)
	return _("The search criterion {0} is either true or false, not {1}").format(
		frappe.bold(key), frappe.bold(repr(value))
	)


def _label(fieldname: str) -> str:
	return frappe.get_meta(DOCTYPE).get_label(fieldname)


def parse_order_by(order_by: str | None) -> str:
	"""`"<field> asc|desc"` for a field the list can sort by; the list's own order when empty."""
	if not order_by or not order_by.strip():
		return engine.DEFAULT_ORDER
	parts = order_by.strip().split()
	fieldname = parts[0].strip('`"')
	direction = parts[1].lower() if len(parts) > 1 else "asc"
	if len(parts) > 2 or fieldname not in engine.SORTABLE_FIELDS or direction not in ("asc", "desc"):
		frappe.throw(
			_("Cannot sort leads by {0}. Sort by one of: {1}, followed by asc or desc").format(
				frappe.bold(order_by), ", ".join(sorted(engine.SORTABLE_FIELDS))
			),
			InvalidSearchCriteria,
		)
	return f"{fieldname} {direction}"


@frappe.whitelist()
@frappe.read_only()
def list_view_page(
	fields: list | str | None = None,
	filters: list | str | None = None,
	order_by: str | None = None,
	start: int = 0,
	page_length: int = 20,
	with_comment_count: bool | int | str | None = None,
	criteria: dict | str | None = None,
) -> dict:
	"""The Desk list's page and total through the search: its filters (those the search understands)
	plus `criteria` the list cannot show as filters (text, contact person). Answers like
	`frappe.desk.reportview.get` ({"keys", "values"}) with "total" and "total_is_estimate" added.
	"""
	frappe.has_permission(DOCTYPE, "select" if frappe.only_has_select_perm(DOCTYPE) else "read", throw=True)
	filters = frappe.parse_json(filters) if isinstance(filters, str) else filters
	from_filters, other_filters = split_list_filters(filters or [], frappe.session.user)
	extra = parse_search_criteria(criteria)
	parsed = parse_search_criteria({**from_filters, **criteria_to_dict(extra)})
	start, page_length = max(cint(start), 0), min(max(cint(page_length), 1), MAX_PAGE_LENGTH)
	columns = list_columns(frappe.parse_json(fields) if isinstance(fields, str) else fields)
	result = engine.search(
		parsed, start, page_length, list_order(order_by), other_filters=other_filters, fields=columns
	)
	if sbool(with_comment_count) and "_comments" in columns:
		for lead in result.leads:
			lead["_comment_count"] = len(json.loads(lead.get("_comments") or "[]"))
	keys = list(result.leads[0].keys()) if result.leads else columns
	return {
		"keys": keys,
		"values": [[lead.get(k) for k in keys] for lead in result.leads],
		"total": result.total,
		"total_is_estimate": result.total_is_estimate,
	}


def list_columns(fields: list | None) -> list[str]:
	"""The plain column names among the list's fields ("`tabXS Lead`.`name`" → "name"), name first."""
	valid = set(frappe.db.get_table_columns(DOCTYPE))
	columns = ["name"]
	for field in fields or []:
		column = str(field).replace(f"`tab{DOCTYPE}`.", "").replace(f'"tab{DOCTYPE}".', "").strip('`" ')
		if column in valid and column not in columns:
			columns.append(column)
	return columns


def list_order(order_by: str | None) -> str:
	"""The list's sort ("`tabXS Lead`.`modified` desc") as "<column> <direction>", on one column."""
	if not order_by:
		return engine.DEFAULT_ORDER
	first = order_by.split(",")[0].replace(f"`tab{DOCTYPE}`.", "").replace("`", "").split()
	valid = set(frappe.get_meta(DOCTYPE).get_valid_columns())
	if not first or first[0] not in valid:
		return engine.DEFAULT_ORDER
	direction = first[1].lower() if len(first) > 1 and first[1].lower() in ("asc", "desc") else "desc"
	return f"{first[0]} {direction}"
