"""Which custom field values travel from one DocType's record to another's (conversion, later
import/export and merging): pure functions over field descriptions, free of Frappe.

A field description is a mapping with at least `fieldname` and `fieldtype` (and `options` for
links and selects), as Frappe's DocField and Custom Field rows have them.
"""

from collections.abc import Iterable, Mapping

# Layout and display-only field types hold no value to copy
NO_VALUE_TYPES = frozenset(
	{
		"Section Break",
		"Column Break",
		"Tab Break",
		"HTML",
		"Button",
		"Image",
		"Fold",
		"Heading",
		"Table",
		"Table MultiSelect",
	}
)
# For these the options name what the value points to: a Link to "Customer" cannot take a "Supplier"
OPTIONS_MUST_MATCH = frozenset({"Link", "Dynamic Link"})


def copyable_fieldnames(source_fields: Iterable[Mapping], target_fields: Iterable[Mapping]) -> list[str]:
	"""Fieldnames of the source's custom fields that the target has as a custom field of the same type.

	As ERPNext's mapped documents do, a value is copied by fieldname; the type (and for links the
	linked DocType) must agree, so a copied value is one the target field can hold.
	"""
	targets = {field["fieldname"]: field for field in target_fields}
	fieldnames = []
	for field in source_fields:
		if field.get("fieldtype") in NO_VALUE_TYPES:
			continue
		target = targets.get(field["fieldname"])
		if not target or target.get("fieldtype") != field.get("fieldtype"):
			continue
		if field["fieldtype"] in OPTIONS_MUST_MATCH and (target.get("options") or "") != (
			field.get("options") or ""
		):
			continue
		fieldnames.append(field["fieldname"])
	return fieldnames


def values_to_copy(source: Mapping, fieldnames: Iterable[str]) -> dict:
	"""The source's values of these fields, leaving out empty ones (the target keeps its default)."""
	return {
		fieldname: source.get(fieldname)
		for fieldname in fieldnames
		if source.get(fieldname) not in (None, "")
	}
