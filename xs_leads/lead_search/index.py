"""The lead search index: which leads hold which word, kept in two tables beside `tabXS Lead`.

- `__xs_lead_search_word` — the vocabulary: every normalised word once per kind (substring-searched
  name words, prefix-searched e-mail words), with a numeric id.
- `__xs_lead_search_posting` — per (word, field, block of 65,536 lead IDs) the set of leads holding
  the word in that field, stored compactly (xs_leads.domain.id_sets).

A text search looks its words up in the vocabulary (a few thousand to a few hundred thousand short
rows) instead of reading `LIKE '%…%'` over a million leads, then reads the posting rows of the words
found. Kept up to date by XS Lead's controller (`update_lead`, in the same transaction as the save),
by the bulk loaders (`BulkIndexWriter`) and rebuilt by `rebuild()` (the backfill patch). Paths that
write `tabXS Lead` without the controller (`frappe.db.set_value`, raw SQL) must call `reindex_leads`.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping

import frappe

from xs_leads.domain.id_sets import IdSet, block_of, decode_bitmap, decode_offsets, encode_offsets, offset_of
from xs_leads.domain.search_text import (
	KIND_OF_FIELD,
	MAX_WORD_LENGTH,
	SOURCE_FIELDS,
	lead_words,
)

WORD_TABLE = "__xs_lead_search_word"
POSTING_TABLE = "__xs_lead_search_posting"
STATEMENT_ROWS = 500  # rows per multi-row statement


# --- Tables ----------------------------------------------------------------------------------------------


def ensure_tables() -> None:
	"""Create the index tables if missing (from XS Lead's on_doctype_update and the backfill patch)."""
	if frappe.db.db_type == "postgres":
		frappe.db.sql_ddl(
			f"""CREATE TABLE IF NOT EXISTS "{WORD_TABLE}" (
				id serial PRIMARY KEY,
				kind smallint NOT NULL,
				word varchar({MAX_WORD_LENGTH}) NOT NULL,
				UNIQUE (kind, word))"""
		)
		frappe.db.sql_ddl(
			f"""CREATE TABLE IF NOT EXISTS "{POSTING_TABLE}" (
				word_id integer NOT NULL,
				field smallint NOT NULL,
				block integer NOT NULL,
				size integer NOT NULL,
				ids bytea NOT NULL,
				PRIMARY KEY (word_id, field, block))"""
		)
		return
	# binary collation: "å" and "a", "Ø" and "ø" are different words here
	frappe.db.sql_ddl(
		f"""CREATE TABLE IF NOT EXISTS `{WORD_TABLE}` (
			`id` int unsigned NOT NULL AUTO_INCREMENT,
			`kind` tinyint NOT NULL,
			`word` varchar({MAX_WORD_LENGTH}) NOT NULL,
			PRIMARY KEY (`id`),
			UNIQUE KEY `kind_word` (`kind`, `word`)
		) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"""
	)
	frappe.db.sql_ddl(
		f"""CREATE TABLE IF NOT EXISTS `{POSTING_TABLE}` (
			`word_id` int unsigned NOT NULL,
			`field` tinyint NOT NULL,
			`block` int unsigned NOT NULL,
			`size` int NOT NULL,
			`ids` blob NOT NULL,
			PRIMARY KEY (`word_id`, `field`, `block`)
		) ENGINE=InnoDB"""
	)


def _table(name: str) -> str:
	return f'"{name}"' if frappe.db.db_type == "postgres" else f"`{name}`"


def _placeholders(rows: int, columns: int) -> str:
	row = "(" + ", ".join(["%s"] * columns) + ")"
	return ", ".join([row] * rows)


def _posting_values(rows: int) -> str:
	"""VALUES rows of (word_id, field, block, size, ids), the blob given as hex text.

	Frappe logs every statement as text after running it, which fails on raw binary parameters.
	"""
	blob = "decode(%s, 'hex')" if frappe.db.db_type == "postgres" else "unhex(%s)"
	return ", ".join([f"(%s, %s, %s, %s, {blob})"] * rows)


def _chunks(items: list, size: int = STATEMENT_ROWS):
	for start in range(0, len(items), size):
		yield items[start : start + size]


# --- Vocabulary ------------------------------------------------------------------------------------------


def word_ids(words: Iterable[tuple[int, str]], create: bool) -> dict[tuple[int, str], int]:
	"""{(kind, word): id} of the given words; with `create`, missing words are added first."""
	wanted = sorted(set(words))
	found = _select_word_ids(wanted)
	missing = [w for w in wanted if w not in found]
	if missing and create:
		for chunk in _chunks(missing):
			values = [v for kind_word in chunk for v in kind_word]
			insert = f"INSERT INTO {_table(WORD_TABLE)} (kind, word) VALUES {_placeholders(len(chunk), 2)}"
			if frappe.db.db_type == "postgres":
				frappe.db.sql(f"{insert} ON CONFLICT (kind, word) DO NOTHING", values)
			else:
				frappe.db.sql(insert.replace("INSERT", "INSERT IGNORE", 1), values)
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
				WHERE kind = %s AND word IN ({", ".join(["%s"] * len(chunk))}){" FOR UPDATE" if lock else ""}""",
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


def _escape_like(text: str) -> str:
	return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# --- Postings --------------------------------------------------------------------------------------------


def posting_stats(word_ids_: list[int], fields: Iterable[int]) -> tuple[int, int]:
	"""(rows, leads counted with repeats) the postings of these words in these fields amount to."""
	if not word_ids_:
		return 0, 0
	fields = sorted(set(fields))
	rows, size = 0, 0
	for chunk in _chunks(word_ids_, 1000):
		count, total = frappe.db.sql(
			f"""SELECT count(*), coalesce(sum(size), 0) FROM {_table(POSTING_TABLE)}
			WHERE word_id IN ({", ".join(["%s"] * len(chunk))}) AND field IN ({", ".join(["%s"] * len(fields))})""",
			[*chunk, *fields],
		)[0]
		rows, size = rows + int(count), size + int(total)
	return rows, size


def leads_with_words(word_ids_: list[int], fields: Iterable[int]) -> IdSet:
	"""The leads holding any of these words in any of these fields."""
	result = IdSet()
	if not word_ids_:
		return result
	fields = sorted(set(fields))
	for chunk in _chunks(word_ids_, 1000):
		rows = frappe.db.sql(
			f"""SELECT block, ids FROM {_table(POSTING_TABLE)}
			WHERE word_id IN ({", ".join(["%s"] * len(chunk))}) AND field IN ({", ".join(["%s"] * len(fields))})""",
			[*chunk, *fields],
		)
		for block, blob in rows:
			result.add_block(block, decode_bitmap(blob))
	return result


def _lock_postings(keys: list[tuple[int, int, int]]) -> dict[tuple[int, int, int], list[int]]:
	"""Existing offsets of these (word_id, field, block) rows, locked until the transaction ends."""
	found = {}
	for chunk in _chunks(keys):
		rows = frappe.db.sql(
			f"""SELECT word_id, field, block, ids FROM {_table(POSTING_TABLE)}
			WHERE (word_id, field, block) IN ({_placeholders(len(chunk), 3)}) FOR UPDATE""",
			[v for key in chunk for v in key],
		)
		found.update({(w, f, b): decode_offsets(blob) for w, f, b, blob in rows})
	return found


def _read_postings(keys: list[tuple[int, int, int]]) -> dict[tuple[int, int, int], list[int]]:
	found = {}
	for chunk in _chunks(keys):
		rows = frappe.db.sql(
			f"""SELECT word_id, field, block, ids FROM {_table(POSTING_TABLE)}
			WHERE (word_id, field, block) IN ({_placeholders(len(chunk), 3)})""",
			[v for key in chunk for v in key],
		)
		found.update({(w, f, b): decode_offsets(blob) for w, f, b, blob in rows})
	return found


def _create_empty_postings(keys: list[tuple[int, int, int]]) -> None:
	"""Insert missing rows empty, so that every row to change exists and can be locked."""
	for chunk in _chunks(keys):
		values = [v for key in chunk for v in (*key, 0, encode_offsets(()).hex())]
		insert = f"INSERT INTO {_table(POSTING_TABLE)} (word_id, field, block, size, ids) VALUES {_posting_values(len(chunk))}"
		if frappe.db.db_type == "postgres":
			frappe.db.sql(f"{insert} ON CONFLICT (word_id, field, block) DO NOTHING", values)
		else:
			frappe.db.sql(insert.replace("INSERT", "INSERT IGNORE", 1), values)


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
		values = [v for row in chunk for v in row]
		insert = f"INSERT INTO {_table(POSTING_TABLE)} (word_id, field, block, size, ids) VALUES {_posting_values(len(chunk))}"
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


# --- Keeping it up to date -------------------------------------------------------------------------------


def update_lead(lead_id: int, before: Mapping | None, after: Mapping | None) -> None:
	"""Bring the index from a lead's old values (None: new lead) to its new ones (None: deleted)."""
	_apply_changes(lead_id, _word_keys(before), _word_keys(after))


def _apply_changes(lead_id: int, old: set[tuple[int, str]], new: set[tuple[int, str]]) -> None:
	added, removed = new - old, old - new
	if not added and not removed:
		return
	ids = word_ids({(KIND_OF_FIELD[f], w) for f, w in added | removed}, create=True)
	block, offset = block_of(lead_id), offset_of(lead_id)
	changes = {}
	for field, word in added:
		changes[(ids[(KIND_OF_FIELD[field], word)], field, block)] = True
	for field, word in removed:
		if (KIND_OF_FIELD[field], word) in ids:
			changes[(ids[(KIND_OF_FIELD[field], word)], field, block)] = False
	keys = sorted(changes)  # one lock order for every writer: no deadlocks between saves
	_create_empty_postings([k for k in keys if changes[k]])
	current = _lock_postings(keys)
	updated = {}
	for key in keys:
		offsets = set(current.get(key, ()))
		if changes[key]:
			offsets.add(offset)
		else:
			offsets.discard(offset)
		updated[key] = offsets
	_write_postings(updated)


def _word_keys(lead: Mapping | None) -> set[tuple[int, str]]:
	if not lead:
		return set()
	return {(field, word) for field, found in lead_words(lead).items() for word in found}


def reindex_leads(names: Iterable[int]) -> None:
	"""Re-read these leads and rebuild their index entries (after writes that bypassed the controller).

	A repair path: it reads every posting row of the leads' blocks to find what the index holds.
	"""
	names = sorted({int(n) for n in names})
	if not names:
		return
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
		stored = _stored_words(chunk)
		for name in chunk:
			current = present.get(name)
			_apply_changes(name, stored.get(name, set()), _word_keys(current))


def _stored_words(names: list[int]) -> dict[int, set[tuple[int, str]]]:
	"""{lead: {(field, word)}} as the index has them now (reads the postings of the leads' blocks)."""
	wanted = set(names)
	out: dict[int, set[tuple[int, str]]] = defaultdict(set)
	blocks = sorted({block_of(n) for n in names})
	rows = frappe.db.sql(
		f"""SELECT p.field, p.block, p.ids, w.word FROM {_table(POSTING_TABLE)} p
		JOIN {_table(WORD_TABLE)} w ON w.id = p.word_id
		WHERE p.block IN ({", ".join(["%s"] * len(blocks))})""",
		blocks,
	)
	for field, block, blob, word in rows:
		base = block << 16
		for offset in decode_offsets(blob):
			if base + offset in wanted:
				out[base + offset].add((field, word))
	return out


class BulkIndexWriter:
	"""Indexes many leads at once: collects their words and writes each posting row once per block.

	For loaders that insert leads without their controller. Feed leads in ascending ID order; blocks
	behind the current one are written as soon as the IDs move past them, the rest at `close()`.
	"""

	def __init__(self):
		self.pending: dict[int, dict[tuple[int, str], list[int]]] = defaultdict(lambda: defaultdict(list))
		self.word_cache: dict[tuple[int, str], int] = {}

	def add(self, lead_id: int, lead: Mapping) -> None:
		block, offset = block_of(lead_id), offset_of(lead_id)
		postings = self.pending[block]
		for field, found in lead_words(lead).items():
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
		wanted = {(KIND_OF_FIELD[field], word) for field, word in postings} - self.word_cache.keys()
		if wanted:
			self.word_cache.update(word_ids(wanted, create=True))
		rows = {
			(self.word_cache[(KIND_OF_FIELD[field], word)], field, block): offsets
			for (field, word), offsets in postings.items()
		}
		existing = _read_postings(sorted(rows))
		for key, offsets in existing.items():
			rows[key] = [*offsets, *rows[key]]
		_write_postings(rows)


def rebuild(batch_size: int = 20000) -> int:
	"""Index every lead anew (the backfill patch; also repairs an index that drifted). Returns the count."""
	ensure_tables()
	frappe.db.sql(f"DELETE FROM {_table(POSTING_TABLE)}")
	writer = BulkIndexWriter()
	last, count = 0, 0
	columns = ", ".join(f"`{f}`" for f in ("name", *SOURCE_FIELDS))
	while True:
		rows = frappe.db.sql(
			f"SELECT {columns} FROM `tabXS Lead` WHERE name > %s ORDER BY name LIMIT %s",
			[last, batch_size],
			as_dict=True,
		)
		if not rows:
			break
		for row in rows:
			writer.add(row.name, row)
		last, count = rows[-1].name, count + len(rows)
	writer.close()
	return count
