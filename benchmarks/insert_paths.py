"""Demo-lead insert speed: the bulk loader against Frappe's Document insert, in one run.

    ./dev site xs_leads_bench mariadb 3306 ensure
    ./dev site xs_leads_bench mariadb 3306 run benchmarks/insert_paths.py [bulk_rows] [document_rows]

Prints rows/s of each path and their ratio. Everything is rolled back at the end.
"""

import sys
import time

import frappe

from xs_leads.demo.generator import generate_leads
from xs_leads.demo.loader import insert_leads


def rows_per_second(count: int, insert) -> float:
	started = time.perf_counter()
	insert(count)
	return count / (time.perf_counter() - started)


def bulk(count: int) -> None:
	insert_leads(generate_leads(count, seed=1), count)


def documents(count: int) -> None:
	for row in generate_leads(count, seed=2):
		frappe.get_doc({"doctype": "XS Lead", **row}).insert()


def main() -> None:
	bulk_rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
	document_rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000
	try:
		reference = rows_per_second(document_rows, documents)
		loader = rows_per_second(bulk_rows, bulk)
	finally:
		frappe.db.rollback()
	print(f"database: {frappe.db.db_type}")
	print(f"Document.insert (reference): {document_rows:>9,} rows {reference:>10,.0f} rows/s")
	print(f"demo loader (executemany):   {bulk_rows:>9,} rows {loader:>10,.0f} rows/s")
	print(f"ratio loader / reference: {loader / reference:.1f}x")


if __name__ == "__main__":
	main()
