"""Loading generated demo leads into a site, in bulk (100k–1M rows for benchmarks).

`bench --site S execute xs_leads.demo.loader.ensure_demo_leads --kwargs "{'count': 2000}"`
"""

import datetime
from collections.abc import Iterable
from itertools import islice

import frappe
from frappe import _
from frappe.utils import now_datetime

from xs_leads.demo.generator import DEFAULT_SEED, generate_leads
from xs_leads.lead_search import global_search
from xs_leads.lead_search.index import BulkIndexWriter, analyze_tables
from xs_leads.services.sql import insert_rows

DEMO_SALES_PEOPLE = [
	("ola.nordmann@example.com", "Ola", "Nordmann"),
	("kari.nordmann@example.com", "Kari", "Nordmann"),
	("per.hansen@example.com", "Per", "Hansen"),
]
BATCH_SIZE = 5000
# demo sites up to this size get their leads into the awesome bar's global search (slow beyond)
GLOBAL_SEARCH_UP_TO = 50_000


def ensure_demo_leads(count: int = 2000, seed: int = DEFAULT_SEED) -> dict:
	"""Make the site hold at least `count` leads, generating the missing ones. Idempotent."""
	require_system_manager()
	users = ensure_demo_sales_people()
	existing = frappe.db.count("XS Lead")
	missing = max(count - existing, 0)
	if missing:
		rows = islice(generate_leads(existing + missing, seed=seed, users=users), existing, None)
		insert_leads(rows, missing)
		if existing + missing <= GLOBAL_SEARCH_UP_TO:
			global_search.index_leads()  # the awesome bar finds demo leads too
		frappe.db.commit()
	return {"existing": existing, "inserted": missing, "total": existing + missing}


def require_system_manager() -> None:
	"""`frappe.only_for` returns early while tests run on Frappe v15 (`flags.in_test`): check the
	role directly so that the rule holds in tests too."""
	if "System Manager" not in frappe.get_roles():
		frappe.throw(_("Only a System Manager may do this"), frappe.PermissionError)


def ensure_demo_sales_people() -> list[str]:
	for email, first_name, last_name in DEMO_SALES_PEOPLE:
		if not frappe.db.exists("User", email):
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": first_name,
					"last_name": last_name,
					"send_welcome_email": 0,
				}
			).insert(ignore_permissions=True)
			user.add_roles("XS Sales User")
	return [email for email, *_ in DEMO_SALES_PEOPLE]


def insert_leads(rows: Iterable[dict], count: int, batch_size: int = BATCH_SIZE) -> None:
	"""Insert already valid lead rows with one multi-row statement per batch.

	Bypasses controllers on purpose: the generator produces normalised values, and Document
	inserts run at ~540 rows/s against ~28,000 for executemany. IDs come from a block reserved
	in the autoincrement sequence, which is moved past it so later inserts do not collide.
	The search index and the duplicate-check keys are filled alongside, batch by batch (what the
	controller's on_update and doc events do for one lead).
	"""
	if count <= 0:
		return
	duplicate_keys = DuplicateIndexer()
	first_id = frappe.db.get_next_sequence_val("XS Lead")
	frappe.db.set_next_sequence_val("XS Lead", first_id + count, is_val_used=False)
	user = frappe.session.user
	newest = now_datetime()

	columns = None
	batch = []
	search_index = BulkIndexWriter()
	for offset, row in enumerate(islice(rows, count)):
		if columns is None:
			columns = ["name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", *row]
		# spread creation back in time, a minute apart, so lists sort like real data
		stamp = newest - datetime.timedelta(minutes=count - offset)
		batch.append((first_id + offset, stamp, stamp, user, user, 0, 0, *row.values()))
		search_index.add(first_id + offset, row)
		duplicate_keys.add(first_id + offset, row)
		if len(batch) >= batch_size:
			insert_rows("tabXS Lead", columns, batch)
			duplicate_keys.flush()
			batch = []
	if batch:
		insert_rows("tabXS Lead", columns, batch)
	duplicate_keys.flush()
	duplicate_keys.finish()
	search_index.close()
	if count >= 10_000:
		analyze_tables()


class DuplicateIndexer:
	"""Collects the duplicate-check keys of bulk-inserted leads and inserts them with them."""

	def __init__(self):
		from xs_leads.services import duplicate_index

		self.index = duplicate_index
		self.enabled = duplicate_index.key_table_exists()
		self.source = duplicate_index.SOURCES["XS Lead"]
		self.records = []

	def add(self, name: int, row: dict) -> None:
		if self.enabled:
			self.records.append(self.source.record({**row, "name": name}))

	def flush(self) -> None:
		if self.records:
			self.index.index_records(self.records)
			self.records = []

	def finish(self) -> None:
		if self.enabled:
			self.index.clear_token_weights()


def api_credentials_for(user: str = "Administrator") -> dict:
	"""A fresh API key and secret for `user`, for REST clients (`Authorization: token key:secret`)."""
	require_system_manager()
	from frappe.core.doctype.user.user import generate_keys

	api_secret = generate_keys(user)["api_secret"]
	frappe.db.commit()
	api_key = frappe.db.get_value("User", user, "api_key")
	return {
		"user": user,
		"api_key": api_key,
		"api_secret": api_secret,
		"header": f"token {api_key}:{api_secret}",
	}
