"""Lead search: criteria in, one page of leads and the number of matches out, fast at a million leads.

Every database read goes through `frappe.get_list`, so a search sees exactly the leads the user's list
shows (role permissions, user permissions, sharing, permission query hooks). How it stays fast:

1. Text criteria are answered by the search index (xs_leads.lead_search.index) as a set of lead IDs,
   without reading the leads. A query word found in too many different words to read cheaply ("a")
   is left to a row-by-row check instead (`TextFilter.to_verify`).
2. Few candidates (by text, or because the other criteria are selective — the database finds them
   through an index): the candidates are handed to the list query as IDs; page and count are exact.
3. Many matches: the page is read in list order (an index on the sort column serves it and stops after
   a page), and the total is estimated from a fixed, evenly spread sample of leads — a count of a
   million rows costs seconds, the sample milliseconds. `total_is_estimate` says so.
"""

import math
from dataclasses import dataclass, field

import frappe

from xs_leads.domain.id_sets import IdSet
from xs_leads.domain.search_criteria import Criteria
from xs_leads.domain.search_text import (
	COMPANY,
	EMAIL,
	MIN_NUMBER_DIGITS,
	NOTE,
	PERSON,
	PHONE_FIELDS,
	PREFIX_WORDS,
	SUBJECT,
	SUBSTRING_WORDS,
	all_words_occur,
	lead_matches_text,
	number_query,
	person_words,
	phone_prefixes,
	query_words,
	words,
)
from xs_leads.lead_search import index

DOCTYPE = "XS Lead"
# what each lead of a result carries: the list's fields, and what a caller needs to show a row
LIST_FIELDS = (
	"name",
	"company_name",
	"subject",
	"industry",
	"responsible",
	"contact_status",
	"classification",
	"deactivated",
	"organisation_number",
	"phone",
	"mobile",
	"email",
	"first_name",
	"last_name",
	"employees",
	"annual_revenue",
	"modified",
	"modified_by",
)
SORTABLE_FIELDS = frozenset(
	{
		"modified",
		"creation",
		"name",
		"company_name",
		"subject",
		"industry",
		"responsible",
		"contact_status",
		"classification",
		"employees",
		"annual_revenue",
	}
)
DEFAULT_ORDER = "modified desc"

CANDIDATE_LIMIT = 3000  # up to this many candidate IDs are handed to the database as a list
PROBE_LIMIT = 3000  # the other criteria matching fewer leads than this are counted exactly
SAMPLE_SIZE = 6000  # leads looked at to estimate a large total
WALK_CHUNK = 200  # leads read at a time when each needs checking row by row
MAX_TERM_WORDS = 2000  # a query word found in more vocabulary words than this is checked row by row
MAX_TERM_ROWS = 4000  # ... or whose words have more posting rows than this

TEXT_FIELDS = {
	"company_name": (COMPANY,),
	"contact_person": (PERSON,),
	"subject": (SUBJECT,),
	"note": (NOTE,),
}
ROW_FIELDS_FOR_TEXT = {
	"company_name": ("company_name",),
	"contact_person": ("first_name", "last_name"),
	"subject": ("subject",),
	"note": ("note",),
	"text": ("company_name", "first_name", "last_name", "email", "organisation_number", *PHONE_FIELDS),
}


@dataclass
class TextFilter:
	ids: IdSet | None = None  # the leads the text criteria allow (None: the index could not narrow them)
	to_verify: dict[str, str] = field(default_factory=dict)  # criteria to check on each row


@dataclass
class SearchResult:
	leads: list[dict]
	total: int
	total_is_estimate: bool

	def as_dict(self) -> dict:
		return {"leads": self.leads, "total": self.total, "total_is_estimate": self.total_is_estimate}


def search(
	criteria: Criteria, start: int = 0, page_length: int = 20, order_by: str = DEFAULT_ORDER
) -> SearchResult:
	filters = field_filters(criteria)
	text = text_filter(criteria.texts)
	if text.ids is not None and not text.ids:
		return SearchResult([], 0, False)

	if text.ids is not None and len(text.ids) <= CANDIDATE_LIMIT:
		return _page_of_candidates(filters, list(text.ids), text.to_verify, start, page_length, order_by)

	probe = _names(filters, limit=PROBE_LIMIT + 1)
	if len(probe) <= PROBE_LIMIT:
		candidates = [n for n in probe if n in text.ids] if text.ids is not None else probe
		return _page_of_candidates(
			filters, candidates, text.to_verify, start, page_length, order_by, filtered=True
		)

	leads = _walk(filters, text, start, page_length, order_by)
	total = _estimate_total(filters, text)
	# an estimate is never below what the caller has already seen
	total = max(total, start + len(leads) + (1 if len(leads) == page_length else 0))
	return SearchResult(leads, total, True)


def field_filters(criteria: Criteria) -> list[list]:
	"""`frappe.get_list` filters for the criteria that are plain comparisons."""
	filters = [[fieldname, "=", value] for fieldname, value in criteria.equal.items()]
	filters += [[fieldname, op, number] for fieldname, (op, number) in criteria.numbers.items()]
	if criteria.mine:
		filters.append(["responsible", "=", frappe.session.user])
	if criteria.active:
		filters += [["deactivated", "=", 0], ["contact_status", "!=", "Unreachable"]]
	return filters


# --- Text ------------------------------------------------------------------------------------------------


def text_filter(texts: dict[str, str]) -> TextFilter:
	"""The leads the text criteria allow, as far as the index can tell, and what is left to check."""
	result = TextFilter()
	for key, query in texts.items():
		ids, exact = _text_ids(key, query)
		if not exact:
			result.to_verify[key] = query
		if ids is not None:
			result.ids = ids if result.ids is None else result.ids & ids
		if result.ids is not None and not result.ids:
			break
	return result


def _text_ids(key: str, query: str) -> tuple[IdSet | None, bool]:
	"""(leads that can match, whether exactly those match) for one text criterion."""
	terms = query_words(query)
	digits = number_query(query) if key == "text" else None
	if not terms and not digits:
		return None, True  # nothing to search for: no restriction
	term_sets, exact = [], True
	for term in terms:
		ids = _term_ids(key, term)
		if ids is None:
			exact = False
		else:
			term_sets.append(ids)
	matched = None
	for ids in sorted(term_sets, key=len):
		matched = ids if matched is None else matched & ids
		if not matched:
			break
	if matched is None and terms:
		matched_all_terms = None  # every term too broad: the index narrows nothing
	else:
		matched_all_terms = matched
	if digits:
		numbers = _number_ids(digits)
		if numbers is None or matched_all_terms is None:
			return None, False
		return numbers | matched_all_terms, exact
	return matched_all_terms, exact


def _term_ids(key: str, term: str) -> IdSet | None:
	"""Leads with a word containing `term` in the criterion's fields; None when too broad to read."""
	fields = TEXT_FIELDS.get(key, (COMPANY, PERSON))
	substring_words = index.words_matching(term, SUBSTRING_WORDS, prefix=False)
	prefix_words = index.words_matching(term, PREFIX_WORDS, prefix=True) if key == "text" else []
	if len(substring_words) + len(prefix_words) > MAX_TERM_WORDS:
		return None
	rows = index.posting_stats(substring_words, fields)[0] + index.posting_stats(prefix_words, (EMAIL,))[0]
	if rows > MAX_TERM_ROWS:
		return None
	ids = index.leads_with_words(substring_words, fields) | index.leads_with_words(prefix_words, (EMAIL,))
	if key == "text" and term.isdigit() and len(term) >= MIN_NUMBER_DIGITS:
		numbers = _number_ids(term)
		if numbers is None:
			return None
		ids = ids | numbers
	return ids


def _number_ids(digits: str) -> IdSet | None:
	"""Leads whose phone or organisation number starts with `digits`; None when too many to list."""
	found: set[int] = set()
	conditions = [("organisation_number", digits)] + [
		(fieldname, prefix) for fieldname in PHONE_FIELDS for prefix in phone_prefixes(digits)
	]
	for fieldname, prefix in conditions:
		# a range the column's index serves in every collation, and LIKE for the exact prefix
		names = frappe.get_all(
			DOCTYPE,
			filters=[
				[fieldname, ">=", prefix],
				[fieldname, "<", prefix[:-1] + chr(ord(prefix[-1]) + 1)],
				[fieldname, "like", _escape_like(prefix) + "%"],
			],
			pluck="name",
			order_by=None,
			limit=CANDIDATE_LIMIT + 1,
			ignore_ifnull=True,
		)
		found.update(names)
		if len(found) > CANDIDATE_LIMIT:
			return None
	return IdSet.from_ids(found)


def _escape_like(text: str) -> str:
	return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def row_matches(to_verify: dict[str, str], row) -> bool:
	"""Whether a lead row passes the text criteria the index could not answer exactly."""
	for key, query in to_verify.items():
		if key == "text":
			if not lead_matches_text(query, row):
				return False
		elif key == "contact_person":
			if not all_words_occur(query, person_words(row)):
				return False
		elif not all_words_occur(query, words(row.get(key))):
			return False
	return True


def _verify_fields(to_verify: dict[str, str]) -> list[str]:
	return sorted({f for key in to_verify for f in ROW_FIELDS_FOR_TEXT[key]})


# --- Reading pages and counting --------------------------------------------------------------------------


def _names(filters: list, limit: int) -> list[int]:
	return frappe.get_list(
		DOCTYPE, filters=filters, pluck="name", order_by=None, limit_page_length=limit, ignore_ifnull=True
	)


def _page_of_candidates(
	filters: list,
	candidates: list[int],
	to_verify: dict,
	start: int,
	page_length: int,
	order_by: str,
	filtered: bool = False,
) -> SearchResult:
	"""Exact page and total when the matching leads are few enough to name.

	`filtered`: the candidates come from the list query with `filters` already (permissions included).
	"""
	if not candidates:
		return SearchResult([], 0, False)
	in_candidates = [*filters, ["name", "in", candidates]]
	if filtered and not to_verify:
		matching = candidates
	elif to_verify:
		rows = frappe.get_list(
			DOCTYPE,
			filters=in_candidates,
			fields=["name", *_verify_fields(to_verify)],
			order_by=None,
			limit_page_length=0,
			ignore_ifnull=True,
		)
		matching = [row.name for row in rows if row_matches(to_verify, row)]
	else:
		matching = _names(in_candidates, limit=0)
	if not matching:
		return SearchResult([], 0, False)
	leads = _leads([*filters, ["name", "in", matching]], order_by, start=start, page_length=page_length)
	return SearchResult(leads, len(matching), False)


def _walk(filters: list, text: TextFilter, start: int, page_length: int, order_by: str) -> list[dict]:
	"""A page of many matching leads, read in list order; rows are checked one by one when needed."""
	if text.ids is None and not text.to_verify:
		return _leads(filters, order_by, start=start, page_length=page_length)
	fields = ["name", *_verify_fields(text.to_verify)]
	page, skipped, offset, chunk = [], 0, 0, WALK_CHUNK
	while len(page) < page_length:
		rows = frappe.get_list(
			DOCTYPE,
			filters=filters,
			fields=fields,
			order_by=order_by,
			limit_start=offset,
			limit_page_length=chunk,
			ignore_ifnull=True,
		)
		for row in rows:
			if (text.ids is None or row.name in text.ids) and row_matches(text.to_verify, row):
				if skipped < start:
					skipped += 1
				elif len(page) < page_length:
					page.append(row.name)
		if len(rows) < chunk:
			break
		offset += chunk
		chunk = min(chunk * 2, 5000)
	if not page:
		return []
	return _leads([["name", "in", page]], order_by, start=0, page_length=len(page))


def _leads(filters: list, order_by: str, start: int, page_length: int) -> list[dict]:
	return frappe.get_list(
		DOCTYPE,
		filters=filters,
		fields=list(LIST_FIELDS),
		order_by=order_by,
		limit_start=start,
		limit_page_length=page_length,
		ignore_ifnull=True,
	)


def _estimate_total(filters: list, text: TextFilter) -> int:
	"""The number of matching leads, estimated from an even sample of the leads that can match."""
	if text.ids is not None:
		population, sample = len(text.ids), text.ids.sample(SAMPLE_SIZE)
	else:
		population, sample = _id_range_sample()
	if not sample:
		return 0
	in_sample = [*filters, ["name", "in", sample]]
	if text.to_verify:
		rows = frappe.get_list(
			DOCTYPE,
			filters=in_sample,
			fields=["name", *_verify_fields(text.to_verify)],
			order_by=None,
			limit_page_length=0,
			ignore_ifnull=True,
		)
		hits = sum(1 for row in rows if row_matches(text.to_verify, row))
	else:
		hits = len(_names(in_sample, limit=0))
	return _round_estimate(hits * population / len(sample))


def _id_range_sample() -> tuple[int, list[int]]:
	"""(size of the ID range, IDs spread evenly over it): IDs of deleted leads simply match nothing."""
	lowest, highest = frappe.db.sql(f"SELECT min(name), max(name) FROM `tab{DOCTYPE}`")[0]
	if lowest is None:
		return 0, []
	span = int(highest) - int(lowest) + 1
	step = max(span / SAMPLE_SIZE, 1)
	return span, sorted({int(lowest) + int(i * step) for i in range(min(SAMPLE_SIZE, span))})


def _round_estimate(value: float) -> int:
	"""Two significant digits above 100: an estimate should not look more precise than it is."""
	if value < 100:
		return round(value)
	magnitude = 10 ** (int(math.log10(value)) - 1)
	return int(round(value / magnitude) * magnitude)
