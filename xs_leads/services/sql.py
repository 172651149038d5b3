"""Raw SQL the ORM has no fast path for: multi-row inserts (executemany), on MariaDB and PostgreSQL."""

from collections.abc import Iterable

import frappe

BATCH_SIZE = 5000


def quoted(identifier: str) -> str:
	return f'"{identifier}"' if frappe.db.db_type == "postgres" else f"`{identifier}`"


def insert_rows(table: str, columns: list[str], rows: Iterable[tuple], batch_size: int = BATCH_SIZE) -> int:
	"""Insert `rows` into `table` (its real name) with one executemany per batch; returns how many.

	~28,000 rows/s against ~5,600 for `frappe.db.bulk_insert` (performance-facts.md).
	"""
	names = ", ".join(quoted(c) for c in columns)
	statement = f"INSERT INTO {quoted(table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
	count = 0
	batch = []
	for row in rows:
		batch.append(row)
		if len(batch) >= batch_size:
			count += _execute_many(statement, batch)
			batch = []
	if batch:
		count += _execute_many(statement, batch)
	return count


def _execute_many(statement: str, batch: list[tuple]) -> int:
	frappe.db.sql("SELECT 1")  # makes sure the connection and its cursor are open
	frappe.db._cursor.executemany(statement, batch)
	return len(batch)
