"""Lead import and export speed: our semicolon CSV importer against Frappe's Data Import, in one run.

    ./dev site xs_leads_bench mariadb 3306 ensure
    ./dev site xs_leads_bench mariadb 3306 run benchmarks/import_export.py [rows] [data_import_rows]

1. Generates `rows` (default 100,000) demo leads as the semicolon CSV a user would import (the
   export's columns, Norwegian number and date forms, no IDs).
2. Times our import creating them all, then our import with "update existing" of an edited export
   of the same leads (every row's subject changed, so every row is updated and versioned), then
   the create again from a file whose phones are typed the Norwegian way ("22 33 44 55"), which
   the E.164 shortcut does not cover.
3. Times Frappe's own Data Import (its Importer, as its background job runs it) on the first
   `data_import_rows` (default 5,000) rows as a comma CSV with Frappe's own template headers.
4. Times the CSV and Excel exports of the imported leads and samples the process's resident memory
   while they run, at a tenth of the rows and at all of them: memory should not grow with the rows.

Prints rows/s and ratios. The leads, versions and Data Import records it made are deleted at the end.
"""

import csv
import io
import sys
import threading
import time

import frappe
import psutil

from xs_leads.demo.generator import generate_leads
from xs_leads.domain import semicolon_csv
from xs_leads.lead_io import exporter
from xs_leads.lead_io.columns import cell_text, lead_columns
from xs_leads.lead_io.importer import ImportOptions, LeadImport

SEED = 2026


class PeakMemory:
	"""The process's peak resident memory while a block runs (sampled every 20 ms), in MiB."""

	def __enter__(self):
		self.process = psutil.Process()
		self.start = self.peak = self.process.memory_info().rss
		self.running = True
		self.thread = threading.Thread(target=self._sample, daemon=True)
		self.thread.start()
		return self

	def _sample(self):
		while self.running:
			self.peak = max(self.peak, self.process.memory_info().rss)
			time.sleep(0.02)

	def __exit__(self, *exc):
		self.running = False
		self.thread.join()
		self.peak = max(self.peak, self.process.memory_info().rss)

	@property
	def growth_mib(self) -> float:
		return (self.peak - self.start) / 2**20


PHONE_FIELDS = ("phone", "fax", "direct_phone", "mobile")


def import_file(rows: int, national_phones: bool = False) -> bytes:
	"""The CSV a user would import; `national_phones` writes "22 33 44 55" instead of "+4722334455"
	(as typed in a spreadsheet: every number then goes through phonenumbers' full parse)."""
	columns = lead_columns()
	lines = [[c.title for c in columns]]
	for lead in generate_leads(rows, seed=SEED):
		if national_phones:
			for field in PHONE_FIELDS:
				number = lead.get(field) or ""
				if number.startswith("+47"):
					digits = number[3:]
					lead[field] = " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))
		lines.append([semicolon_csv.neutralise_formula(cell_text(c, lead.get(c.fieldname))) for c in columns])
	return semicolon_csv.to_text(lines).encode("utf-8")


def edited_export(names: list[int]) -> bytes:
	"""Our CSV export of the leads, with every subject changed as a user would in a spreadsheet."""
	content = exporter.write_csv(
		[["name", "in", names]] if len(names) < 1000 else [["name", ">=", min(names)]]
	)
	rows = list(semicolon_csv.read_rows(semicolon_csv.decode(content)[0]))
	header = rows[0][1]
	subject = header.index(frappe._("Subject"))
	edited = [header]
	for _line, cells in rows[1:]:
		cells[subject] = (cells[subject] + " (oppdatert)").strip()
		edited.append(cells)
	return semicolon_csv.to_text(edited).encode("utf-8")


def timed(action) -> tuple[float, object]:
	started = time.perf_counter()
	result = action()
	return time.perf_counter() - started, result


def our_import(content: bytes, options: ImportOptions):
	return LeadImport(content, options).run(commit=True)


def frappe_data_import(rows: int) -> float:
	"""Frappe's Data Import of the first `rows` rows, from a comma CSV with its template's headers."""
	from frappe.core.doctype.data_import.importer import Importer

	meta = frappe.get_meta("XS Lead")
	columns = lead_columns()[1:]
	header = [meta.get_label(c.fieldname) for c in columns]
	generated = list(generate_leads(rows, seed=SEED))
	out = io.StringIO()
	writer = csv.writer(out)
	writer.writerow(header)
	for lead in generated:  # plain values in the forms Frappe's importer reads (ISO dates, dots)
		writer.writerow(["" if lead.get(c.fieldname) is None else lead.get(c.fieldname) for c in columns])
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "bench-data-import.csv",
			"content": out.getvalue().encode(),
			"is_private": 1,
		}
	).insert(ignore_permissions=True)
	data_import = frappe.get_doc(
		{
			"doctype": "Data Import",
			"reference_doctype": "XS Lead",
			"import_type": "Insert New Records",
			"import_file": file.file_url,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	started = time.perf_counter()
	Importer("XS Lead", data_import=data_import).import_data()
	elapsed = time.perf_counter() - started
	data_import.reload()
	imported = frappe.db.count("Data Import Log", {"data_import": data_import.name, "success": 1})
	if imported != rows:
		print(f"  (Frappe Data Import imported {imported} of {rows} rows; status {data_import.status})")
	return elapsed


def export_timed(file_format: str, first: int, count: int) -> tuple[float, float, int]:
	filters = [["name", ">=", first], ["name", "<", first + count]]
	with PeakMemory() as memory:
		elapsed, content = timed(lambda: exporter.export_file(file_format, filters)[1])
	return elapsed, memory.growth_mib, len(content)


def main() -> None:
	rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
	data_import_rows = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000
	frappe.set_user("Administrator")
	before = frappe.db.sql("select coalesce(max(name), 0) from `tabXS Lead`")[0][0]
	print(f"database: {frappe.db.db_type}, leads already on the site: {frappe.db.count('XS Lead'):,}")
	print(f"generating {rows:,} leads as a semicolon CSV...", flush=True)
	content = import_file(rows)
	print(f"  {len(content) / 2**20:.1f} MiB", flush=True)
	try:
		create_s, created = timed(lambda: our_import(content, ImportOptions()))
		assert created.counts["created"] == rows, created.counts
		names = [n for (n,) in frappe.db.sql("select name from `tabXS Lead` where name > %s", before)]
		first = min(names)

		edited = edited_export(names)
		update_s, updated = timed(lambda: our_import(edited, ImportOptions(update_existing=True)))
		assert updated.counts["updated"] == rows, updated.counts

		national = import_file(rows, national_phones=True)
		national_s, national_result = timed(lambda: our_import(national, ImportOptions()))
		assert national_result.counts["created"] == rows, national_result.counts

		exports = {}
		for file_format in ("csv", "xlsx"):
			for count in (rows // 10, rows):
				exports[file_format, count] = export_timed(file_format, first, count)

		frappe_s = frappe_data_import(data_import_rows)
	finally:
		frappe.db.rollback()
		clean_up(before)

	reference = data_import_rows / frappe_s
	print()
	print(f"{'':44} {'rows':>9} {'seconds':>8} {'rows/s':>9} {'vs Data Import':>15}")
	print(
		f"{'Frappe Data Import (reference)':44} {data_import_rows:>9,} {frappe_s:>8.1f} {reference:>9,.0f} {'1.0x':>15}"
	)
	for label, seconds in (
		("our import, create", create_s),
		("our import, update every row", update_s),
		("our import, create, phones as '22 33 44 55'", national_s),
	):
		speed = rows / seconds
		print(f"{label:44} {rows:>9,} {seconds:>8.1f} {speed:>9,.0f} {speed / reference:>14.1f}x")
	print("goal: 20x Frappe Data Import, 100,000 rows under 15 s")
	print()
	print(
		f"{'export':10} {'rows':>9} {'seconds':>8} {'rows/s':>9} {'file MiB':>9} {'peak memory growth MiB':>23}"
	)
	for (file_format, count), (seconds, memory, size) in exports.items():
		print(
			f"{file_format:10} {count:>9,} {seconds:>8.1f} {count / seconds:>9,.0f} {size / 2**20:>9.1f} {memory:>23.1f}"
		)
	print("goals: CSV under 10 s and Excel under 60 s for 100,000 rows, memory flat as rows grow")
	print("(memory growth includes the finished file, which the response holds as bytes)")


def clean_up(before: int) -> None:
	names = [str(n) for (n,) in frappe.db.sql("select name from `tabXS Lead` where name > %s", before)]
	frappe.db.sql("delete from `tabXS Lead` where name > %s", before)
	for start in range(0, len(names), 10_000):
		frappe.db.sql(
			"delete from `tabVersion` where ref_doctype = 'XS Lead' and docname in %(names)s",
			{"names": tuple(names[start : start + 10_000])},
		)
	for data_import in frappe.get_all("Data Import", filters={"reference_doctype": "XS Lead"}, pluck="name"):
		frappe.delete_doc("Data Import", data_import, force=True, ignore_permissions=True)
	frappe.db.commit()


if __name__ == "__main__":
	main()
