"""Lead search: criteria in, one page of leads and the number of matches out, fast at a million leads.

1. Plan: every criterion becomes a set of lead IDs read from the search index (xs_leads.lead_search.
   index) — facets for the comparisons ("classification=Hot", the bucket of a figure), words for the
   text — and the sets are intersected. No lead row is read. The set is exact unless a figure's range
   cuts through a bucket or a text word is too common to look up (then rows are checked as well).
2. Exact set, and the user may read every lead (no user permissions, sharing-only access or
   permission hooks): the total is the size of the set, and the page is read by walking the index of
   the sort column until a page of members is found (or, for few members, by looking them up).
3. Otherwise every read goes through `frappe.get_list` with the criteria as filters, so the user sees
   exactly what the list shows them: few candidates are checked one by one (exact total), many are
   walked in list order and their total is estimated from a sample (`total_is_estimate`).
"""

import math
from dataclasses import dataclass, field

import frappe

from xs_leads.domain.id_sets import IdSet
from xs_leads.domain.lead_index import FACET, bucket_range, equal_word, number_buckets
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

CANDIDATE_LIMIT = 3000  # up to this many candidates are looked up one by one
BUCKET_PART_LIMIT = 30_000  # IDs read from a figure's index to narrow a bucket a range cuts through
LOOKUP_LIMIT = 1000  # an exact set this small is paged by looking its members up, larger by walking
SAMPLE_SIZE = 1500  # candidates looked at to estimate a large total
WALK_CHUNK = 500  # names read at a time when walking an index in list order
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
ALL_LEADS = (equal_word("deactivated", 0), equal_word("deactivated", 1))


@dataclass
class Plan:
	candidates: IdSet  # the leads that can match
	exact: bool = True  # ... and they all do (permissions aside)
	to_verify: dict[str, str] = field(default_factory=dict)  # text criteria to check row by row


@dataclass
class SearchResult:
	leads: list[dict]
	total: int
	total_is_estimate: bool

	def as_dict(self) -> dict:
		return {"leads": self.leads, "total": self.total, "total_is_estimate": self.total_is_estimate}


def search(
	criteria: Criteria,
	start: int = 0,
	page_length: int = 20,
	order_by: str = DEFAULT_ORDER,
	other_filters: list | None = None,
	fields: list[str] | None = None,
) -> SearchResult:
	"""A page of the leads matching `criteria` (and `other_filters`, list filters the index does not
	cover), carrying `fields` (the list's fields by default), and their total."""
	plan = make_plan(criteria)
	if not plan.candidates:
		return SearchResult([], 0, False)
	filters = field_filters(criteria) + list(other_filters or [])
	if other_filters:
		plan.exact = False
	reader = PageReader(filters, order_by, list(fields or LIST_FIELDS))
	if plan.exact and reads_every_lead():
		leads = reader.page_of_exact_set(plan.candidates, start, page_length)
		return SearchResult(leads, len(plan.candidates), False)
	if len(plan.candidates) <= CANDIDATE_LIMIT:
		return reader.page_of_candidates(plan, start, page_length)
	leads = reader.walk(plan, start, page_length)
	total = max(_estimate_total(plan, filters), start + len(leads))
	return SearchResult(leads, total, True)


def reads_every_lead() -> bool:
	"""Whether the list shows this user every lead (no user permission, owner or hook conditions)."""
	from frappe.desk.reportview import build_match_conditions

	return not build_match_conditions(DOCTYPE)


def field_filters(criteria: Criteria) -> list[list]:
	"""`frappe.get_list` filters for the criteria that are plain comparisons."""
	filters = [[fieldname, "=", value] for fieldname, value in criteria.equal.items()]
	filters += [[fieldname, op, number] for fieldname, (op, number) in criteria.numbers.items()]
	if criteria.mine:
		filters.append(["responsible", "=", frappe.session.user])
	if criteria.active:
		filters += [["deactivated", "=", 0], ["contact_status", "!=", "Unreachable"]]
	return filters


# --- Planning --------------------------------------------------------------------------------------------


def make_plan(criteria: Criteria) -> Plan:
	"""The candidate leads for the criteria, from the index alone."""
	sets: list[IdSet] = []
	for fieldname, value in criteria.equal.items():
		sets.append(_facet_set([equal_word(fieldname, value)]))
	if criteria.mine:
		sets.append(_facet_set([equal_word("responsible", frappe.session.user)]))
	if criteria.active:
		sets.append(
			_facet_set([equal_word("deactivated", 0)])
			- _facet_set([equal_word("contact_status", "Unreachable")])
		)
	to_verify = {}
	for key, query in criteria.texts.items():
		ids, text_exact = _text_ids(key, query)
		if not text_exact:
			to_verify[key] = query
		if ids is not None:
			sets.append(ids)
	candidates = _intersection(sets)
	exact = True
	for fieldname, (operator, number) in criteria.numbers.items():
		ids, figure_exact = _figure_ids(fieldname, operator, number, candidates)
		exact = exact and figure_exact
		candidates = ids if candidates is None else candidates & ids
	if candidates is None:
		candidates = _facet_set(list(ALL_LEADS))
	return Plan(candidates, exact and not to_verify, to_verify)


def _intersection(sets: list[IdSet]) -> IdSet | None:
	result = None
	for ids in sorted(sets, key=len):
		result = ids if result is None else result & ids
		if not result:
			break
	return result


def _figure_ids(fieldname: str, operator: str, number: float, others: IdSet | None) -> tuple[IdSet, bool]:
	"""(leads that can match a figure criterion, whether exactly those), given the other criteria's
	candidates. The buckets wholly inside the range come from the index; a bucket the range cuts
	through is narrowed through the figure's own index, unless the other criteria leave few enough
	of its leads to check row by row anyway."""
	whole, partly = number_buckets(fieldname, operator, number)
	ids, exact = _facet_set(whole), True
	for word in partly:
		bucket = _facet_set([word])
		if others is not None and len(others & bucket) <= CANDIDATE_LIMIT:
			ids, exact = ids | bucket, False
			continue
		matching = _bucket_part(word, operator, number)
		if matching is None:  # too many to list: the bucket's leads are checked row by row
			ids, exact = ids | bucket, False
		else:
			ids = ids | matching
	return ids, exact


def _facet_set(facets: list[str]) -> IdSet:
	return index.leads_with_words(index.facet_ids(facets), (FACET,))


def _text_ids(key: str, query: str) -> tuple[IdSet | None, bool]:
	"""(leads that can match, whether exactly those match) for one text criterion; None: no narrowing."""
	terms = query_words(query)
	digits = number_query(query) if key == "text" else None
	if not terms and not digits:
		return None, True  # nothing to search for
	matched, exact = None, True
	for term in terms:
		ids = _term_ids(key, term)
		if ids is None:
			exact = False
			continue
		matched = ids if matched is None else matched & ids
	if digits:
		numbers = _number_ids(digits)
		if numbers is None or matched is None:
			return None, False
		return numbers | matched, exact
	return matched, exact


def _term_ids(key: str, term: str) -> IdSet | None:
	"""Leads with a word containing `term` in the criterion's fields; None when too common to read."""
	fields = TEXT_FIELDS.get(key, (COMPANY, PERSON))
	substring_words = index.words_matching(term, SUBSTRING_WORDS, prefix=False)
	prefix_words = index.words_matching(term, PREFIX_WORDS, prefix=True) if key == "text" else []
	if len(substring_words) + len(prefix_words) > MAX_TERM_WORDS:
		return None
	if (
		index.posting_rows(substring_words, fields) + index.posting_rows(prefix_words, (EMAIL,))
		> MAX_TERM_ROWS
	):
		return None
	ids = index.leads_with_words(substring_words, fields) | index.leads_with_words(prefix_words, (EMAIL,))
	if key == "text" and term.isdigit() and len(term) >= MIN_NUMBER_DIGITS:
		numbers = _number_ids(term)
		if numbers is None:
			return None
		ids = ids | numbers
	return ids


def _number_ids(digits: str) -> IdSet | None:
	"""Leads whose phone or organisation number starts with `digits`; None when too many to list.

	Only candidates: the leads found are read through the list's query (or, for a user who may read
	every lead, need no further check), so this lookup may use each column's index directly.
	"""
	found: set[int] = set()
	conditions = [("organisation_number", digits)] + [
		(fieldname, prefix) for fieldname in PHONE_FIELDS for prefix in phone_prefixes(digits)
	]
	for fieldname, prefix in conditions:
		column = f"`{fieldname}`"
		# a range its index serves in any collation, and LIKE for the exact prefix
		sql = f"SELECT name FROM `tab{DOCTYPE}` WHERE {column} >= %s AND {column} LIKE %s"
		values = [prefix, _escape_like(prefix) + "%"]
		upper = _next_prefix(prefix)
		if upper:
			sql += f" AND {column} < %s"
			values.append(upper)
		found.update(frappe.db.sql(f"{sql} LIMIT {CANDIDATE_LIMIT + 1}", values, pluck=True))
		if len(found) > CANDIDATE_LIMIT:
			return None
	return IdSet.from_ids(found)


def _next_prefix(prefix: str) -> str | None:
	"""The smallest digit string above every string starting with `prefix` ("+4791" → "+4792")."""
	digits = list(prefix)
	for i in range(len(digits) - 1, -1, -1):
		if digits[i].isdigit() and digits[i] != "9":
			return "".join(digits[:i]) + str(int(digits[i]) + 1)
	return None


def _bucket_part(word: str, operator: str, number: float) -> IdSet | None:
	"""The leads of a figure's bucket that satisfy `<figure> <operator> <number>`, found through the
	figure's index (the bucket bounds the range read); None when more than BUCKET_PART_LIMIT."""
	fieldname, lowest, above = bucket_range(word)
	column = f"`{fieldname}`"
	conditions, values = [f"{column} {operator} %s"], [number]
	if lowest is not None:
		conditions.append(f"{column} >= %s")
		values.append(lowest)
	if above is not None:
		conditions.append(f"{column} < %s")
		values.append(above)
	limit = BUCKET_PART_LIMIT
	names = frappe.db.sql(
		f"SELECT name FROM `tab{DOCTYPE}` WHERE {' AND '.join(conditions)} LIMIT {limit + 1}",
		values,
		pluck=True,
	)
	return None if len(names) > limit else IdSet.from_ids(names)


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


# --- Pages and totals ------------------------------------------------------------------------------------


class PageReader:
	"""Reads pages of leads through the list's query (`frappe.get_list`), in one order, with one set of
	filters and fields."""

	def __init__(self, filters: list, order_by: str, fields: list[str]):
		self.filters, self.order_by, self.fields = filters, order_by, fields

	def leads(self, filters: list, start: int, page_length: int) -> list[dict]:
		return frappe.get_list(
			DOCTYPE,
			filters=filters,
			fields=self.fields,
			order_by=self.order_by,
			limit_start=start,
			limit_page_length=page_length,
			ignore_ifnull=True,
		)

	def page_of_exact_set(self, ids: IdSet, start: int, page_length: int) -> list[dict]:
		"""A page of a set known to hold exactly the matching leads, for a user who may read them all."""
		if len(ids) <= LOOKUP_LIMIT:
			return self.leads([*self.filters, ["name", "in", list(ids)]], start, page_length)
		# walk the sort column's index, which holds the names too: no lead row is read until the page
		page, seen, offset, chunk = [], 0, 0, WALK_CHUNK
		while len(page) < page_length:
			names = frappe.get_list(
				DOCTYPE, pluck="name", order_by=self.order_by, limit_start=offset, limit_page_length=chunk
			)
			for name in names:
				if name in ids:
					if seen >= start:
						page.append(name)
						if len(page) == page_length:
							break
					seen += 1
			if len(names) < chunk:
				break
			offset += chunk
			chunk = min(chunk * 2, 20_000)
		if not page:
			return []
		# the criteria again: a lead changed past the controller would otherwise slip in
		return self.leads([*self.filters, ["name", "in", page]], 0, page_length)

	def page_of_candidates(self, plan: Plan, start: int, page_length: int) -> SearchResult:
		"""Exact page and total when the candidates are few enough to check one by one."""
		in_candidates = [*self.filters, ["name", "in", list(plan.candidates)]]
		if plan.to_verify:
			rows = frappe.get_list(
				DOCTYPE,
				filters=in_candidates,
				fields=["name", *_verify_fields(plan.to_verify)],
				order_by=None,
				limit_page_length=0,
				ignore_ifnull=True,
			)
			matching = [row.name for row in rows if row_matches(plan.to_verify, row)]
		else:
			matching = frappe.get_list(
				DOCTYPE,
				filters=in_candidates,
				pluck="name",
				order_by=None,
				limit_page_length=0,
				ignore_ifnull=True,
			)
		if not matching:
			return SearchResult([], 0, False)
		leads = self.leads([*self.filters, ["name", "in", matching]], start, page_length)
		return SearchResult(leads, len(matching), False)

	def walk(self, plan: Plan, start: int, page_length: int) -> list[dict]:
		"""A page of many candidates, read in list order through the list's query, checked one by one."""
		fields = ["name", *_verify_fields(plan.to_verify)]
		page, seen, offset, chunk = [], 0, 0, WALK_CHUNK
		while len(page) < page_length:
			rows = frappe.get_list(
				DOCTYPE,
				filters=self.filters,
				fields=fields,
				order_by=self.order_by,
				limit_start=offset,
				limit_page_length=chunk,
				ignore_ifnull=True,
			)
			for row in rows:
				if row.name in plan.candidates and row_matches(plan.to_verify, row):
					if seen >= start:
						page.append(row.name)
						if len(page) == page_length:
							break
					seen += 1
			if len(rows) < chunk:
				break
			offset += chunk
			chunk = min(chunk * 2, 5000)
		if not page:
			return []
		return self.leads([["name", "in", page]], 0, page_length)


def _estimate_total(plan: Plan, filters: list) -> int:
	"""The number of matching leads, from an even sample of the candidates checked one by one."""
	sample = plan.candidates.sample(SAMPLE_SIZE)
	in_sample = [*filters, ["name", "in", sample]]
	if plan.to_verify:
		rows = frappe.get_list(
			DOCTYPE,
			filters=in_sample,
			fields=["name", *_verify_fields(plan.to_verify)],
			order_by=None,
			limit_page_length=0,
			ignore_ifnull=True,
		)
		hits = sum(1 for row in rows if row_matches(plan.to_verify, row))
	else:
		hits = len(
			frappe.get_list(
				DOCTYPE,
				filters=in_sample,
				pluck="name",
				order_by=None,
				limit_page_length=0,
				ignore_ifnull=True,
			)
		)
	return round_estimate(hits * len(plan.candidates) / len(sample))


def round_estimate(value: float) -> int:
	"""Two significant digits from 100 on: an estimate should not look more precise than it is."""
	if value < 100:
		return round(value)
	magnitude = 10 ** (int(math.log10(value)) - 1)
	return int(round(value / magnitude) * magnitude)
