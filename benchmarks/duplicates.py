"""Duplicate check and full scan on a large base, beside a plain rapidfuzz extractOne, in one run.

    ./dev site xs_leads_bench mariadb 3306 ensure
    ./dev site xs_leads_bench mariadb 3306 run benchmarks/duplicates.py [leads] [companies] [contacts] [scan]

Defaults: 200,000 leads, 50,000 companies, 50,000 contacts, a scan of 100,000 leads. The data is
loaded once and kept (later runs only top up): leads by the demo loader (which indexes them),
companies and contacts in bulk from the same generator (a seed of their own; every 10th company
and contact copies a lead, so candidates come from all three DocTypes), then indexed by the
backfill (`rebuild_index`). Prints:

- the single-record check (`find_duplicates` of 200 random leads): p50 / p95 in ms, beside
  `rapidfuzz.process.extractOne` of the same names over all names of the base (goal: p95 < 50 ms);
- the full scan of the first `scan` leads (goal: 100,000 in < 30 s), beside extractOne for every
  lead extrapolated from the sample above;
- the scan's recall on the generator's planted near-duplicates, at the report's default threshold.
"""

import random
import statistics
import sys
import time

import frappe
from rapidfuzz import fuzz, process

from xs_leads.demo.generator import DEFAULT_SEED, generate_leads
from xs_leads.demo.loader import ensure_demo_leads
from xs_leads.domain.normalise import normalise_phone
from xs_leads.services import duplicate_index, duplicate_scan, duplicate_search
from xs_leads.services.sql import insert_rows

COMPANY_SEED = 4242
CHECKS = 200


def ms(seconds: float) -> str:
	return f"{seconds * 1000:8.1f} ms"


def percentiles(samples: list[float]) -> tuple[float, float]:
	ordered = sorted(samples)
	return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def timed(label: str, fn):
	started = time.perf_counter()
	result = fn()
	print(f"{label}: {time.perf_counter() - started:.1f} s", flush=True)
	return result


# --- Data --------------------------------------------------------------------------------------------


def ensure_companies(count: int) -> int:
	existing = frappe.db.count("XS Company")
	missing = count - existing
	if missing <= 0:
		return 0
	leads = generate_leads(existing + missing, seed=DEFAULT_SEED)
	others = generate_leads(existing + missing, seed=COMPANY_SEED)
	first = frappe.db.get_next_sequence_val("XS Company")
	frappe.db.set_next_sequence_val("XS Company", first + missing, is_val_used=False)
	stamp = frappe.utils.now_datetime()
	rows = []
	used_numbers = set(frappe.db.sql("SELECT organisation_number FROM `tabXS Company`", pluck=True))
	for i, (lead, other) in enumerate(zip(leads, others, strict=True)):
		if i < existing:
			continue
		row = lead if i % 10 == 0 else other  # every 10th company is one of the leads, qualified
		number = (row["organisation_number"] or None) if i % 10 == 0 else None
		number = None if number in used_numbers else number  # unique when set
		used_numbers.add(number)
		rows.append(
			(
				first + i - existing,
				stamp,
				stamp,
				"Administrator",
				"Administrator",
				0,
				0,
				row["company_name"],
				number,
				row["phone"],
				row["website"],
				"Customer",
			)
		)
	columns = ["name", "creation", "modified", "owner", "modified_by", "docstatus", "idx"]
	columns += ["company_name", "organisation_number", "phone", "website", "relation_type"]
	insert_rows("tabXS Company", columns, rows)
	frappe.db.commit()
	return missing


def ensure_contacts(count: int) -> int:
	existing = frappe.db.count("Contact")
	missing = count - existing
	if missing <= 0:
		return 0
	leads = generate_leads(existing + missing, seed=DEFAULT_SEED)
	others = generate_leads(existing + missing, seed=COMPANY_SEED + 1)
	stamp = frappe.utils.now_datetime()
	contacts, emails, phones = [], [], []
	base = ["creation", "modified", "owner", "modified_by", "docstatus", "idx"]
	for i, (lead, other) in enumerate(zip(leads, others, strict=True)):
		if i < existing:
			continue
		row = lead if i % 10 == 0 else other  # every 10th contact is a lead's contact person
		first_name = row["first_name"] or "Ola"
		last_name = row["last_name"] or "Nordmann"
		name = f"{first_name} {last_name} {i}"
		contacts.append(
			(name, stamp, stamp, "Administrator", "Administrator", 0, 0, first_name, last_name,
			 f"{first_name} {last_name}", row["company_name"], row["email"], row["mobile"], "Passive")
		)  # fmt: skip
		if row["email"]:
			emails.append(
				(
					f"{i}-e",
					stamp,
					stamp,
					"Administrator",
					"Administrator",
					0,
					1,
					name,
					"Contact",
					"email_ids",
					row["email"],
					1,
				)
			)
		if row["mobile"]:
			phones.append(
				(
					f"{i}-p",
					stamp,
					stamp,
					"Administrator",
					"Administrator",
					0,
					1,
					name,
					"Contact",
					"phone_nos",
					row["mobile"],
					1,
				)
			)
	child = ["name", *base, "parent", "parenttype", "parentfield"]
	insert_rows(
		"tabContact",
		[
			"name",
			*base,
			"first_name",
			"last_name",
			"full_name",
			"company_name",
			"email_id",
			"mobile_no",
			"status",
		],
		contacts,
	)
	insert_rows("tabContact Email", [*child, "email_id", "is_primary"], emails)
	insert_rows("tabContact Phone", [*child, "phone", "is_primary_mobile_no"], phones)
	frappe.db.commit()
	return missing


# --- Measurements -----------------------------------------------------------------------------------------


def all_names() -> list[str]:
	names = frappe.db.sql("SELECT company_name FROM `tabXS Lead`", pluck=True)
	names += frappe.db.sql("SELECT company_name FROM `tabXS Company`", pluck=True)
	names += frappe.db.sql("SELECT full_name FROM `tabContact`", pluck=True)
	return [n for n in names if n]


def single_checks(sample: list[int]) -> list[float]:
	samples = []
	for name in sample:
		started = time.perf_counter()
		duplicate_search.find_duplicates("XS Lead", name, limit=20)
		samples.append(time.perf_counter() - started)
	return samples


def extract_one(sample_names: list[str], names: list[str]) -> list[float]:
	samples = []
	for query in sample_names:
		started = time.perf_counter()
		process.extractOne(query, names, scorer=fuzz.token_set_ratio)
		samples.append(time.perf_counter() - started)
	return samples


def planted_recall(scan_size: int, pairs: list[dict], threshold: int) -> tuple[float, int]:
	"""Share of the generator's planted near-duplicates among the scanned leads that the scan found."""
	planted: list[tuple[int, int]] = []
	for _row in generate_leads(scan_size, seed=DEFAULT_SEED, planted_duplicates=planted):
		pass
	first = frappe.db.sql("SELECT MIN(name) FROM `tabXS Lead`")[0][0]
	generated = next(generate_leads(1, seed=DEFAULT_SEED))["company_name"]
	assert frappe.db.get_value("XS Lead", first, "company_name") == generated, (
		"leads not from the demo loader"
	)
	found = {(int(p["lead"]), int(p["other_lead"])) for p in pairs if p["score"] >= threshold}
	expected = [tuple(sorted((first + a, first + b))) for a, b in planted]
	return sum(pair in found for pair in expected) / max(len(expected), 1), len(expected)


def main() -> None:
	leads, companies, contacts, scan_size = (
		int(a) for a in [*sys.argv[1:], 200_000, 50_000, 50_000, 100_000][:4]
	)
	print(
		f"database: {frappe.db.db_type}; base: {leads:,} leads, {companies:,} companies, {contacts:,} contacts"
	)
	loaded = timed("demo leads (loader, with their keys)", lambda: ensure_demo_leads(leads))
	print(f"  inserted {loaded['inserted']:,} leads")
	added = timed("companies (bulk)", lambda: ensure_companies(companies))
	added += timed("contacts (bulk)", lambda: ensure_contacts(contacts))
	keys = duplicate_index.quoted(duplicate_index.KEY_TABLE)
	indexed = {
		dt: frappe.db.sql(f"SELECT COUNT(*) FROM {keys} WHERE reference_doctype = %s", dt)[0][0]
		for dt in ("XS Company", "Contact")
	}
	if added or not all(indexed.values()):
		counts = timed(
			"backfill of companies and contacts (rebuild_index)",
			lambda: duplicate_index.rebuild_index(["XS Company", "Contact"]),
		)
		frappe.db.commit()
		print(f"  indexed {counts}")
	print(f"key rows: {frappe.db.sql(f'SELECT COUNT(*) FROM {keys}')[0][0]:,}")
	duplicate_index.clear_token_weights()
	timed("word weights (counted once, then cached)", duplicate_index.token_weights)

	lead_names = frappe.db.sql("SELECT name FROM `tabXS Lead`", pluck=True)
	sample = random.Random(7).sample(lead_names, CHECKS)
	sample_titles = [frappe.db.get_value("XS Lead", n, "company_name") for n in sample]
	names = timed("reference: loading all names for rapidfuzz", all_names)
	single_checks(sample[:10])  # warm caches and connections
	checks = single_checks(sample)
	reference = extract_one(sample_titles, names)
	p50, p95 = percentiles(checks)
	r50, r95 = percentiles(reference)
	print(f"\nsingle-record check, {CHECKS} random leads, over {len(names):,} names:")
	print(f"  find_duplicates          p50 {ms(p50)}  p95 {ms(p95)}   (goal: p95 < 50 ms)")
	print(f"  rapidfuzz extractOne     p50 {ms(r50)}  p95 {ms(r95)}   (reference, token_set_ratio)")
	print(f"  ratio p95 reference / check: {r95 / p95:.1f}x")

	started = time.perf_counter()
	pairs, scanned = duplicate_scan.scan_leads(duplicate_scan.DEFAULT_THRESHOLD, limit=scan_size)
	scan_seconds = time.perf_counter() - started
	reference_scan = statistics.mean(reference) * scanned * len(names[:scanned]) / len(names)
	recall, planted = planted_recall(scanned, pairs, duplicate_scan.DEFAULT_THRESHOLD)
	print(f"\nfull scan of {scanned:,} leads (threshold {duplicate_scan.DEFAULT_THRESHOLD}):")
	print(f"  scan_leads               {scan_seconds:8.1f} s     (goal: < 30 s), {len(pairs):,} pairs")
	print(f"  extractOne for each lead {reference_scan:8.1f} s     (reference, extrapolated from the sample)")
	print(f"  recall on the {planted:,} planted near-duplicates: {recall:.1%}")


if __name__ == "__main__":
	main()
