"""The lead search index: which leads hold which word or facet, in three tables beside `tabXS Lead`.

- `__xs_lead_search_word` — the vocabulary: every normalised word once per kind (substring-searched
  name words, prefix-searched e-mail words, facets such as "classification=Hot"), with a numeric id.
- `__xs_lead_search_posting` — per (word, field, block of 65,536 lead IDs) the set of leads holding
  it, stored compactly (xs_leads.domain.id_sets): a facet held by most leads costs 8 KiB a block.
- `__xs_lead_search_change` — changes since the postings were last written: (word, field, lead,
  present). Saves only append here, so concurrent saves never wait for each other on a shared
  posting row; `compact_changes` (scheduled every minute) folds them into the postings.

What a lead contributes is defined in xs_leads.domain.lead_index. Kept up to date by XS Lead's
controller (`update_lead`, in the same transaction as the save), the bulk loaders (`BulkIndexWriter`)
and `rebuild()` (the backfill patch). Code that writes `tabXS Lead` past the controller
(`frappe.db.set_value`, raw SQL) must call `reindex_leads` for the leads it changed.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping

import frappe

from xs_leads.domain.id_sets import (
	BLOCK_BITS,
	IdSet,
	block_of,
	decode_bitmap,
	decode_offsets,
	encode_offsets,
	offset_of,
)
from xs_leads.domain.lead_index import FACET, FACET_WORDS, SOURCE_FIELDS, lead_entries
from xs_leads.domain.search_text import EMAIL, MAX_WORD_LENGTH, PREFIX_WORDS, SUBSTRING_WORDS

WORD_TABLE = "__xs_lead_search_word"
POSTING_TABLE = "__xs_lead_search_posting"
CHANGE_TABLE = "__xs_lead_search_change"
STATEMENT_ROWS = 500  # rows per multi-row statement
# facet words can be long ("industry=Wholesale and retail trade; repair of motor vehicles…")
WORD_COLUMN_LENGTH = 200


def kind_of_field(field: int) -> int:
	if field == FACET:
		return FACET_WORDS
	return PREFIX_WORDS if field == EMAIL else SUBSTRING_WORDS


# --- Tables ----------------------------------------------------------------------------------------------


def ensure_tables() -> None:
	"""Create the index tables if missing (from XS Lead's on_doctype_update and the backfill patch)."""
	# byte order ("C", binary) keeps "å" apart from "a" and lets the word index serve prefix searches
	if frappe.db.db_type == "postgres":
		for statement in (
			f"""CREATE TABLE IF NOT EXISTS "{WORD_TABLE}" (
				id serial PRIMARY KEY, kind smallint NOT NULL,
				word varchar({WORD_COLUMN_LENGTH}) COLLATE "C" NOT NULL, UNIQUE (kind, word))""",
			f"""CREATE TABLE IF NOT EXISTS "{POSTING_TABLE}" (
				word_id integer NOT NULL, field smallint NOT NULL, block integer NOT NULL,
				size integer NOT NULL, ids bytea NOT NULL, PRIMARY KEY (word_id, field, block))""",
			f"""CREATE TABLE IF NOT EXISTS "{CHANGE_TABLE}" (
				id bigserial PRIMARY KEY, word_id integer NOT NULL, field smallint NOT NULL,
				lead bigint NOT NULL, present smallint NOT NULL)""",
			f"""CREATE INDEX IF NOT EXISTS "{CHANGE_TABLE}_word" ON "{CHANGE_TABLE}" (word_id, field)""",
		):
			frappe.db.sql_ddl(statement)
		return
	for statement in (
		f"""CREATE TABLE IF NOT EXISTS `{WORD_TABLE}` (
			`id` int unsigned NOT NULL AUTO_INCREMENT, `kind` tinyint NOT NULL,
			`word` varchar({WORD_COLUMN_LENGTH}) NOT NULL,
			PRIMARY KEY (`id`), UNIQUE KEY `kind_word` (`kind`, `word`)
		) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin""",
		f"""CREATE TABLE IF NOT EXISTS `{POSTING_TABLE}` (
			`word_id` int unsigned NOT NULL, `field` tinyint NOT NULL, `block` int unsigned NOT NULL,
			`size` int NOT NULL, `ids` blob NOT NULL,
			PRIMARY KEY (`word_id`, `field`, `block`)
		) ENGINE=InnoDB""",
		f"""CREATE TABLE IF NOT EXISTS `{CHANGE_TABLE}` (
			`id` bigint unsigned NOT NULL AUTO_INCREMENT, `word_id` int unsigned NOT NULL,
			`field` tinyint NOT NULL, `lead` bigint NOT NULL, `present` tinyint NOT NULL,
			PRIMARY KEY (`id`), KEY `word` (`word_id`, `field`)
		) ENGINE=InnoDB""",
	):
		frappe.db.sql_ddl(statement)


def has_index_starting_with(table: str, column: str) -> bool:
	"""Whether some index of `table` has `column` as its first column (whatever the index is called)."""
	if frappe.db.db_type == "postgres":
		return bool(
			frappe.db.sql(
				"""SELECT 1 FROM pg_index i
				JOIN pg_class t ON t.oid = i.indrelid
				JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
				WHERE t.relname = %s AND a.attname = %s LIMIT 1""",
				[table, column],
			)
		)
	return bool(
		frappe.db.sql(
			"""SELECT 1 FROM information_schema.statistics
			WHERE table_schema = database() AND table_name = %s AND column_name = %s AND seq_in_index = 1
			LIMIT 1""",
			[table, column],
		)
	)


def analyze_tables() -> None:
	"""Refresh the planner's statistics after a bulk load (PostgreSQL plans from stale ones until
	autovacuum gets to it; MariaDB recalculates its own)."""
	if frappe.db.db_type == "postgres":
		for table in ("tabXS Lead", WORD_TABLE, POSTING_TABLE, CHANGE_TABLE):
			frappe.db.sql(f'ANALYZE "{table}"')


def _table(name: str) -> str:
	return f'"{name}"' if frappe.db.db_type == "postgres" else f"`{name}`"


def _placeholders(rows: int, columns: int) -> str:
	row = "(" + ", ".join(["%s"] * columns) + ")"
	return ", ".join([row] * rows)


def _list(values: list) -> str:
	return ", ".join(["%s"] * len(values))


def _posting_values(rows: int) -> str:
	"""VALUES rows of (word_id, field, block, size, ids), the blob given as hex text.

	Frappe logs every statement as text after running it, which fails on raw binary parameters.
	"""
	blob = "decode(%s, 'hex')" if frappe.db.db_type == "postgres" else "unhex(%s)"
	return ", ".join([f"(%s, %s, %s, %s, {blob})"] * rows)


def _chunks(items: list, size: int = STATEMENT_ROWS):
	for start in range(0, len(items), size):
		yield items[start : start + size]


def _insert_ignoring_duplicates(table: str, columns: str, rows_sql: str, conflict: str, values: list):
	insert = f"INSERT INTO {_table(table)} ({columns}) VALUES {rows_sql}"
	if frappe.db.db_type == "postgres":
		frappe.db.sql(f"{insert} ON CONFLICT ({conflict}) DO NOTHING", values)
	else:
		frappe.db.sql(insert.replace("INSERT", "INSERT IGNORE", 1), values)


# --- Vocabulary ------------------------------------------------------------------------------------------


def word_ids(words: Iterable[tuple[int, str]], create: bool) -> dict[tuple[int, str], int]:
	"""{(kind, word): id} of the given words; with `create`, missing words are added first."""
	wanted = sorted(set(words))
	found = _select_word_ids(wanted)
	missing = [w for w in wanted if w not in found]
	if missing and create:
		for chunk in _chunks(missing):
			_insert_ignoring_duplicates(
				WORD_TABLE,
				"kind, word",
				_placeholders(len(chunk), 2),
				"kind, word",
				[v for w in chunk for v in w],
			)
		# a locking read sees words another transaction committed meanwhile (REPEATABLE READ)
		found.update(_select_word_ids(missing, lock=True))
	return found


def _select_word_ids(words: list[tuple[int, str]], lock: bool = False) -> dict[tuple[int, str], int]:
	found = {}
	by_kind = defaultdict(list)
	for kind, word in words:
		by_kind[kind].append(word)
	for kind, kind_words in by_kind.items():
		for chunk in _chunks(kind_words):
			rows = frappe.db.sql(
				f"""SELECT id, word FROM {_table(WORD_TABLE)}
				WHERE kind = %s AND word IN ({_list(chunk)}){" FOR UPDATE" if lock else ""}""",
				[kind, *chunk],
			)
			found.update({(kind, word): word_id for word_id, word in rows})
	return found


def words_matching(term: str, kind: int, prefix: bool) -> list[int]:
	"""Ids of the words (of one kind) that contain `term`, or with `prefix` that start with it."""
	pattern = ("" if prefix else "%") + _escape_like(term) + "%"
	rows = frappe.db.sql(
		f"SELECT id, word FROM {_table(WORD_TABLE)} WHERE kind = %s AND word LIKE %s",
		[kind, pattern],
	)
	# the database's LIKE may be looser than ours (collations): keep exact matches only
	if prefix:
		return [word_id for word_id, word in rows if word.startswith(term)]
	return [word_id for word_id, word in rows if term in word]


def facet_ids(facets: Iterable[str]) -> list[int]:
	"""Ids of these facet words (a facet no lead ever had has none)."""
	return list(word_ids([(FACET_WORDS, f) for f in facets], create=False).values())


def _escape_like(text: str) -> str:
	return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# --- Reading ---------------------------------------------------------------------------------------------


def posting_rows(word_ids_: list[int], fields: Iterable[int]) -> int:
	"""How many stored rows the postings of these words in these fields take (the cost of reading them)."""
	if not word_ids_:
		return 0
	fields = sorted(set(fields))
	rows = 0
	for chunk in _chunks(word_ids_, 1000):
		rows += frappe.db.sql(
			f"""SELECT count(*) FROM {_table(POSTING_TABLE)}
			WHERE word_id IN ({_list(chunk)}) AND field IN ({_list(fields)})""",
			[*chunk, *fields],
		)[0][0]
	return int(rows)


def leads_with_words(word_ids_: list[int], fields: Iterable[int]) -> IdSet:
	"""The leads holding any of these words in any of these fields (postings plus pending changes)."""
	result = IdSet()
	if not word_ids_:
		return result
	fields = sorted(set(fields))
	changes = _pending_changes(word_ids_, fields)
	changed: dict[tuple[int, int], IdSet] = {key: IdSet() for key in changes}
	for chunk in _chunks(word_ids_, 1000):
		rows = frappe.db.sql(
			f"""SELECT word_id, field, block, ids FROM {_table(POSTING_TABLE)}
			WHERE word_id IN ({_list(chunk)}) AND field IN ({_list(fields)})""",
			[*chunk, *fields],
		)
		for word_id, field, block, blob in rows:
			target = changed.get((word_id, field), result)
			target.add_block(block, decode_bitmap(blob))
	for key, states in changes.items():
		added = IdSet.from_ids(lead for lead, present in states.items() if present)
		removed = IdSet.from_ids(lead for lead, present in states.items() if not present)
		result = result | ((changed[key] - removed) | added)
	return result


def _pending_changes(word_ids_: list[int], fields: list[int]) -> dict[tuple[int, int], dict[int, bool]]:
	"""{(word_id, field): {lead: present}} of the changes not yet folded into the postings (last wins)."""
	changes: dict[tuple[int, int], dict[int, bool]] = defaultdict(dict)
	for chunk in _chunks(word_ids_, 1000):
		rows = frappe.db.sql(
			f"""SELECT word_id, field, lead, present FROM {_table(CHANGE_TABLE)}
			WHERE word_id IN ({_list(chunk)}) AND field IN ({_list(fields)}) ORDER BY id""",
			[*chunk, *fields],
		)
		for word_id, field, lead, present in rows:
			changes[(word_id, field)][int(lead)] = bool(present)
	return changes


# --- Keeping it up to date -------------------------------------------------------------------------------


def update_lead(lead_id: int, before: Mapping | None, after: Mapping | None) -> None:
	"""Record how a lead's words changed, from its old values (None: new) to its new ones (None: deleted)."""
	_record_changes(lead_id, _entry_keys(before), _entry_keys(after))


def _entry_keys(lead: Mapping | None) -> set[tuple[int, str]]:
	if not lead:
		return set()
	return {(field, word) for field, found in lead_entries(lead).items() for word in found}


def _record_changes(lead_id: int, old: set[tuple[int, str]], new: set[tuple[int, str]]) -> None:
	added, removed = new - old, old - new
	if not added and not removed:
		return
	ids = word_ids({(kind_of_field(f), w) for f, w in added | removed}, create=True)
	rows = [(ids[(kind_of_field(f), w)], f, lead_id, 1) for f, w in sorted(added)]
	rows += [(ids[(kind_of_field(f), w)], f, lead_id, 0) for f, w in sorted(removed)]
	for chunk in _chunks(rows):
		frappe.db.sql(
			f"INSERT INTO {_table(CHANGE_TABLE)} (word_id, field, lead, present) VALUES {_placeholders(len(chunk), 4)}",
			[v for row in chunk for v in row],
		)


def source_rows(names: Iterable[int]) -> dict[int, dict]:
	"""{lead: its indexed fields as stored now}, for writers that bypass the controller."""
	names = sorted({int(n) for n in names})
	rows = {}
	for chunk in _chunks(names, 1000):
		for row in frappe.get_all(
			"XS Lead", filters={"name": ("in", chunk)}, fields=["name", *SOURCE_FIELDS], order_by="name asc"
		):
			rows[int(row.name)] = row
	return rows


def index_bulk_writes(created: Iterable[int], updated: Iterable[int], before: Mapping[int, Mapping]) -> None:
	"""Index leads a bulk writer inserted (`created`) or changed (`updated`, with their rows as
	`source_rows` gave them before the change), from what is stored now."""
	created, updated = sorted({int(n) for n in created}), sorted({int(n) for n in updated})
	after = source_rows([*created, *updated])
	writer = BulkIndexWriter()
	for name in created:
		if name in after:
			writer.add(name, after[name])
	writer.close()
	for name in updated:
		update_lead(name, before.get(name), after.get(name))


def reindex_leads(names: Iterable[int]) -> None:
	"""Bring these leads' index entries in line with their stored values (after writes past the controller).

	A repair path: finding what the index holds for a lead reads every posting row of its block.
	"""
	names = sorted({int(n) for n in names})
	for chunk in _chunks(names, 1000):
		present = {
			row.name: row
			for row in frappe.get_all(
				"XS Lead",
				filters={"name": ("in", chunk)},
				fields=["name", *SOURCE_FIELDS],
				order_by="name asc",
			)
		}
		stored = _stored_entries(chunk)
		for name in chunk:
			_record_changes(name, stored.get(name, set()), _entry_keys(present.get(name)))


def _stored_entries(names: list[int]) -> dict[int, set[tuple[int, str]]]:
	"""{lead: {(field, word)}} as the index holds them now."""
	wanted = set(names)
	out: dict[int, set[tuple[int, str]]] = defaultdict(set)
	blocks = sorted({block_of(n) for n in names})
	rows = frappe.db.sql(
		f"""SELECT p.field, p.block, p.ids, w.word FROM {_table(POSTING_TABLE)} p
		JOIN {_table(WORD_TABLE)} w ON w.id = p.word_id WHERE p.block IN ({_list(blocks)})""",
		blocks,
	)
	for field, block, blob, word in rows:
		base = block << BLOCK_BITS
		for offset in decode_offsets(blob):
			if base + offset in wanted:
				out[base + offset].add((field, word))
	changes = frappe.db.sql(
		f"""SELECT c.field, c.lead, c.present, w.word FROM {_table(CHANGE_TABLE)} c
		JOIN {_table(WORD_TABLE)} w ON w.id = c.word_id WHERE c.lead IN ({_list(names)}) ORDER BY c.id""",
		names,
	)
	for field, lead, present, word in changes:
		(out[int(lead)].add if present else out[int(lead)].discard)((field, word))
	return out


def compact_changes(limit: int = 200_000) -> int:
	"""Fold pending changes into the postings (scheduled every minute). Returns how many it folded."""
	if not _try_compaction_lock():
		return 0
	try:
		rows = frappe.db.sql(
			f"SELECT id, word_id, field, lead, present FROM {_table(CHANGE_TABLE)} ORDER BY id LIMIT %s",
			[limit],
		)
		if not rows:
			return 0
		final: dict[tuple[int, int, int], dict[int, bool]] = defaultdict(dict)
		for _id, word_id, field, lead, present in rows:
			final[(word_id, field, block_of(int(lead)))][offset_of(int(lead))] = bool(present)
		keys = sorted(final)
		_create_empty_postings(keys)
		current = _read_postings(keys, lock=True)
		updated = {}
		for key in keys:
			offsets = set(current.get(key, ()))
			for offset, present in final[key].items():
				(offsets.add if present else offsets.discard)(offset)
			updated[key] = offsets
		_write_postings(updated)
		for chunk in _chunks([row[0] for row in rows], 1000):
			frappe.db.sql(f"DELETE FROM {_table(CHANGE_TABLE)} WHERE id IN ({_list(chunk)})", chunk)
		return len(rows)
	finally:
		_release_compaction_lock()


def _try_compaction_lock() -> bool:
	"""One compaction at a time: two folding overlapping batches out of order could undo a change."""
	if frappe.db.db_type == "postgres":
		return bool(frappe.db.sql("SELECT pg_try_advisory_xact_lock(hashtext(%s))", [CHANGE_TABLE])[0][0])
	return bool(frappe.db.sql("SELECT GET_LOCK(%s, 0)", [f"{frappe.db.cur_db_name}.{CHANGE_TABLE}"])[0][0])


def _release_compaction_lock() -> None:
	if frappe.db.db_type != "postgres":  # PostgreSQL releases it with the transaction
		frappe.db.sql("SELECT RELEASE_LOCK(%s)", [f"{frappe.db.cur_db_name}.{CHANGE_TABLE}"])


# --- Writing postings ------------------------------------------------------------------------------------


def _read_postings(
	keys: list[tuple[int, int, int]], lock: bool = False
) -> dict[tuple[int, int, int], list[int]]:
	found = {}
	for chunk in _chunks(keys):
		rows = frappe.db.sql(
			f"""SELECT word_id, field, block, ids FROM {_table(POSTING_TABLE)}
			WHERE (word_id, field, block) IN ({_placeholders(len(chunk), 3)}){" FOR UPDATE" if lock else ""}""",
			[v for key in chunk for v in key],
		)
		found.update({(w, f, b): decode_offsets(blob) for w, f, b, blob in rows})
	return found


def _create_empty_postings(keys: list[tuple[int, int, int]]) -> None:
	"""Insert missing rows empty, so that every row to change exists and can be locked."""
	empty = encode_offsets(()).hex()
	for chunk in _chunks(keys):
		_insert_ignoring_duplicates(
			POSTING_TABLE,
			"word_id, field, block, size, ids",
			_posting_values(len(chunk)),
			"word_id, field, block",
			[v for key in chunk for v in (*key, 0, empty)],
		)


def _write_postings(postings: Mapping[tuple[int, int, int], Iterable[int]]) -> None:
	"""Store each row's offsets (replacing what was there); rows left empty are deleted."""
	upserts, deletes = [], []
	for key, offsets in postings.items():
		offsets = set(offsets)
		if offsets:
			upserts.append((*key, len(offsets), encode_offsets(offsets).hex()))
		else:
			deletes.append(key)
	for chunk in _chunks(upserts):
		insert = f"INSERT INTO {_table(POSTING_TABLE)} (word_id, field, block, size, ids) VALUES {_posting_values(len(chunk))}"
		values = [v for row in chunk for v in row]
		if frappe.db.db_type == "postgres":
			frappe.db.sql(
				f"{insert} ON CONFLICT (word_id, field, block) DO UPDATE SET size = EXCLUDED.size, ids = EXCLUDED.ids",
				values,
			)
		else:
			frappe.db.sql(f"{insert} ON DUPLICATE KEY UPDATE size = VALUES(size), ids = VALUES(ids)", values)
	for chunk in _chunks(deletes):
		frappe.db.sql(
			f"DELETE FROM {_table(POSTING_TABLE)} WHERE (word_id, field, block) IN ({_placeholders(len(chunk), 3)})",
			[v for key in chunk for v in key],
		)


class BulkIndexWriter:
	"""Indexes many new leads at once: collects their words and writes each posting row once per block.

	For loaders that insert leads past their controller. Feed leads in ascending ID order; blocks
	behind the current one are written as soon as the IDs move past them, the rest at `close()`.
	"""

	def __init__(self):
		self.pending: dict[int, dict[tuple[int, str], list[int]]] = defaultdict(lambda: defaultdict(list))
		self.word_cache: dict[tuple[int, str], int] = {}

	def add(self, lead_id: int, lead: Mapping) -> None:
		block, offset = block_of(lead_id), offset_of(lead_id)
		postings = self.pending[block]
		for field, found in lead_entries(lead).items():
			for word in found:
				postings[(field, word)].append(offset)
		if len(self.pending) > 1:
			for older in [b for b in self.pending if b < block]:
				self._flush(older)

	def close(self) -> None:
		for block in sorted(self.pending):
			self._flush(block)

	def _flush(self, block: int) -> None:
		postings = self.pending.pop(block)
		wanted = {(kind_of_field(field), word) for field, word in postings} - self.word_cache.keys()
		if wanted:
			self.word_cache.update(word_ids(wanted, create=True))
		rows = {
			(self.word_cache[(kind_of_field(field), word)], field, block): offsets
			for (field, word), offsets in postings.items()
		}
		existing = _read_postings(sorted(rows), lock=True)
		for key, offsets in existing.items():
			rows[key] = [*offsets, *rows[key]]
		_write_postings(rows)


def rebuild(batch_size: int = 20000) -> int:
	"""Index every lead anew (the backfill patch; also repairs an index that drifted). Returns the count."""
	frappe.db.sql(f"DELETE FROM {_table(POSTING_TABLE)}")
	frappe.db.sql(f"DELETE FROM {_table(CHANGE_TABLE)}")
	writer = BulkIndexWriter()
	last, count = 0, 0
	columns = ", ".join(_column(f) for f in ("name", *SOURCE_FIELDS))
	while True:
		rows = frappe.db.sql(
			f"SELECT {columns} FROM {_table('tabXS Lead')} WHERE name > %s ORDER BY name LIMIT %s",
			[last, batch_size],
			as_dict=True,
		)
		if not rows:
			break
		for row in rows:
			writer.add(row.name, row)
		last, count = rows[-1].name, count + len(rows)
	writer.close()
	analyze_tables()
	return count


def _column(name: str) -> str:
	return f'"{name}"' if frappe.db.db_type == "postgres" else f"`{name}`"
