"""Deleting many leads in one operation (the list's Actions → Delete): `xs_leads.api.deletion.delete_leads`.

Up to INLINE_LIMIT leads are deleted in the request; more in a background job that shows its progress
and leaves a summary for the user (a Notification Log). Each lead is deleted on its own (a savepoint
each: one that cannot be deleted, for lack of permission or because it is linked, leaves the others
alone) and through `frappe.delete_doc`, which checks the user's delete permission on it.
"""

import json

import frappe
from frappe import _

DOCTYPE = "XS Lead"
INLINE_LIMIT = 200
COMMIT_EVERY = 100


@frappe.whitelist(methods=["POST"])
def delete_leads(names: list | str) -> dict:
	"""Delete these leads. Returns {"deleted", "failed": [{"name", "error"}]} or, for many,
	{"queued": True, "count", "job_id"} while a background job does it."""
	frappe.has_permission(DOCTYPE, "delete", throw=True)
	names = parse_names(names)
	if len(names) <= INLINE_LIMIT:
		return delete_each(names)
	job_id = f"xs_lead_deletion::{frappe.session.user}::{frappe.generate_hash(length=8)}"
	frappe.enqueue(
		"xs_leads.api.deletion.delete_in_background",
		queue="long",
		timeout=3600,
		job_id=job_id,
		enqueue_after_commit=True,
		names=names,
	)
	return {"queued": True, "count": len(names), "job_id": job_id}


def parse_names(names: list | str) -> list[int]:
	if isinstance(names, str):
		try:
			names = json.loads(names)
		except ValueError:
			names = [n for n in names.split(",") if n.strip()]
	if not isinstance(names, list) or not names:
		frappe.throw(_("Choose the leads to delete"))
	try:
		return list(dict.fromkeys(int(n) for n in names))
	except (TypeError, ValueError):
		frappe.throw(_("Lead IDs are numbers: {0}").format(frappe.bold(", ".join(map(str, names[:5])))))


def delete_each(names: list[int], progress_title: str | None = None) -> dict:
	"""Delete each lead under its own savepoint; commit every COMMIT_EVERY in the background."""
	deleted, failed = 0, []
	in_background = progress_title is not None
	for position, name in enumerate(names, 1):
		savepoint = f"xs_lead_delete_{position}"
		frappe.db.savepoint(savepoint)
		try:
			frappe.delete_doc(DOCTYPE, name)
			deleted += 1
		except Exception as error:
			frappe.db.rollback(save_point=savepoint)
			frappe.clear_messages()
			failed.append({"name": name, "error": _error_text(error)})
		if in_background and (position % COMMIT_EVERY == 0 or position == len(names)):
			frappe.db.commit()
			frappe.publish_progress(
				position * 100 / len(names),
				title=progress_title,
				description=_("{0} of {1} leads").format(position, len(names)),
			)
	return {"deleted": deleted, "failed": failed}


def _error_text(error: Exception) -> str:
	if isinstance(error, frappe.PermissionError):
		return _("No permission to delete it")
	if isinstance(error, frappe.LinkExistsError):
		return _("Other records link to it")
	if isinstance(error, frappe.DoesNotExistError):
		return _("It no longer exists")
	return str(error) or error.__class__.__name__


def delete_in_background(names: list[int]) -> dict:
	"""The background job: delete, show progress, and leave a summary for the user who asked."""
	result = delete_each(names, progress_title=_("Deleting leads"))
	subject = _("{0} of {1} leads were deleted").format(result["deleted"], len(names))
	details = "".join(
		f"<li>{frappe.utils.escape_html(str(f['name']))}: {frappe.utils.escape_html(f['error'])}</li>"
		for f in result["failed"][:200]
	)
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": frappe.session.user,
			"type": "Alert",
			"document_type": DOCTYPE,
			"subject": subject,
			"email_content": f"<p>{subject}</p><ul>{details}</ul>" if details else subject,
		}
	).insert(ignore_permissions=True)
	frappe.publish_realtime(
		"msgprint", {"message": subject, "title": _("Deleting leads")}, user=frappe.session.user
	)
	frappe.db.commit()
	return result
