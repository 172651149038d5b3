"""Which fields a merge fills: the target's empty fields get the source's values (plain data).

A field is empty when it holds nothing (None, blank text, no rows), a zero number, or a choice
still at its default ("Not Set", "Not Contacted") while the source made another. Check boxes
always hold a statement (0 is "no"), so they are never filled; the merge record keeps the
source's value. A filled field of the target is never overwritten.
"""

from dataclasses import dataclass

NUMBER_TYPES = frozenset({"Int", "Float", "Currency", "Percent", "Rating", "Duration"})
TABLE_TYPES = frozenset({"Table", "Table MultiSelect"})
NEVER_FILLED_TYPES = frozenset({"Check"})


@dataclass(frozen=True)
class FieldInfo:
	fieldname: str
	fieldtype: str
	default: str | None = None


def is_empty(value, field: FieldInfo) -> bool:
	if value is None:
		return True
	if field.fieldtype in TABLE_TYPES:
		return not value
	if field.fieldtype in NUMBER_TYPES:
		return not value
	if isinstance(value, str):
		stripped = value.strip()
		return not stripped or (field.fieldtype == "Select" and stripped == (field.default or ""))
	return False


def plan_fill(source: dict, target: dict, fields: list[FieldInfo]) -> dict:
	"""{fieldname: source value} for every field empty on the target and not empty on the source."""
	filled = {}
	for field in fields:
		if field.fieldtype in NEVER_FILLED_TYPES:
			continue
		value = source.get(field.fieldname)
		if is_empty(target.get(field.fieldname), field) and not is_empty(value, field):
			filled[field.fieldname] = value
	return filled
