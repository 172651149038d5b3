"""Converting many leads in one operation ("konvertere/kvalifisere mange ledetråder i én operasjon").

Up to INLINE_LIMIT leads are converted in the request, one by one. More run as a background job
on the "long" queue that reports progress (`frappe.publish_progress`) and writes its summary to an
XS Lead Conversion Log, which people and REST clients read afterwards. The job converts chunks of
leads through the set-based fast path (`services.fast_conversion`) and the leads it leaves one by
one. Every lead converts all-or-nothing: one lead's failure neither undoes nor stops the others.
"""

import json

import frappe
from frappe import _
from frappe.utils import cint, now_datetime, strip_html

from xs_leads.domain.conversion import ConversionOptions
from xs_leads.services.conversion import convert_lead, parse_conversion_options
from xs_leads.services.fast_conversion import convert_chunk

INLINE_LIMIT = 20
LOG = "XS Lead Conversion Log"
CHUNK_SIZE = 200  # leads per fast-path chunk, commit and progress message in the background job


class InvalidLeadList(frappe.ValidationError):
	pass


def convert_leads(leads, options=None) -> dict:
	"""Convert the leads inline (up to INLINE_LIMIT) or queue a background job for them."""
	lead_names = parse_lead_list(leads)
	parsed = parse_conversion_options(options)  # a bad option is the caller's error, not a lead's
	if len(lead_names) <= INLINE_LIMIT:
		return convert_each(lead_names, parsed)
	return queue_bulk_conversion(lead_names, options_as_dict(options), now=bool(frappe.flags.in_test))


def parse_lead_list(leads) -> list:
	if isinstance(leads, str):
		try:
			leads = frappe.parse_json(leads)
		except ValueError:
			leads = [name.strip() for name in leads.split(",")]
	if isinstance(leads, str | int):
		leads = [leads]
	if not isinstance(leads, list | tuple) or not leads:
		frappe.throw(_("Give the leads to convert as a list of lead IDs"), InvalidLeadList)
	names, seen = [], set()
	for lead in leads:
		name = str(lead).strip()
		if name and name not in seen:
			seen.add(name)
			names.append(cint(name) if name.isdigit() else name)
	if not names:
		frappe.throw(_("Give the leads to convert as a list of lead IDs"), InvalidLeadList)
	return names


def options_as_dict(options) -> dict:
	if isinstance(options, str):
		return frappe.parse_json(options) if options.strip() else {}
	return dict(options or {})


def convert_each(lead_names: list, options: ConversionOptions, on_progress=None) -> dict:
	"""{"converted": [{lead, company, contact, opportunity}], "failed": [{lead, reason}]}"""
	converted, failed = [], []
	for done, lead in enumerate(lead_names, 1):
		try:
			result = convert_lead(lead, options)
		except Exception as error:
			failed.append({"lead": lead, "reason": failure_reason(error)})
			if not isinstance(error, frappe.ValidationError):
				frappe.log_error(
					title=_("Lead conversion failed"), reference_doctype="XS Lead", reference_name=lead
				)
		else:
			converted.append(
				{
					"lead": lead,
					"company": result["company"],
					"contact": result["contact"],
					"opportunity": result["opportunity"],
				}
			)
		if on_progress:
			on_progress(done)
	# each failure's message was also queued for the user's screen; the summary carries them instead
	frappe.clear_messages()
	return {"converted": converted, "failed": failed}


def failure_reason(error: Exception) -> str:
	message = strip_html(str(error)).strip()
	if message:
		return message
	if isinstance(error, frappe.DoesNotExistError):
		return _("Lead not found")
	if isinstance(error, frappe.PermissionError):
		return _("Not permitted")
	return _("Unexpected error: {0}").format(type(error).__name__)


# --- background job ---------------------------------------------------------------------------------


def queue_bulk_conversion(lead_names: list, options: dict, now: bool = False) -> dict:
	"""Write a log for the job and queue it (after commit, so the worker finds the log)."""
	log = frappe.get_doc(
		{
			"doctype": LOG,
			"status": "Queued",
			"total_leads": len(lead_names),
			"options": json.dumps(options, default=str),
			"leads": json.dumps(lead_names),
		}
	).insert(ignore_permissions=True)  # the caller's rights are checked lead by lead in the job
	frappe.enqueue(
		"xs_leads.services.bulk_conversion.run_bulk_conversion",
		queue="long",
		timeout=1500 + len(lead_names) // 10,
		job_id=f"xs_lead_conversion::{log.name}",
		enqueue_after_commit=True,
		now=now,
		log=log.name,
	)
	return {"queued": True, "log": log.name, "total": len(lead_names)}


def run_bulk_conversion(log: str | int) -> None:
	"""The background job: convert the log's leads, committing and reporting progress as it goes."""
	log_doc = frappe.get_doc(LOG, log)
	lead_names = json.loads(log_doc.leads)
	total = len(lead_names)
	log_doc.db_set({"status": "Running", "started_on": now_datetime()})
	_commit()
	title = _("Converting leads")

	def on_progress(done: int) -> None:
		_commit()
		frappe.publish_progress(
			done * 100 / total, title=title, description=_("{0} of {1} leads").format(done, total)
		)

	try:
		options = parse_conversion_options(json.loads(log_doc.options or "{}"))
		summary = convert_in_chunks(lead_names, options, on_progress)
	except Exception:
		frappe.db.rollback()
		log_doc.db_set(
			{"status": "Failed", "finished_on": now_datetime(), "error": frappe.get_traceback()[-1000:]}
		)
		_commit()
		raise
	log_doc.db_set(
		{
			"status": "Completed",
			"finished_on": now_datetime(),
			"converted_count": len(summary["converted"]),
			"failed_count": len(summary["failed"]),
			"summary": json.dumps(summary, default=str),
		},
		notify=True,
	)
	_commit()
	frappe.publish_realtime("list_update", {"doctype": "XS Lead"}, doctype="XS Lead")
	frappe.publish_realtime(
		"xs_lead_conversion_done",
		{"log": log_doc.name, "converted": len(summary["converted"]), "failed": len(summary["failed"])},
		user=log_doc.owner,
	)


def convert_in_chunks(lead_names: list, options: ConversionOptions, on_progress=None) -> dict:
	"""Like convert_each, a chunk at a time through the fast path; the summary in the leads' order."""
	position = {str(name): i for i, name in enumerate(lead_names)}
	converted, failed = [], []
	for start in range(0, len(lead_names), CHUNK_SIZE):
		chunk = lead_names[start : start + CHUNK_SIZE]
		fast, leftover = convert_chunk(chunk, options)
		one_by_one = convert_each(leftover, options)
		converted += fast + one_by_one["converted"]
		failed += one_by_one["failed"]
		if on_progress:
			on_progress(start + len(chunk))
	return {
		"converted": sorted(converted, key=lambda row: position[str(row["lead"])]),
		"failed": sorted(failed, key=lambda row: position[str(row["lead"])]),
	}


def _commit() -> None:
	# tests run the job inline inside their own transaction, which they roll back afterwards
	if not frappe.flags.in_test:
		frappe.db.commit()
