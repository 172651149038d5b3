"""Bulk conversion speed: leads with two activities each, converted to company + contact person
and deactivated by the background job's code, beside Frappe's per-lead Document.insert in the same run.

    ./dev site xs_leads_bench mariadb 3306 ensure
    ./dev site xs_leads_bench mariadb 3306 run benchmarks/bulk_conversion.py [leads] [reference_rows]

Goal: 10,000 leads in under 2 minutes. Prints leads/s, the time for all of them, and the peak
memory (resident set) of the process while converting. The job commits as it goes (as in a
worker); everything the run made is removed at the end.
"""

import sys
import threading
import time

import frappe

from xs_leads.demo.activity_loader import bulk_insert
from xs_leads.demo.generator import generate_leads
from xs_leads.demo.loader import insert_leads
from xs_leads.services.bulk_conversion import run_bulk_conversion

GOAL_LEADS, GOAL_SECONDS = 10_000, 120
OPTIONS = {"create_company": 1, "create_contact": 1, "lead_action": "Deactivate"}


class PeakMemory:
	"""Samples the process's resident set size (Linux /proc) while a block runs."""

	def __init__(self, interval: float = 0.05):
		self.interval, self.peak, self._stop = interval, 0, threading.Event()

	@staticmethod
	def rss() -> int:
		with open("/proc/self/statm") as f:
			return int(f.read().split()[1]) * 4096

	def __enter__(self):
		self.start = self.peak = self.rss()
		self._thread = threading.Thread(target=self._sample, daemon=True)
		self._thread.start()
		return self

	def _sample(self):
		while not self._stop.wait(self.interval):
			self.peak = max(self.peak, self.rss())

	def __exit__(self, *exc):
		self._stop.set()
		self._thread.join()
		self.peak = max(self.peak, self.rss())


def reference_inserts(count: int) -> float:
	"""Frappe's own path, one lead Document at a time: rows/s (rolled back)."""
	started = time.perf_counter()
	for row in generate_leads(count, seed=2):
		frappe.get_doc({"doctype": "XS Lead", **row}).insert()
	rate = count / (time.perf_counter() - started)
	frappe.db.rollback()
	return rate


def prepare_leads(count: int) -> list[int]:
	"""Leads that name a contact person, each with a call and a note (bulk inserted, committed)."""
	first = frappe.db.get_next_sequence_val("XS Lead")
	frappe.db.set_next_sequence_val("XS Lead", first, is_val_used=False)
	rows = []
	for i, row in enumerate(generate_leads(count, seed=77)):
		row["first_name"] = row.get("first_name") or "Kari"
		row["last_name"] = row.get("last_name") or f"Nordmann {i}"
		row["deactivated"] = 0
		rows.append(row)
	insert_leads(iter(rows), count)
	names = frappe.get_all("XS Lead", filters={"name": (">=", first)}, pluck="name", order_by="name asc")
	activities = [{"reference_doctype": "XS Lead", "reference_name": str(name)} for name in names]
	bulk_insert(
		"XS Call",
		[{**a, "outcome": "No Answer", "direction": "Outgoing"} for a in activities],
		autoincrement=True,
	)
	bulk_insert(
		"XS Note",
		[{**a, "title": "Notat", "content": "<p>Ring igjen</p>"} for a in activities],
		autoincrement=True,
	)
	frappe.db.commit()
	return names


def remove(names: list[int], log) -> None:
	"""Delete what the run made: leads, their companies and contacts, the activities, the log."""
	frappe.db.rollback()
	companies = frappe.get_all(
		"XS Lead", filters={"name": ("in", names)}, pluck="converted_company", limit=len(names)
	)
	contacts = frappe.get_all(
		"XS Lead", filters={"name": ("in", names)}, pluck="converted_contact", limit=len(names)
	)
	references = [str(n) for n in [*names, *filter(None, companies)]]
	for start in range(0, len(references), 1000):
		chunk = references[start : start + 1000]
		for doctype in ("XS Call", "XS Note"):
			frappe.db.delete(doctype, {"reference_name": ("in", chunk)})
	contacts = [c for c in contacts if c]
	for start in range(0, len(contacts), 1000):
		chunk = contacts[start : start + 1000]
		for child in ("Contact Email", "Contact Phone", "Dynamic Link"):
			frappe.db.delete(child, {"parenttype": "Contact", "parent": ("in", chunk)})
		frappe.db.delete("Contact", {"name": ("in", chunk)})
	for start in range(0, len(names), 1000):
		frappe.db.delete("XS Company", {"lead": ("in", [str(n) for n in names[start : start + 1000]])})
		frappe.db.delete("XS Lead", {"name": ("in", names[start : start + 1000])})
	frappe.db.delete("XS Lead Conversion Log", {"name": log})
	frappe.db.commit()


def main() -> None:
	count = int(sys.argv[1]) if len(sys.argv) > 1 else GOAL_LEADS
	reference_rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000
	frappe.flags.mute_emails = True

	reference = reference_inserts(reference_rows)
	names = prepare_leads(count)
	log = frappe.get_doc(
		{
			"doctype": "XS Lead Conversion Log",
			"status": "Queued",
			"total_leads": len(names),
			"options": frappe.as_json(OPTIONS),
			"leads": frappe.as_json(names),
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	try:
		with PeakMemory() as memory:
			started = time.perf_counter()
			run_bulk_conversion(log.name)
			elapsed = time.perf_counter() - started
		log.reload()
		rate = count / elapsed
		print(f"database: {frappe.db.db_type}")
		print(
			f"Document.insert of one lead (reference): {reference_rows:>7,} rows  {reference:>8,.0f} rows/s"
		)
		print(
			f"bulk conversion (company + contact, deactivate, 2 activities each): {count:>7,} leads "
			f"{rate:>8,.0f} leads/s  {elapsed:>7.1f} s"
		)
		print(f"  converted {log.converted_count:,}, failed {log.failed_count:,}")
		print(
			f"  peak memory while converting: {memory.peak / 2**20:,.0f} MiB "
			f"(+{(memory.peak - memory.start) / 2**20:,.0f} MiB over {memory.start / 2**20:,.0f} MiB before)"
		)
		print(f"  one conversion costs {reference / rate:.1f} lead inserts of the reference")
		at_goal = GOAL_LEADS / rate
		verdict = "meets" if at_goal < GOAL_SECONDS else "misses"
		print(
			f"  at this rate {GOAL_LEADS:,} leads take {at_goal:.0f} s: {verdict} the goal of {GOAL_SECONDS} s"
		)
	finally:
		remove(names, log.name)


if __name__ == "__main__":
	main()
