"""The duplicate-check index: a table of match keys per lead, company and contact person.

Each record's keys (`xs_leads.domain.duplicates.match_keys`: organisation number, e-mails, phones,
its normalised name and typo-tolerant parts of it) are rows of `__xs_duplicate_key`, indexed by
key. A check looks up the keys of one record and scores only the records sharing one, so it costs
the same on 1,000 records as on 1,000,000. The table is derived data, like Frappe's own
`__global_search`: created on install and migrate, kept up to date on every save and delete
(doc_events in hooks.py), rebuilt by `rebuild_index` (the one-off backfill patch runs it), and
filled by the demo loader in bulk. A plain table rather than a DocType: it holds ten rows per
record, which need none of a DocType's columns and must insert fast.
"""

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import frappe

from xs_leads.domain.duplicates import MatchRecord, TokenWeights, match_keys, prepare
from xs_leads.domain.normalise import InvalidValue, normalise_organisation_number, normalise_phone
from xs_leads.services.sql import insert_rows, quoted

KEY_TABLE = "__xs_duplicate_key"
KEY_LENGTH = 140
WEIGHTS_CACHE_KEY = "xs_leads:duplicate_token_weights"
WEIGHTS_CACHE_SECONDS = 6 * 3600
WEIGHTS_LOCAL_SECONDS = 300  # a process re-reads the shared weights at most this often
WEIGHTS_CACHED_FROM = 2000  # names; a smaller base is counted on every check (a few ms)


@dataclass(frozen=True)
class Source:
	"""A DocType whose records take part in duplicate checks, and how its fields map to a MatchRecord."""

	doctype: str
	company_field: str | None
	person_fields: tuple[str, ...]
	organisation_number_field: str | None
	email_fields: tuple[str, ...]
	phone_fields: tuple[str, ...]
	title_field: str
	phones_normalised: bool  # the controller stores phones in E.164 already

	def is_installed(self) -> bool:
		return bool(frappe.db.exists("DocType", self.doctype))

	def fields(self) -> list[str]:
		"""The fields to load, of those the DocType has (custom setups may lack some)."""
		meta = frappe.get_meta(self.doctype)
		wanted = [
			self.company_field,
			*self.person_fields,
			self.organisation_number_field,
			*self.email_fields,
			*self.phone_fields,
			self.title_field,
		]
		return ["name", *dict.fromkeys(f for f in wanted if f and meta.has_field(f))]

	def record(
		self,
		values: dict,
		emails: Iterable[str] = (),
		phones: Iterable[str] = (),
		phones_normalised: bool | None = None,
	) -> MatchRecord:
		"""The MatchRecord of a record's values (a row, a document, or a form's unsaved values)."""
		person = " ".join(str(values.get(f) or "").strip() for f in self.person_fields).strip()
		phone_values = [values.get(f) for f in self.phone_fields] + list(phones)
		if not (self.phones_normalised if phones_normalised is None else phones_normalised):
			phone_values = [normalise_phone(p) for p in phone_values if p]
		return MatchRecord(
			doctype=self.doctype,
			name=str(values.get("name") or ""),
			title=str(values.get(self.title_field) or values.get("name") or ""),
			company_name=str(values.get(self.company_field) or "") if self.company_field else "",
			person_name=person,
			organisation_number=_organisation_number(values.get(self.organisation_number_field)),
			emails=tuple(e for e in [*(values.get(f) for f in self.email_fields), *emails] if e),
			phones=tuple(p for p in phone_values if p),
		)


SOURCES = {
	"XS Lead": Source(
		doctype="XS Lead",
		company_field="company_name",
		person_fields=("first_name", "last_name"),
		organisation_number_field="organisation_number",
		email_fields=("email",),
		phone_fields=("phone", "fax", "direct_phone", "mobile"),
		title_field="company_name",
		phones_normalised=True,
	),
	"XS Company": Source(
		doctype="XS Company",
		company_field="company_name",
		person_fields=(),
		organisation_number_field="organisation_number",
		email_fields=("email",),
		phone_fields=("phone", "fax"),
		title_field="company_name",
		phones_normalised=False,
	),
	"Contact": Source(
		doctype="Contact",
		company_field="company_name",
		person_fields=("first_name", "middle_name", "last_name"),
		organisation_number_field=None,
		email_fields=("email_id",),
		phone_fields=("phone", "mobile_no"),
		title_field="full_name",
		phones_normalised=False,
	),
}


def _organisation_number(value) -> str:
	try:
		return normalise_organisation_number(str(value or ""))
	except InvalidValue:
		return ""


def installed_sources() -> list[Source]:
	return [source for source in SOURCES.values() if source.is_installed()]


# --- The table -------------------------------------------------------------------------------------------


def ensure_key_table() -> None:
	"""Create the key table and its indexes if missing (install, migrate, backfill). Idempotent."""
	if frappe.db.db_type == "postgres":
		frappe.db.sql_ddl(
			f"""CREATE TABLE IF NOT EXISTS "{KEY_TABLE}" (
				id BIGSERIAL PRIMARY KEY,
				match_key VARCHAR({KEY_LENGTH}) NOT NULL,
				reference_doctype VARCHAR(140) NOT NULL,
				reference_name VARCHAR(140) NOT NULL)"""
		)
		frappe.db.sql_ddl(
			f"""CREATE INDEX IF NOT EXISTS "{KEY_TABLE}_match_key"
			ON "{KEY_TABLE}" (match_key, reference_doctype, reference_name)"""
		)
		frappe.db.sql_ddl(
			f"""CREATE INDEX IF NOT EXISTS "{KEY_TABLE}_reference"
			ON "{KEY_TABLE}" (reference_doctype, reference_name)"""
		)
	else:
		frappe.db.sql_ddl(
			f"""CREATE TABLE IF NOT EXISTS `{KEY_TABLE}` (
				id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
				match_key VARCHAR({KEY_LENGTH}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
				reference_doctype VARCHAR(140) NOT NULL,
				reference_name VARCHAR(140) NOT NULL,
				KEY match_key (match_key, reference_doctype, reference_name),
				KEY reference (reference_doctype, reference_name)
			) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci"""
		)


def drop_key_table() -> None:
	frappe.db.sql_ddl(f"DROP TABLE IF EXISTS {quoted(KEY_TABLE)}")
	_tables_seen.discard((frappe.local.site, KEY_TABLE))


_tables_seen: set[tuple[str, str]] = set()


def key_table_exists() -> bool:
	"""Whether the table exists (remembered once seen: it is only dropped on uninstall)."""
	seen = (frappe.local.site, KEY_TABLE)
	if seen in _tables_seen:
		return True
	if frappe.db.db_type == "postgres":
		exists = frappe.db.sql("SELECT to_regclass(%s)", (f'"{KEY_TABLE}"',))[0][0] is not None
	else:
		exists = bool(
			frappe.db.sql(
				"SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = %s",
				(KEY_TABLE,),
			)
		)
	if exists:
		_tables_seen.add(seen)
	return exists


def record_keys(record: MatchRecord) -> list[tuple[str, str, str]]:
	"""(match_key, reference_doctype, reference_name) rows of one record."""
	return [(key[:KEY_LENGTH], record.doctype, record.name) for key in sorted(match_keys(prepare(record)))]


def insert_key_rows(rows: Iterable[tuple[str, str, str]]) -> int:
	"""Insert (match_key, reference_doctype, reference_name) rows in bulk; returns how many."""
	return insert_rows(KEY_TABLE, ["match_key", "reference_doctype", "reference_name"], rows)


def delete_keys(doctype: str, names: Iterable | None = None) -> None:
	"""Delete the keys of `names` (of every record of `doctype` when None)."""
	statement = f"DELETE FROM {quoted(KEY_TABLE)} WHERE reference_doctype = %s"
	if names is None:
		frappe.db.sql(statement, (doctype,))
		return
	names = [str(n) for n in names]
	if names:
		placeholders = ", ".join(["%s"] * len(names))
		frappe.db.sql(f"{statement} AND reference_name IN ({placeholders})", (doctype, *names))


# --- Records ------------------------------------------------------------------------------------------------


def record_from_document(doc) -> MatchRecord:
	source = SOURCES[doc.doctype]
	emails = [row.email_id for row in doc.get("email_ids") or []] if doc.doctype == "Contact" else []
	phones = [row.phone for row in doc.get("phone_nos") or []] if doc.doctype == "Contact" else []
	return source.record(doc.as_dict(), emails, phones)


def load_records(
	doctype: str,
	names: Iterable | None = None,
	*,
	permitted: bool = False,
	batch_size: int = 20000,
	limit: int | None = None,
) -> Iterator[MatchRecord]:
	"""The MatchRecords of `names` (every record when None, or the first `limit` by name), loaded in
	bulk, in batches. `permitted` loads only what the session user may read (`frappe.get_list`).
	"""
	source = SOURCES[doctype]
	fields = source.fields()
	get = frappe.get_list if permitted else frappe.get_all
	if names is not None:
		names = [native_name(doctype, n) for n in names]
		for start in range(0, len(names), batch_size):
			chunk = names[start : start + batch_size]
			rows = get(doctype, fields=fields, filters={"name": ("in", chunk)}, limit_page_length=0)
			yield from _records_of(source, rows)
		return
	last = None
	remaining = limit
	while remaining is None or remaining > 0:
		filters = {"name": (">", last)} if last is not None else {}
		page = batch_size if remaining is None else min(batch_size, remaining)
		rows = get(doctype, fields=fields, filters=filters, order_by="name asc", limit_page_length=page)
		if not rows:
			return
		yield from _records_of(source, rows)
		last = rows[-1]["name"]
		if remaining is not None:
			remaining -= len(rows)


def _records_of(source: Source, rows: list[dict]) -> Iterator[MatchRecord]:
	emails, phones = {}, {}
	if source.doctype == "Contact" and rows:
		parents = [row["name"] for row in rows]
		for child, field, into in (("Contact Email", "email_id", emails), ("Contact Phone", "phone", phones)):
			for row in frappe.get_all(
				child,
				filters={"parenttype": "Contact", "parent": ("in", parents)},
				fields=["parent", field],
				limit_page_length=0,
			):
				into.setdefault(row["parent"], []).append(row[field])
	for row in rows:
		yield source.record(row, emails.get(row["name"], ()), phones.get(row["name"], ()))


def native_name(doctype: str, name):
	"""Autoincrement DocTypes have integer names: compare them as integers (PostgreSQL is strict)."""
	if frappe.get_meta(doctype).autoname == "autoincrement":
		try:
			return int(name)
		except (TypeError, ValueError):
			return name
	return name


# --- Keeping it up to date -----------------------------------------------------------------------------------


def index_document(doc, method=None) -> None:
	"""doc_events on_update: replace the record's keys with those of its values now."""
	if doc.doctype not in SOURCES or not key_table_exists():
		return  # before the app's migration created the table: the backfill will add it
	delete_keys(doc.doctype, [doc.name])
	insert_key_rows(record_keys(record_from_document(doc)))


def unindex_document(doc, method=None) -> None:
	"""doc_events on_trash."""
	if doc.doctype in SOURCES and key_table_exists():
		delete_keys(doc.doctype, [doc.name])


def reindex_renamed_document(doc, method=None, old=None, new=None, merge=False) -> None:
	"""doc_events after_rename: the keys follow the record to its new name (merged ones rebuilt)."""
	if doc.doctype not in SOURCES or not key_table_exists():
		return
	delete_keys(doc.doctype, [old, new])
	for record in load_records(doc.doctype, [new]):
		insert_key_rows(record_keys(record))


def reindex_records(doctype: str, names: Iterable) -> None:
	"""Replace the keys of these records with those of their stored values (bulk writers that pass
	by the doc events, such as the CSV importer)."""
	names = list(names)
	if not names or not key_table_exists():
		return
	delete_keys(doctype, names)
	index_records(load_records(doctype, names))


def index_records(records: Iterable[MatchRecord]) -> int:
	"""Add the keys of records not yet indexed (the demo loader's bulk inserts)."""
	return insert_key_rows(row for record in records for row in record_keys(record))


def rebuild_index(
	doctypes: Iterable[str] | None = None, progress: Callable[[int], None] | None = None
) -> dict:
	"""Drop and rebuild the keys of every record of `doctypes` (all indexed ones by default).

	The one-off backfill for records that existed before the index; also repairs an index that
	went out of step (records written by SQL that bypassed the controllers).
	"""
	if not key_table_exists():
		ensure_key_table()  # DDL: MariaDB commits the transaction, so only when it is missing
	counts = {}
	done = 0
	for source in installed_sources():
		if doctypes is not None and source.doctype not in doctypes:
			continue
		delete_keys(source.doctype)
		records = 0
		for record in load_records(source.doctype):
			insert_key_rows(record_keys(record))
			records += 1
			done += 1
			if progress and not done % 10000:
				progress(done)
		counts[source.doctype] = records
	clear_token_weights()
	return counts


# --- Looking up ---------------------------------------------------------------------------------------------


def references_sharing_keys(keys: Iterable[str], cap: int) -> dict[tuple[str, str], list[str]]:
	"""{(doctype, name): [shared keys]} of records sharing one of `keys`, ignoring keys held by
	more than `cap` records: one statement of per-key limited lookups, so a generic key costs
	no more than a rare one."""
	keys = sorted({key[:KEY_LENGTH] for key in keys})
	if not keys:
		return {}
	table = quoted(KEY_TABLE)
	part = f"(SELECT match_key, reference_doctype, reference_name FROM {table} WHERE match_key = %s LIMIT {cap + 1})"
	rows = frappe.db.sql(" UNION ALL ".join([part] * len(keys)), keys)
	by_key: dict[str, list[tuple[str, str]]] = {}
	for key, doctype, name in rows:
		by_key.setdefault(key, []).append((doctype, name))
	shared: dict[tuple[str, str], list[str]] = {}
	for key, references in by_key.items():
		if len(references) > cap:
			continue
		for reference in references:
			shared.setdefault(reference, []).append(key)
	return shared


# --- Word weights -------------------------------------------------------------------------------------------

_local_weights: dict[str, tuple[float, TokenWeights]] = {}


def token_weights() -> TokenWeights:
	"""How informative each name word is across leads, companies and contacts (cached)."""
	site = frappe.local.site
	now = time.monotonic()
	cached = _local_weights.get(site)
	if cached and cached[0] > now:
		return cached[1]
	data = frappe.cache.get_value(WEIGHTS_CACHE_KEY)
	if not data:
		data = _count_tokens()
		if data["total"] < WEIGHTS_CACHED_FROM:
			return TokenWeights(data["frequencies"], data["total"])  # counted afresh: it changes fast
		frappe.cache.set_value(WEIGHTS_CACHE_KEY, data, expires_in_sec=WEIGHTS_CACHE_SECONDS)
	weights = TokenWeights(data["frequencies"], data["total"])
	_local_weights[site] = (now + WEIGHTS_LOCAL_SECONDS, weights)
	return weights


def clear_token_weights() -> None:
	frappe.cache.delete_value(WEIGHTS_CACHE_KEY)
	_local_weights.pop(frappe.local.site, None)


def _count_tokens() -> dict:
	table = quoted(KEY_TABLE)
	rows = frappe.db.sql(
		f"""SELECT match_key, COUNT(*) FROM {table} WHERE match_key LIKE %s
		GROUP BY match_key HAVING COUNT(*) > 1""",
		("tok:%",),
	)
	total = frappe.db.sql(f"SELECT COUNT(*) FROM {table} WHERE match_key LIKE %s", ("name:%",))[0][0]
	return {"frequencies": {key[4:]: int(count) for key, count in rows}, "total": int(total or 0)}
