"""Importing leads from semicolon CSV files: the preview, the import itself and its background job.

Every row is held to the XS Lead form's rules (the controller's `normalise_lead_values`, mandatory
fields, selects, links, lengths) and planned as create / update / unchanged / error before anything
is written. Rows are then written a batch at a time with one statement per kind (`bulk`), with
Version records for the updates as Frappe's own change tracking writes them: a Document insert
costs ~2 ms a row, a bulk row a few microseconds. A batch the database refuses is rolled back and
written row by row, each under its own savepoint, so no lead is ever half-written.
"""

import datetime
import json
import math
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice

import frappe
from frappe import _
from frappe.utils import now_datetime

from xs_leads.domain.file_columns import match_header
from xs_leads.domain.semicolon_csv import UnreadableFile, decode, read_rows, restore_formula
from xs_leads.domain.values import format_time
from xs_leads.lead_io import bulk
from xs_leads.lead_io.columns import (
	DOCTYPE,
	ID,
	INT_TYPES,
	NUMBER_TYPES,
	CellProblem,
	LeadColumn,
	header_keys,
	lead_columns,
	reader,
)
from xs_leads.lead_search import index as search_index
from xs_leads.services import duplicate_index
from xs_leads.xs_leads.doctype.xs_lead.xs_lead import first_contact_is_due, normalise_lead_values

IMPORT_DOCTYPE = "XS Lead Import"
BATCH_SAVEPOINT, ROW_SAVEPOINT = "xs_lead_import_batch", "xs_lead_import_row"
BATCH_SIZE = 1000
INLINE_LIMIT = 1000  # rows; larger files run as a background job
PREVIEW_ROWS = 100
MAX_KEPT_ERRORS = 10_000  # on the XS Lead Import record; the summary still counts every failed row
CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"
SUMMARY_KEYS = {CREATE: "created", UPDATE: "updated", UNCHANGED: "unchanged", ERROR: "failed"}
TEXT_COMPARED_STRIPPED = frozenset({"Small Text", "Text", "Long Text", "Text Editor", "Code"})


@dataclass
class ImportOptions:
	has_header_row: bool = True
	update_existing: bool = False
	update_note: bool = False

	def check(self) -> None:
		if self.update_note and not self.update_existing:
			frappe.throw(
				_("Update note in existing leads needs Update existing leads"), title=_("Invalid Options")
			)


@dataclass
class RowPlan:
	line: int
	values: dict
	name: int | None = None
	action: str = CREATE
	problems: list[tuple[object, str]] = field(default_factory=list)  # (column header or position, message)
	changes: list[tuple[str, object, object]] = field(default_factory=list)
	unread: dict[str, str] = field(default_factory=dict)  # fieldname → the text of a cell that cannot be read


@dataclass
class ImportResult:
	counts: dict = field(default_factory=lambda: dict.fromkeys(SUMMARY_KEYS.values(), 0))
	errors: list[dict] = field(default_factory=list)
	rows: list[dict] = field(default_factory=list)

	def add(self, plan: RowPlan) -> None:
		self.counts[SUMMARY_KEYS[plan.action]] += 1
		for column, message in plan.problems:
			self.error(plan.line, column, message)

	def error(self, line: int, column, message: str) -> None:
		self.errors.append({"row": line, "column": column, "message": message})

	def as_dict(self, with_rows: bool = False) -> dict:
		result = {"summary": dict(self.counts), "errors": self.errors}
		if with_rows:
			result["rows"] = self.rows
		return result


def file_content(file_url: str) -> bytes:
	"""The bytes of an uploaded File the user may read, by its URL."""
	name = frappe.db.get_value("File", {"file_url": file_url}, "name")
	if not name:
		frappe.throw(_("File {0} not found").format(frappe.bold(file_url)), frappe.DoesNotExistError)
	file = frappe.get_doc("File", name)
	file.check_permission("read")
	# the raw bytes: File.get_content() guesses Windows-1250 before 1252 and would garble æøå
	with open(file.get_full_path(), "rb") as f:
		return f.read()


class LeadImport:
	"""One file read with one set of options: its columns, its rows planned, and writing them."""

	def __init__(self, data: bytes, options: ImportOptions, import_name: str | None = None):
		options.check()
		self.options = options
		self.import_name = import_name
		try:
			self.text, self.encoding = decode(data)
		except UnreadableFile:
			frappe.throw(
				_("The file is not a semicolon-separated text (CSV) file"), title=_("Cannot Read File")
			)
		self.result = ImportResult()
		self.columns = lead_columns()
		self.by_fieldname = {c.fieldname: c for c in self.columns}
		self._rows = read_rows(self.text)
		self.header_line = None
		self._set_file_columns()
		# without "update existing" the ID column is not read at all: every row creates a lead
		self.readers = [
			(position, column, reader(column))
			for position, column in self.file_columns
			if column.fieldname != ID or options.update_existing
		]
		self.file_fieldnames = {column.fieldname for _position, column in self.file_columns}
		# the columns an update changes: the note only with "update note"
		self.update_columns = [
			column
			for _position, column in self.file_columns
			if column.fieldname != ID and (column.fieldname != "note" or options.update_note)
		]
		# a Link to a large DocType is looked up cell by cell: then reading waits for writing
		self.reads_database = any(getattr(read, "uses_database", False) for _p, _c, read in self.readers)
		self.length_checked = [(p, c) for p, c in self.file_columns if c.length and c.fieldname != ID]
		self.comparers = [(c.fieldname, c.title, c.reqd, _comparer(c)) for c in self.update_columns]
		self.seen_ids: dict[int, int] = {}
		self.stamp_first_contact = "contact_status" in self.file_fieldnames

	# --- the file's columns --------------------------------------------------------------------------

	def _set_file_columns(self) -> None:
		if not self.options.has_header_row:
			self.file_columns = list(enumerate(self.columns))
			self.header = [c.title for c in self.columns]
			return
		try:
			self.header_line, self.header = next(self._rows)
		except StopIteration:
			frappe.throw(_("The file has no rows"), title=_("Empty File"))
		except UnreadableFile as e:
			self._unreadable(e)
		fieldnames, unknown, repeated = match_header(self.header, header_keys(self.columns))
		self.file_columns = [(p, self.by_fieldname[f]) for p, f in enumerate(fieldnames) if f]
		for _position, text in unknown:
			self.result.error(
				self.header_line,
				text,
				_("Unknown column {0}: its values are not imported").format(text),
			)
		for _position, text in repeated:
			self.result.error(
				self.header_line,
				text,
				_("Column {0} appears more than once: only the first is imported").format(text),
			)
		if not self.file_columns:
			frappe.throw(
				_("No column of the file matches a field of {0}").format(_(DOCTYPE)),
				title=_("Unknown Columns"),
			)

	def column_key(self, position: int):
		"""How errors name a column: its header, or its position (from 1) in a file without one."""
		if self.options.has_header_row and position < len(self.header):
			return self.header[position]
		return position + 1

	def _unreadable(self, error: UnreadableFile):
		frappe.throw(
			_("The file cannot be read from line {0}: {1}").format(error.line, error.reason),
			title=_("Cannot Read File"),
		)

	# --- planning --------------------------------------------------------------------------------------

	def batches(self, size: int = BATCH_SIZE, lock: bool = False) -> Iterator[list[RowPlan]]:
		"""The file's rows, planned, a batch at a time."""
		rows = self._checked_rows()
		while batch := list(islice(rows, size)):
			yield self.plan(batch, lock=lock)

	def _checked_rows(self) -> Iterator[tuple[int, list[str]]]:
		width = len(self.header) if self.options.has_header_row else len(self.columns)
		reported_extra = False
		try:
			for line, cells in self._rows:
				if len(cells) > width and any(c.strip() for c in cells[width:]) and not reported_extra:
					reported_extra = True
					self.result.error(
						line,
						width + 1,
						_(
							"Row has more values than the file has columns ({0}); the extra values are not imported"
						).format(width),
					)
				yield line, cells
		except UnreadableFile as e:
			self._unreadable(e)

	def plan(self, rows: list[tuple[int, list[str]]], lock: bool = False) -> list[RowPlan]:
		plans = [self.read_row(line, cells) for line, cells in rows]
		existing = self.existing_leads([p.name for p in plans if p.name is not None], lock=lock)
		for plan in plans:
			self.classify(plan, existing)
		return plans

	def read_row(self, line: int, cells: list[str]) -> RowPlan:
		values, problems, unread, count = {}, [], {}, len(cells)
		for position, column, read in self.readers:
			text = cells[position] if position < count else ""
			if text:
				text = text.strip()
				if text[:1] == "'":
					text = restore_formula(text)
			if not text:
				values[column.fieldname] = column.empty
				continue
			try:
				values[column.fieldname] = read(text)
			except CellProblem as e:
				problems.append((self.column_key(position), str(e)))
				unread[column.fieldname] = text
		plan = RowPlan(line, values, problems=problems, unread=unread)
		name = values.pop(ID, None)
		if self.options.update_existing and name is not None:
			plan.name = name
		for problem in normalise_lead_values(values, self._label):
			plan.problems.append((self._key_of(problem.fieldname), _strip_bold(problem.message)))
		# as Frappe checks lengths: after the controller has normalised the values
		for position, column in self.length_checked:
			value = values.get(column.fieldname)
			if value and len(value) > column.length:
				plan.problems.append(
					(
						self.column_key(position),
						_("{0}: {1} is longer than {2} characters").format(
							column.title, value[:40], column.length
						),
					)
				)
		return plan

	def classify(self, plan: RowPlan, existing: dict) -> None:
		if plan.name is None:
			self._complete_new_lead(plan)
		else:
			first_line = self.seen_ids.setdefault(plan.name, plan.line)
			if first_line != plan.line:
				plan.problems.append(
					(self._key_of(ID), _("ID {0} is also on line {1}").format(plan.name, first_line))
				)
			elif plan.name not in existing:
				plan.problems.append((self._key_of(ID), _("There is no lead with ID {0}").format(plan.name)))
			else:
				self._compare(plan, existing[plan.name])
		if plan.problems:
			plan.action = ERROR

	def _complete_new_lead(self, plan: RowPlan) -> None:
		values = plan.values
		# as XSLead.set_name_from_email: a lead with only an e-mail address is named by it
		if _is_empty((values.get("company_name") or "").strip()) and values.get("email"):
			values["company_name"] = values["email"]
		for column in self.columns[1:]:
			if _is_empty(values.get(column.fieldname)) and column.default not in (None, ""):
				values[column.fieldname] = _typed_default(column)
			elif column.fieldname not in values:
				values[column.fieldname] = column.empty
			if column.reqd and _is_empty(values[column.fieldname]):
				plan.problems.append(
					(self._key_of(column.fieldname), _("{0} is mandatory").format(column.title))
				)
		if first_contact_is_due(values.get("contact_status"), values.get("first_contact"), None):
			values["first_contact"] = now_datetime()
		plan.action = CREATE

	def _compare(self, plan: RowPlan, current: dict) -> None:
		values, changes = plan.values, plan.changes
		for fieldname, title, reqd, same in self.comparers:
			new = values[fieldname]
			if reqd and (new is None or new == ""):
				plan.problems.append((self._key_of(fieldname), _("{0} is mandatory").format(title)))
			elif not same(current[fieldname], new):
				changes.append((fieldname, current[fieldname], new))
		if self.stamp_first_contact and "first_contact" not in self.file_fieldnames:
			if first_contact_is_due(
				values["contact_status"], current["first_contact"], current["contact_status"]
			):
				stamp = now_datetime()
				values["first_contact"] = stamp
				changes.append(("first_contact", current["first_contact"], stamp))
			else:
				values["first_contact"] = current["first_contact"]
		plan.action = UPDATE if changes else UNCHANGED

	def existing_leads(self, names: list[int], lock: bool = False) -> dict[int, dict]:
		"""The current values of the leads the user may read among `names` (locked when about to write)."""
		if not names:
			return {}
		permitted = self._readable(names)
		if not permitted:
			return {}
		fields = {"name", "contact_status", "first_contact", *(c.fieldname for c in self.update_columns)}
		quote = bulk.quote
		rows = frappe.db.sql(
			f"SELECT {', '.join(quote(f) for f in sorted(fields))} FROM {quote('tab' + DOCTYPE)} "
			f"WHERE {quote('name')} IN %(names)s" + (" FOR UPDATE" if lock else ""),
			{"names": tuple(permitted)},
			as_dict=True,
		)
		return {int(row["name"]): row for row in rows}

	def _readable(self, names: list[int]) -> list[int]:
		"""Those of `names` the user may read (Frappe's list query, so user permissions apply).

		IDs in a file usually come in runs (an export is sorted by ID): then a range is asked for,
		which the database answers from the primary key without a thousand-value IN list.
		"""
		low, high = min(names), max(names)
		if high - low < 2 * len(names):
			wanted = set(names)
			in_range = frappe.get_list(
				DOCTYPE,
				filters=[["name", ">=", low], ["name", "<=", high]],
				pluck="name",
				limit_page_length=0,
			)
			return [name for name in in_range if int(name) in wanted]
		return frappe.get_list(DOCTYPE, filters={"name": ["in", names]}, pluck="name", limit_page_length=0)

	def _label(self, fieldname: str) -> str:
		column = self.by_fieldname.get(fieldname)
		return column.label if column else fieldname

	def _key_of(self, fieldname: str):
		for position, column in self.file_columns:
			if column.fieldname == fieldname:
				return self.column_key(position)
		column = self.by_fieldname.get(fieldname)
		return _(column.label) if column else fieldname

	# --- preview ---------------------------------------------------------------------------------------

	def preview(self) -> dict:
		"""Everything planned, nothing written: the first rows, every error, the counts."""
		for plans in self.batches():
			for plan in plans:
				self.result.add(plan)
				if len(self.result.rows) < PREVIEW_ROWS:
					self.result.rows.append(self.preview_row(plan))
		return self.result.as_dict(with_rows=True)

	def preview_row(self, plan: RowPlan) -> dict:
		row = {"row": plan.line, "action": plan.action, "name": plan.name}
		for _position, column in self.file_columns:
			if column.fieldname != ID:
				row[column.fieldname] = plan.unread.get(column.fieldname, plan.values.get(column.fieldname))
		if plan.changes:
			row["changed"] = [fieldname for fieldname, _old, _new in plan.changes]
		return row

	# --- writing ---------------------------------------------------------------------------------------

	def count_rows(self) -> int:
		"""Data rows in the file (a pass over the text, without reading values)."""
		rows = read_rows(self.text)
		try:
			count = sum(1 for _row in rows)
		except UnreadableFile as e:
			self._unreadable(e)
		return count - (1 if self.options.has_header_row else 0)

	def run(self, progress: Callable[[int], None] | None = None, commit: bool = False) -> ImportResult:
		"""Plan and write every batch; `commit` after each (in a background job) and report progress.

		A batch's statements are sent from a helper thread while this one reads the next batch's
		rows: the database's work and the reading overlap. The connection is used by one thread at a
		time: the helper only sends prepared statements, and is waited for before any other query.
		"""
		done = 0
		rows = self._checked_rows()
		with ThreadPoolExecutor(max_workers=1, thread_name_prefix="xs_lead_import") as sender:
			pending = None
			while batch := list(islice(rows, BATCH_SIZE)):
				if pending and self.reads_database:
					done += self._finish_batch(*pending, commit=commit, progress=progress, done=done)
					pending = None
				plans = [self.read_row(line, cells) for line, cells in batch]
				if pending:
					done += self._finish_batch(*pending, commit=commit, progress=progress, done=done)
				existing = self.existing_leads([p.name for p in plans if p.name is not None], lock=True)
				for plan in plans:
					self.classify(plan, existing)
				pending = (plans, self._start_writing(plans, sender))
			if pending:
				self._finish_batch(*pending, commit=commit, progress=progress, done=done)
		return self.result

	def _start_writing(self, plans: list[RowPlan], sender: ThreadPoolExecutor) -> tuple[Future, dict] | None:
		statements = self._statements(
			[p for p in plans if p.action == CREATE], [p for p in plans if p.action == UPDATE]
		)
		if not statements:
			return None
		# the rows pass by the controller, whose on_update keeps the search index: keep it here
		indexed_before = search_index.source_rows(p.name for p in plans if p.action == UPDATE)
		frappe.db.savepoint(BATCH_SAVEPOINT)
		return sender.submit(_run_all, statements), indexed_before

	def _finish_batch(self, plans, writing: tuple | None, commit: bool, progress, done: int) -> int:
		if writing is not None:
			sending, indexed_before = writing
			try:
				sending.result()
			except Exception:
				frappe.db.rollback(save_point=BATCH_SAVEPOINT)
				self._write_one_by_one([p for p in plans if p.action in (CREATE, UPDATE)])
			else:
				frappe.db.release_savepoint(BATCH_SAVEPOINT)
			_index_written(plans, indexed_before)
		for plan in plans:
			self.result.add(plan)
		if commit:
			frappe.db.commit()
		if progress:
			progress(done + len(plans))
		return len(plans)

	def write(self, plans: list[RowPlan]) -> None:
		"""Write a batch of planned rows now (in this thread)."""
		statements = self._statements(
			[p for p in plans if p.action == CREATE], [p for p in plans if p.action == UPDATE]
		)
		if not statements:
			return
		# the rows skip the controller, whose on_update keeps the search index: keep it here
		indexed_before = search_index.source_rows(p.name for p in plans if p.action == UPDATE)
		frappe.db.savepoint(BATCH_SAVEPOINT)
		try:
			_run_all(statements)
		except Exception:
			frappe.db.rollback(save_point=BATCH_SAVEPOINT)
			self._write_one_by_one([p for p in plans if p.action in (CREATE, UPDATE)])
		else:
			frappe.db.release_savepoint(BATCH_SAVEPOINT)
		_index_written(plans, indexed_before)

	def _write_one_by_one(self, plans: list[RowPlan]) -> None:
		"""After a refused batch: each row on its own, so one bad row does not fail its neighbours."""
		for plan in plans:
			frappe.db.savepoint(ROW_SAVEPOINT)
			try:
				if plan.action == CREATE:
					_run_all(self._statements([plan], []))
				else:
					_run_all(self._statements([], [plan]))
			except Exception as e:
				frappe.db.rollback(save_point=ROW_SAVEPOINT)
				plan.action = ERROR
				plan.problems.append((self._key_of(ID), _("The database refused the row: {0}").format(e)))
			else:
				frappe.db.release_savepoint(ROW_SAVEPOINT)

	def _statements(self, creates: list[RowPlan], updates: list[RowPlan]) -> list[Callable[[], None]]:
		"""The prepared statements writing these rows (new leads get their IDs here)."""
		now, user = now_datetime(), frappe.session.user
		statements = []
		if creates:
			first_id = frappe.db.get_next_sequence_val(DOCTYPE)
			frappe.db.set_next_sequence_val(DOCTYPE, first_id + len(creates), is_val_used=False)
			fieldnames = [c.fieldname for c in self.columns[1:]]
			rows = []
			for offset, plan in enumerate(creates):
				plan.name = first_id + offset
				rows.append((plan.name, now, now, user, user, 0, 0, *(plan.values[f] for f in fieldnames)))
			statements.append(
				bulk.prepare_insert(
					DOCTYPE,
					["name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", *fieldnames],
					rows,
				)
			)
		if updates:
			# only the changed columns, so one statement per set of changed columns (few in practice)
			by_changed: dict[tuple[str, ...], list[RowPlan]] = {}
			for plan in updates:
				by_changed.setdefault(tuple(f for f, _old, _new in plan.changes), []).append(plan)
			for fieldnames, plans in by_changed.items():
				statements.append(
					bulk.prepare_update(
						DOCTYPE,
						["name", *fieldnames, "modified", "modified_by"],
						[(p.name, *(p.values[f] for f in fieldnames), now, user) for p in plans],
					)
				)
			statements.append(self._versions(updates, now, user))
		return statements

	def _versions(self, updates: list[RowPlan], now: datetime.datetime, user: str) -> Callable[[], None]:
		"""Version records as XS Lead's change tracking (track_changes) writes them on save."""
		reference = (
			{"doctype": IMPORT_DOCTYPE, "docname": self.import_name, "label": _(IMPORT_DOCTYPE)}
			if self.import_name
			else None
		)
		rows = []
		names = _ascending_names(len(updates))
		for plan, version_name in zip(updates, names, strict=True):
			data = {
				"changed": [
					[fieldname, self._formatted(fieldname, old), self._formatted(fieldname, new)]
					for fieldname, old, new in plan.changes
				],
				"added": [],
				"removed": [],
				"row_changed": [],
				"data_import": None,
				"updater_reference": reference,
			}
			rows.append(
				(
					version_name,
					now,
					now,
					user,
					user,
					0,
					0,
					DOCTYPE,
					str(plan.name),
					json.dumps(data, default=str, separators=(",", ":")),
				)
			)
		return bulk.prepare_insert(
			"Version",
			[
				"name",
				"creation",
				"modified",
				"owner",
				"modified_by",
				"docstatus",
				"idx",
				"ref_doctype",
				"docname",
				"data",
			],
			rows,
		)

	def _formatted(self, fieldname: str, value):
		"""A value as a Version shows it (Frappe formats all but empty values)."""
		column = self.by_fieldname.get(fieldname)
		if _is_empty(value) or not column or column.fieldtype not in (*NUMBER_TYPES, "Date", "Datetime"):
			return value
		return frappe.format_value(value, {"fieldtype": column.fieldtype, "options": column.options})


# --- the XS Lead Import record and its job -------------------------------------------------------------


def options_of(doc) -> ImportOptions:
	return ImportOptions(bool(doc.has_header_row), bool(doc.update_existing), bool(doc.update_note))


def start_import(file_url: str, options: ImportOptions) -> dict:
	"""Run a small file now (returning its summary and errors) or queue a large one (its record's name)."""
	options.check()
	data = file_content(file_url)
	record = frappe.get_doc(
		{
			"doctype": IMPORT_DOCTYPE,
			"import_file": file_url,
			"has_header_row": int(options.has_header_row),
			"update_existing": int(options.update_existing),
			"update_note": int(options.update_note),
			"status": "Queued",
		}
	).insert()
	lead_import = LeadImport(data, options, import_name=record.name)
	record.db_set({"total_rows": lead_import.count_rows(), "encoding": lead_import.encoding})
	if record.total_rows <= INLINE_LIMIT:
		result = lead_import.run()
		_finish(record, result)
		return {**result.as_dict(), "import": record.name}
	frappe.enqueue(
		"xs_leads.lead_io.importer.run_import_job",
		queue="long",
		timeout=3600,
		job_id=f"xs_lead_import::{record.name}",
		deduplicate=True,
		enqueue_after_commit=True,
		import_name=record.name,
	)
	return {"import": record.name}


def run_import_job(import_name) -> None:
	"""The background job of a large import: progress to the user, the outcome on its record."""
	record = frappe.get_doc(IMPORT_DOCTYPE, import_name)
	record.db_set("status", "Running", commit=True)
	try:
		lead_import = LeadImport(
			file_content(record.import_file), options_of(record), import_name=record.name
		)
		total = record.total_rows or lead_import.count_rows()

		def progress(done: int) -> None:
			record.db_set("processed_rows", done, commit=True)
			frappe.publish_progress(
				math.floor(done * 100 / max(total, 1)),
				title=_("Importing leads"),
				description=_("{0} of {1} rows").format(done, total),
			)

		result = lead_import.run(progress=progress, commit=True)
	except Exception as e:
		frappe.db.rollback()
		record.reload()
		message = str(e) if isinstance(e, frappe.ValidationError) else _("The import stopped: {0}").format(e)
		record.db_set(
			{"status": "Failed", "errors": json.dumps([{"row": None, "column": None, "message": message}])}
		)
		frappe.db.commit()
		if not isinstance(e, frappe.ValidationError):
			record.log_error("XS Lead import failed")
		return
	_finish(record, result)
	frappe.db.commit()


def _finish(record, result: ImportResult) -> None:
	counts = result.counts
	status = "Completed with Errors" if result.errors else "Completed"
	if counts["failed"] and not (counts["created"] or counts["updated"] or counts["unchanged"]):
		status = "Failed"
	record.db_set(
		{
			"status": status,
			**counts,
			"processed_rows": sum(counts.values()),
			"errors": json.dumps(result.errors[:MAX_KEPT_ERRORS], ensure_ascii=False, default=str),
		}
	)


# --- helpers -------------------------------------------------------------------------------------------


def _index_written(plans: list[RowPlan], indexed_before: dict) -> None:
	"""The search index and the duplicate-check keys, which the controller and its doc events keep
	for a lead saved one by one, for the rows of a batch written past them."""
	created = [p.name for p in plans if p.action == CREATE]
	updated = [p.name for p in plans if p.action == UPDATE]
	search_index.index_bulk_writes(created, updated, indexed_before)
	duplicate_index.reindex_records(DOCTYPE, [*created, *updated])


def _run_all(statements: list[Callable[[], None]]) -> None:
	for statement in statements:
		statement()


def _ascending_names(count: int) -> list[str]:
	"""Unique Version names that sort after each other (time, counter, random tail): InnoDB appends
	them to its compressed tabVersion instead of splitting pages all over it, as random hashes do."""
	start = time.time_ns() // 1000
	tail = frappe.generate_hash(length=6)
	return [f"{start:013x}{i:06x}{tail}" for i in range(count)]


def _is_empty(value) -> bool:
	return value is None or value == ""


def _typed_default(column: LeadColumn):
	if column.fieldtype in INT_TYPES:
		return int(column.default)
	if column.fieldtype in NUMBER_TYPES:
		return float(column.default)
	return column.default


def _comparer(column: LeadColumn) -> Callable[[object, object], bool]:
	"""Whether a stored value (as the database returns it) equals a value read from the file."""
	fieldtype = column.fieldtype
	if fieldtype in NUMBER_TYPES:
		return lambda current, new: math.isclose(
			float(current or 0), float(new or 0), rel_tol=1e-12, abs_tol=1e-9
		)
	if fieldtype in INT_TYPES:
		return lambda current, new: int(current or 0) == int(new or 0)
	if fieldtype in TEXT_COMPARED_STRIPPED:
		return lambda current, new: (current or "").strip() == (new or "")
	if fieldtype == "Time":
		return lambda current, new: format_time(current) == format_time(new)
	if fieldtype in ("Date", "Datetime"):
		return lambda current, new: current == new or (_is_empty(current) and _is_empty(new))
	return lambda current, new: (current or "") == (new or "")


def _strip_bold(message: str) -> str:
	return message.replace("<strong>", "").replace("</strong>", "").replace("<b>", "").replace("</b>", "")
