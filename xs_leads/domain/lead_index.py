"""What the lead search index stores for a lead: its text words per field, and its facets.

Text words (xs_leads.domain.search_text) go under the field they come from. Facets are words of
their own kind, field FACET, naming a value of a filterable field: "classification=Hot",
"responsible=kari@example.com", "deactivated=0", and for the two figures the range ("bucket") their
value falls in: "employees~50" holds the leads with 50 ≤ employees < 75. Every lead has exactly one
facet word per facet field, so the "deactivated" words together hold every lead.

Combining criteria is then intersecting sets of IDs (xs_leads.domain.id_sets). A figure criterion
maps to the buckets wholly inside its range (exact) and at most one bucket across its edge, whose
leads must still be compared with the real value.
"""

from bisect import bisect_right
from collections.abc import Mapping

from xs_leads.domain.search_text import INDEXED_FIELDS, words

# field code of facet words (text fields are 1–5, see search_text)
FACET = 0
# kind of facet words in the vocabulary (text words are kinds 0 and 1)
FACET_WORDS = 2

EQUAL_FACETS = ("contact_status", "classification", "industry", "responsible", "deactivated")
# lower bounds of the buckets; the last one is open-ended. Round figures users type are edges.
BUCKET_EDGES = {
	"employees": (0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 250, 300, 500,
		1000, 2000, 5000, 10000),
	"annual_revenue": (0, 1, 100_000, 250_000, 500_000, 1_000_000, 2_000_000, 3_000_000, 5_000_000,
		7_500_000, 10_000_000, 15_000_000, 20_000_000, 30_000_000, 50_000_000, 75_000_000, 100_000_000,
		200_000_000, 500_000_000, 1_000_000_000, 10_000_000_000),
}  # fmt: skip
NUMBER_FACETS = tuple(BUCKET_EDGES)
WHOLE_NUMBER_FACETS = frozenset({"employees"})
SOURCE_FIELDS = tuple(f for fields in INDEXED_FIELDS.values() for f in fields) + EQUAL_FACETS + NUMBER_FACETS


def equal_word(fieldname: str, value) -> str:
	if fieldname == "deactivated":
		value = 1 if value and str(value) != "0" else 0
	return f"{fieldname}={'' if value is None else value}"


def bucket_of(fieldname: str, value) -> int:
	"""The lower edge of the bucket holding `value` (negative values fall in the first bucket)."""
	value = float(value or 0)
	edges = BUCKET_EDGES[fieldname]
	return edges[max(bisect_right(edges, value) - 1, 0)]


def bucket_word(fieldname: str, low: int) -> str:
	return f"{fieldname}~{low}"


def bucket_range(word: str) -> tuple[str, float | None, float | None]:
	"""(field, lowest value, first value above) of a bucket word; None where the bucket is open."""
	fieldname, _, low = word.partition("~")
	edges = BUCKET_EDGES[fieldname]
	index = edges.index(int(low))
	lowest = None if index == 0 else edges[index]  # the first bucket also holds negative figures
	above = edges[index + 1] if index + 1 < len(edges) else None
	return fieldname, lowest, above


def facet_words(lead: Mapping) -> set[str]:
	found = {equal_word(f, lead.get(f)) for f in EQUAL_FACETS}
	found.update(bucket_word(f, bucket_of(f, lead.get(f))) for f in NUMBER_FACETS)
	return found


def lead_entries(lead: Mapping) -> dict[int, set[str]]:
	"""{field code: words} the index holds for a lead: text words per text field, facets under FACET."""
	out = {}
	for code, fieldnames in INDEXED_FIELDS.items():
		found = set()
		for fieldname in fieldnames:
			found.update(words(lead.get(fieldname)))
		if found:
			out[code] = found
	out[FACET] = facet_words(lead)
	return out


def _holds(value: float, operator: str, number: float) -> bool:
	return {">": value > number, "<": value < number, "=": value == number}.get(operator, value != number)


def number_buckets(fieldname: str, operator: str, number: float) -> tuple[list[str], list[str]]:
	"""(words of buckets wholly matching `<field> <operator> <number>`, words of buckets partly matching).

	A bucket [low, high) matches wholly when every value in it satisfies the condition; the leads of a
	partly matching bucket must be compared with their real value.
	"""
	edges = BUCKET_EDGES[fieldname]
	whole, partly = [], []
	for i, low in enumerate(edges):
		high = edges[i + 1] if i + 1 < len(edges) else float("inf")
		if i == 0:
			low = float("-inf")  # negative figures (refused by the form, possible in old data) go first
		if fieldname in WHOLE_NUMBER_FACETS and high - low == 1:
			# a bucket of one whole number is exactly that number
			is_whole = _holds(edges[i], operator, number)
			is_partly = False
		elif operator == ">":
			is_whole, is_partly = low > number, high > number
		elif operator == "<":
			is_whole, is_partly = high <= number, low < number
		elif operator == "=":
			is_whole, is_partly = False, low <= number < high
		else:  # "!="
			is_whole, is_partly = not low <= number < high, True
		if is_whole:
			whole.append(edges[i])
		elif is_partly:
			partly.append(edges[i])
	return [bucket_word(fieldname, low) for low in whole], [bucket_word(fieldname, low) for low in partly]
