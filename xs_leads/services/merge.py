"""Merging two leads ("Slå sammen ledetråder"): the target is kept, the source deleted, nothing lost.

A merge
- fills each empty field of the target (custom fields and child tables included) with the
  source's value (`xs_leads.domain.merge.plan_fill`), never overwriting a filled one;
- moves every record that points at the source to the target. The pointers are found from the
  metadata, not from a list: every Link field to XS Lead (DocType fields, custom fields, property
  setters) and every Dynamic Link field (appointments' participants, calls, tasks, notes, e-mails
  and their timeline links, comments, assignments, shares, tags... of any app), plus the two
  pointers Frappe keeps in plain fields: attachments (File) and the change history (Version);
- keeps the source's original values in an XS Lead Merge record on the target, and a comment in
  the target's timeline, since the merge cannot be undone ("permanent og kan ikke angres");
- deletes the source.

It is all-or-nothing (one savepoint, rolled back on any failure) and locks both rows first, so of
two merges racing on the same lead one succeeds and the other fails cleanly: it finds its lead
gone or changed once the first has committed.
"""

import json
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.model import default_fields, no_value_fields, table_fields
from frappe.model.dynamic_links import get_dynamic_links
from frappe.utils import cint, now_datetime

from xs_leads.domain.merge import FieldInfo, plan_fill

LEAD = "XS Lead"
MERGE_RECORD = "XS Lead Merge"
SAVEPOINT = "xs_lead_merge"
# Lists kept in a document's own columns (assignments, likes, tags, latest comments)
JSON_LIST_COLUMNS = ("_assign", "_liked_by", "_comments")
CONVERSION_FIELDS = ("converted_on", "converted_company", "converted_contact", "converted_opportunity")


class MergeRefused(frappe.ValidationError):
	pass


class MergeConflict(frappe.ValidationError):
	"""Another user changed, merged or deleted one of the leads while this merge waited for it."""


@dataclass(frozen=True)
class Pointer:
	"""A field of some DocType that can hold the name of a lead."""

	doctype: str
	fieldname: str
	doctype_field: str | None = None  # for a Dynamic Link: the field naming the linked DocType
	is_child: bool = False
	is_single: bool = False


def lead_name(value) -> int:
	"""A lead's name as given (int or text); refuses anything that cannot be one."""
	if value in (None, "") or not str(value).strip().isdigit():
		frappe.throw(_("{0} is not a lead").format(frappe.bold(value)), MergeRefused, title=_("Merge"))
	return cint(value)


def refuse_self_merge(source: int, target: int) -> None:
	if source == target:
		frappe.throw(_("A lead cannot be merged into itself"), MergeRefused, title=_("Merge"))


# --- What points at a lead ---------------------------------------------------------------------------------


def pointers_to(doctype: str = LEAD) -> list[Pointer]:
	"""Every field of every DocType that can hold the name of a `doctype` record, from the metadata."""
	doctypes = {
		d.name: d
		for d in frappe.get_all(
			"DocType", fields=["name", "istable", "issingle", "is_virtual"], limit_page_length=0
		)
	}

	def pointer(parent: str, fieldname: str, doctype_field: str | None = None) -> Pointer | None:
		meta = doctypes.get(parent)
		if not meta or meta.is_virtual:
			return None
		if not meta.issingle and not frappe.db.table_exists(parent):
			return None
		return Pointer(parent, fieldname, doctype_field, bool(meta.istable), bool(meta.issingle))

	found = []
	for row in frappe.get_all(
		"DocField",
		filters={"fieldtype": "Link", "options": doctype},
		fields=["parent", "fieldname"],
		limit_page_length=0,
	):
		found.append(pointer(row.parent, row.fieldname))
	for row in frappe.get_all(
		"Custom Field",
		filters={"fieldtype": "Link", "options": doctype},
		fields=["dt", "fieldname"],
		limit_page_length=0,
	):
		found.append(pointer(row.dt, row.fieldname))
	for row in frappe.get_all(
		"Property Setter",
		filters={"property": "options", "value": doctype, "field_name": ("is", "set")},
		fields=["doc_type", "field_name"],
		limit_page_length=0,
	):
		field = frappe.get_meta(row.doc_type).get_field(row.field_name)
		if field and field.fieldtype == "Link":
			found.append(pointer(row.doc_type, row.field_name))
	for row in get_dynamic_links():
		found.append(pointer(row.parent, row.fieldname, row.options))
	# Frappe's own pointers in plain Data fields
	found.append(pointer("File", "attached_to_name", "attached_to_doctype"))
	found.append(pointer("Version", "docname", "ref_doctype"))
	return sorted({p for p in found if p}, key=lambda p: (p.doctype, p.fieldname))


def _referencing(pointer: Pointer, doctype: str, name: str) -> list[tuple[str, str]]:
	"""(DocType, name) of the records (the parents, for child rows) whose `pointer` holds `name`."""
	if pointer.is_single:
		singles = frappe.qb.DocType("Singles")
		rows = (
			frappe.qb.from_(singles)
			.select(singles.doctype)
			.where(
				(singles.doctype == pointer.doctype)
				& (singles.field == pointer.fieldname)
				& (singles.value == name)
			)
			.run()
		)
		if rows and pointer.doctype_field:
			linked = frappe.db.get_single_value(pointer.doctype, pointer.doctype_field)
			rows = rows if linked == doctype else []
		return [(pointer.doctype, pointer.doctype)] if rows else []
	table = frappe.qb.DocType(pointer.doctype)
	query = frappe.qb.from_(table).where(table[pointer.fieldname] == name)
	if pointer.doctype_field:
		query = query.where(table[pointer.doctype_field] == doctype)
	if pointer.is_child:
		return [
			(parenttype, parent) for parenttype, parent in query.select(table.parenttype, table.parent).run()
		]
	return [(pointer.doctype, row_name) for (row_name,) in query.select(table.name).run()]


def _repoint(pointer: Pointer, doctype: str, old: str, new: str) -> None:
	if pointer.is_single:
		table = frappe.qb.DocType("Singles")
		frappe.qb.update(table).set(table.value, new).where(
			(table.doctype == pointer.doctype) & (table.field == pointer.fieldname) & (table.value == old)
		).run()
		return
	table = frappe.qb.DocType(pointer.doctype)
	query = frappe.qb.update(table).set(table[pointer.fieldname], new).where(table[pointer.fieldname] == old)
	if pointer.doctype_field:
		query = query.where(table[pointer.doctype_field] == doctype)
	query.run()
	if pointer.is_child:
		_drop_repeated_child_rows(pointer, doctype, new)


def _drop_repeated_child_rows(pointer: Pointer, doctype: str, name: str) -> None:
	"""A parent that pointed at both leads (an event with both as participants) keeps one row."""
	table = frappe.qb.DocType(pointer.doctype)
	query = frappe.qb.from_(table).select(table.name, table.parent, table.parenttype, table.parentfield)
	query = query.where(table[pointer.fieldname] == name)
	if pointer.doctype_field:
		query = query.where(table[pointer.doctype_field] == doctype)
	seen, repeated = set(), []
	for row_name, parent, parenttype, parentfield in query.orderby(table.idx).run():
		key = (parent, parenttype, parentfield)
		(repeated.append(row_name) if key in seen else seen.add(key))
	if repeated:
		frappe.db.delete(pointer.doctype, {"name": ("in", repeated)})


def linked_records(name: int, pointers: list[Pointer] | None = None) -> dict[str, set[str]]:
	"""{DocType: {names}} of the records pointing at lead `name` (the lead's own row excluded)."""
	records: dict[str, set[str]] = {}
	for pointer in pointers if pointers is not None else pointers_to(LEAD):
		for doctype, record in _referencing(pointer, LEAD, str(name)):
			if doctype == LEAD and str(record) == str(name):
				continue
			records.setdefault(doctype, set()).add(str(record))
	return records


# --- Fields -------------------------------------------------------------------------------------------------


def fillable_fields() -> list[FieldInfo]:
	"""The lead's value fields, custom ones included (not layout, not Frappe's own columns)."""
	meta = frappe.get_meta(LEAD)
	return [
		FieldInfo(df.fieldname, df.fieldtype, df.default)
		for df in meta.fields
		if df.fieldtype not in no_value_fields or df.fieldtype in table_fields
		if df.fieldname not in default_fields and not df.is_virtual
	]


def is_converted(doc) -> bool:
	return any(doc.meta.has_field(f) and doc.get(f) for f in CONVERSION_FIELDS)


def _fill_values(source, target) -> dict:
	fields = fillable_fields()
	return plan_fill(source.as_dict(), target.as_dict(), fields)


def _child_rows(rows: list) -> list[dict]:
	"""A child table's rows as values for new rows of another document."""
	ignored = {"name", "parent", "parenttype", "parentfield", "idx", "doctype", *default_fields}
	return [
		{k: v for k, v in (row.as_dict() if hasattr(row, "as_dict") else row).items() if k not in ignored}
		for row in rows
	]


def _public_values(filled: dict) -> dict:
	"""The filled values as JSON shows them (child tables as lists of row values)."""
	return {
		field: _child_rows(value) if isinstance(value, list) else value for field, value in filled.items()
	}


# --- Preview and merge --------------------------------------------------------------------------------------


def _load(source: int, target: int):
	refuse_self_merge(source, target)
	docs = []
	for name in (source, target):
		if not frappe.db.exists(LEAD, name):
			frappe.throw(
				_("Lead {0} does not exist (it may have been merged or deleted)").format(frappe.bold(name)),
				frappe.DoesNotExistError,
				title=_("Merge"),
			)
		docs.append(frappe.get_doc(LEAD, name))
	source_doc, target_doc = docs
	if is_converted(source_doc):
		frappe.throw(
			_("Lead {0} is converted and cannot be merged into another lead").format(frappe.bold(source)),
			MergeRefused,
			title=_("Merge"),
		)
	return source_doc, target_doc


def preview_merge(source: int, target: int) -> dict:
	"""What `merge_leads` would do, writing nothing."""
	source_doc, target_doc = _load(source, target)
	moved = linked_records(source)
	return {
		"target": target_doc.name,
		"moved": {doctype: len(names) for doctype, names in sorted(moved.items())},
		"filled": _public_values(_fill_values(source_doc, target_doc)),
	}


def merge_leads(source: int, target: int) -> dict:
	"""Merge lead `source` into lead `target` (see the module's docstring); all or nothing."""
	refuse_self_merge(source, target)
	frappe.db.savepoint(SAVEPOINT)
	try:
		result = _merge(source, target)
	except Exception as error:
		frappe.db.rollback(save_point=SAVEPOINT)
		if _lost_a_race(error):
			frappe.throw(
				_(
					"Lead {0} or {1} was changed, merged or deleted by someone else while this merge waited. Nothing was merged: try again."
				).format(source, target),
				MergeConflict,
				title=_("Merge"),
			)
		raise
	frappe.db.release_savepoint(SAVEPOINT)
	return result


def _lost_a_race(error: Exception) -> bool:
	"""A lock wait that ended in a deadlock or a timeout, or PostgreSQL refusing to lock a row a
	concurrent transaction changed since this one's snapshot (SQLSTATE 40001)."""
	return (
		frappe.db.is_deadlocked(error)
		or frappe.db.is_timedout(error)
		or getattr(error, "pgcode", None) == "40001"
	)


def _merge(source: int, target: int) -> dict:
	locked = _lock(source, target)
	for name in (source, target):
		if name not in locked:
			frappe.throw(
				_("Lead {0} does not exist (it may have been merged or deleted)").format(frappe.bold(name)),
				frappe.DoesNotExistError,
				title=_("Merge"),
			)
	source_doc, target_doc = _load(source, target)
	for doc in (source_doc, target_doc):
		if str(doc.modified) != str(locked[doc.name]):
			frappe.throw(
				_("Lead {0} was changed while the merge started. Try again.").format(frappe.bold(doc.name)),
				frappe.TimestampMismatchError,
				title=_("Merge"),
			)
	source_values = source_doc.as_dict(convert_dates_to_str=True, no_nulls=False)
	columns = frappe.db.get_value(LEAD, source, ["_user_tags", *JSON_LIST_COLUMNS], as_dict=True) or {}

	filled = _fill_values(source_doc, target_doc)
	public_filled = _public_values(filled)
	for fieldname, value in filled.items():
		target_doc.set(fieldname, _child_rows(value) if isinstance(value, list) else value)
	target_doc.flags.ignore_duplicate_warning = True
	if filled:
		target_doc.save()

	pointers = pointers_to(LEAD)
	moved = linked_records(source, pointers)
	for pointer in pointers:
		if pointer.doctype == LEAD and not pointer.doctype_field:
			_repoint_other_leads(pointer, source, target)
		else:
			_repoint(pointer, LEAD, str(source), str(target))
	_merge_list_columns(target, columns)

	record = frappe.get_doc(
		{
			"doctype": MERGE_RECORD,
			"target": target,
			"source_lead": str(source),
			"source_title": source_doc.company_name,
			"merged_on": now_datetime(),
			"merged_by": frappe.session.user,
			"source_values": json.dumps(source_values, indent=1, ensure_ascii=False, default=str),
			"filled_fields": json.dumps(public_filled, indent=1, ensure_ascii=False, default=str),
			"moved_records": json.dumps({dt: sorted(names) for dt, names in sorted(moved.items())}, indent=1),
		}
	).insert(ignore_permissions=True)  # the user's write and delete rights were checked
	target_doc.add_comment(
		"Info",
		_("Lead {0} ({1}) was merged into this lead: {2}").format(
			source, frappe.utils.escape_html(source_doc.company_name), record.name
		),
	)
	frappe.delete_doc(LEAD, source)
	return {
		"target": target_doc.name,
		"moved": {doctype: len(names) for doctype, names in sorted(moved.items())},
		"filled": public_filled,
	}


def _lock(source: int, target: int) -> dict:
	"""Lock both rows (in name order, so two merges cannot deadlock); {name: modified} of those found."""
	table = frappe.qb.DocType(LEAD)
	rows = (
		frappe.qb.from_(table)
		.select(table.name, table.modified)
		.where(table.name.isin([source, target]))
		.orderby(table.name)
		.for_update()
		.run()
	)
	return {cint(name): modified for name, modified in rows}


def _repoint_other_leads(pointer: Pointer, source: int, target: int) -> None:
	"""A Link field of XS Lead itself (a custom "duplicate of"): repoint the other leads, not the source."""
	table = frappe.qb.DocType(LEAD)
	frappe.qb.update(table).set(table[pointer.fieldname], str(target)).where(
		(table[pointer.fieldname] == str(source)) & (table.name != source)
	).run()


def _merge_list_columns(target: int, source_columns: dict) -> None:
	"""Assignments, likes, tags and latest comments of the source join the target's."""
	current = frappe.db.get_value(LEAD, target, ["_user_tags", *JSON_LIST_COLUMNS], as_dict=True)
	updates = {}
	for column in JSON_LIST_COLUMNS:
		mine, theirs = _json_list(current.get(column)), _json_list(source_columns.get(column))
		merged = mine + [item for item in theirs if item not in mine]
		if merged != mine:
			updates[column] = json.dumps(merged)
	tags = [t for t in (current.get("_user_tags") or "").split(",") if t]
	more = [t for t in (source_columns.get("_user_tags") or "").split(",") if t and t not in tags]
	if more:
		updates["_user_tags"] = "," + ",".join(tags + more)
	if updates:
		frappe.db.set_value(LEAD, target, updates, update_modified=False)


def _json_list(value) -> list:
	try:
		parsed = json.loads(value) if value else []
	except ValueError:
		return []
	return parsed if isinstance(parsed, list) else []
