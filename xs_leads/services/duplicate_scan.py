"""The full-base duplicate scan: candidate pairs among all leads (report "XS Lead Duplicates").

`scan_leads` loads the leads the user may read, normalises them and finds the pairs scoring at
least the threshold (`xs_leads.domain.duplicates.duplicate_pairs`, which compares only leads
sharing a key). Small bases are scanned inside the report's request; larger ones by a background
job (`start_scan` → `run_scan`) that shows a progress bar and stores its pairs in an XS Lead
Duplicate Scan record, which the report then shows and REST clients can read.
"""

import frappe
from frappe import _
from frappe.utils import cint, now_datetime

from xs_leads.domain.duplicates import Reason, duplicate_pairs, prepare
from xs_leads.services.duplicate_index import load_records, token_weights
from xs_leads.services.sql import insert_rows

SCAN_DOCTYPE = "XS Lead Duplicate Scan"
PAIR_DOCTYPE = "XS Lead Duplicate Scan Pair"
DEFAULT_THRESHOLD = 85
MIN_THRESHOLD = 50
INLINE_LIMIT = 5000  # leads the report scans within its own request


def valid_threshold(threshold) -> int:
	threshold = cint(threshold) or DEFAULT_THRESHOLD
	if not MIN_THRESHOLD <= threshold <= 100:
		frappe.throw(
			_("The score threshold must be between {0} and 100").format(MIN_THRESHOLD),
			title=_("Invalid Value"),
		)
	return threshold


def encode_reasons(reasons: tuple[Reason, ...]) -> str:
	"""Reasons stored language-neutral ("organisation_number;name:93"), translated when shown."""
	return ";".join(f"{r.kind}:{r.similarity}" if r.kind in ("name", "person") else r.kind for r in reasons)


def decode_reasons(text: str | None) -> list[Reason]:
	reasons = []
	for part in (text or "").split(";"):
		if part:
			kind, _sep, similarity = part.partition(":")
			reasons.append(Reason(kind, cint(similarity) if similarity else 100))
	return reasons


def scan_leads(threshold: int, progress=None, limit: int | None = None) -> tuple[list[dict], int]:
	"""([{lead, other_lead, score, reasons}] best first, leads scanned) over the leads the user may
	read (the first `limit` of them by ID, when given)."""
	report = progress or (lambda percent, description: None)
	report(1, _("Loading leads"))
	records = [prepare(record) for record in load_records("XS Lead", permitted=True, limit=limit)]
	total = len(records)
	report(10, _("Comparing {0} leads").format(total))

	def on_progress(done: int) -> None:
		report(10 + 85 * done // max(total, 1), _("Compared {0} of {1} leads").format(done, total))

	pairs = [
		{
			"lead": records[i].record.name,
			"other_lead": records[j].record.name,
			"score": value,
			"reasons": encode_reasons(reasons),
		}
		for i, j, value, reasons in duplicate_pairs(records, token_weights(), threshold, progress=on_progress)
	]
	pairs.sort(key=lambda p: (-p["score"], int(p["lead"]), int(p["other_lead"])))
	return pairs, total


def start_scan(threshold: int) -> dict:
	"""Queue a scan of all leads; the caller has checked the user may run one."""
	threshold = valid_threshold(threshold)
	scan = frappe.get_doc({"doctype": SCAN_DOCTYPE, "status": "Queued", "threshold": threshold}).insert()
	frappe.enqueue(
		"xs_leads.services.duplicate_scan.run_scan",
		queue="long",
		timeout=3600,
		job_id=f"xs_lead_duplicate_scan::{scan.name}",
		deduplicate=True,
		enqueue_after_commit=True,
		scan=scan.name,
	)
	return {"scan": scan.name, "status": scan.status}


def run_scan(scan: int) -> None:
	"""The background job: scan, store the pairs, tell the user's Desk (progress bar, then done)."""
	doc = frappe.get_doc(SCAN_DOCTYPE, scan)
	doc.db_set({"status": "Running", "started_on": now_datetime()}, commit=True)
	title = _("Scanning leads for duplicates")

	def progress(percent: int, description: str) -> None:
		frappe.publish_progress(percent, title=title, description=description)

	try:
		pairs, scanned = scan_leads(doc.threshold, progress)
		progress(97, _("Saving {0} pairs").format(len(pairs)))
		store_pairs(doc, pairs)
		doc.db_set(
			{
				"status": "Completed",
				"leads_scanned": scanned,
				"pairs_found": len(pairs),
				"finished_on": now_datetime(),
			}
		)
		frappe.db.commit()
		progress(100, _("Found {0} pairs among {1} leads").format(len(pairs), scanned))
	except Exception:
		frappe.db.rollback()
		frappe.log_error(title=f"XS Lead Duplicate Scan {scan} failed")
		doc.db_set(
			{"status": "Failed", "error": frappe.get_traceback()[-1000:], "finished_on": now_datetime()},
			commit=True,
		)
	frappe.publish_realtime(
		"xs_lead_duplicate_scan", {"scan": doc.name, "status": doc.status}, user=doc.owner, after_commit=True
	)


def store_pairs(scan, pairs: list[dict]) -> None:
	"""The pairs as child rows of the scan, in bulk (tens of thousands on a large base)."""
	stamp = now_datetime()
	user = frappe.session.user
	columns = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
		"idx",
		"parent",
		"parenttype",
		"parentfield",
		"lead",
		"other_lead",
		"score",
		"reasons",
	]
	rows = (
		(
			f"{scan.name}-{idx}",
			stamp,
			stamp,
			user,
			user,
			0,
			idx,
			str(scan.name),
			SCAN_DOCTYPE,
			"pairs",
			str(pair["lead"]),
			str(pair["other_lead"]),
			pair["score"],
			pair["reasons"],
		)
		for idx, pair in enumerate(pairs, 1)
	)
	insert_rows(f"tab{PAIR_DOCTYPE}", columns, rows)


def latest_scan(threshold: int):
	"""The newest completed scan whose pairs include those at `threshold` (its own was at most that)."""
	scans = frappe.get_list(
		SCAN_DOCTYPE,
		filters={"status": "Completed", "threshold": ("<=", threshold)},
		fields=["name", "threshold", "finished_on", "leads_scanned"],
		order_by="finished_on desc",
		limit_page_length=1,
	)
	return scans[0] if scans else None


def stored_pairs(scan: int, threshold: int) -> list[dict]:
	return frappe.get_all(
		PAIR_DOCTYPE,
		filters={"parent": str(scan), "parenttype": SCAN_DOCTYPE, "score": (">=", threshold)},
		fields=["lead", "other_lead", "score", "reasons"],
		order_by="idx asc",
		limit_page_length=0,
	)
