"""A record's activities: appointments (Event), calls (XS Call), tasks (ToDo), notes (XS Note)
and e-mail (Communication), as the activity tabs list them and as a conversion moves them.

Frappe's core DocTypes link to a record in their own ways: an Event through its participants
table (and its own reference fields), a ToDo through reference_type / reference_name, a
Communication through reference_doctype / reference_name and its timeline links. This module
knows them all, so the tabs, the conversion and (later) merging treat them alike.
"""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import strip_html

from xs_leads.domain.activities import email_direction, newest_first

# The records activities may belong to
ACTIVITY_PARENTS = ("XS Lead", "XS Company", "Contact", "XS Opportunity")
# What a conversion moves, in the order the tabs show them
MOVED_DOCTYPES = ("Event", "XS Call", "ToDo", "XS Note", "Communication")
EMAIL_PRIORITY_FIELD = "xs_priority"  # custom field the app adds to Communication (install.py)
SUMMARY_LENGTH = 140


class InvalidActivityReference(frappe.ValidationError):
	pass


def validate_activity_reference(doc) -> None:
	"""An XS Call or XS Note belongs to a lead, company, contact or opportunity its author may read."""
	if doc.reference_doctype not in ACTIVITY_PARENTS:
		frappe.throw(
			_("{0} can only be linked to one of: {1}").format(
				_(doc.doctype), ", ".join(_(d) for d in ACTIVITY_PARENTS)
			),
			InvalidActivityReference,
		)
	if not doc.flags.ignore_permissions:
		frappe.has_permission(doc.reference_doctype, "read", doc.reference_name, throw=True)


# --- listing (what the tabs show) ---------------------------------------------------------------


def list_activities(doctype: str, name: str) -> dict[str, list[dict]]:
	"""Everything the activity tabs show, each kind newest first, each record only if the user may read it.

	The caller checks that the user may read the record itself. E-mail follows Frappe's timeline:
	who may read a record reads the messages linked to it.
	"""
	return {
		"appointments": list_appointments(doctype, name),
		"calls": list_calls(doctype, name),
		"tasks": list_tasks(doctype, name),
		"notes": list_notes(doctype, name),
		"emails": list_emails(doctype, name),
	}


def list_appointments(doctype: str, name: str) -> list[dict]:
	if not frappe.has_permission("Event", "read"):
		return []
	event_names = linked_event_names(doctype, name)
	if not event_names:
		return []
	events = frappe.get_list(
		"Event",
		filters={"name": ("in", event_names)},
		fields=["name", "subject", "starts_on", "ends_on", "status", "event_type", "owner", "modified"],
		order_by="starts_on desc",
	)
	return [
		{
			"doctype": "Event",
			"name": event.name,
			"title": event.subject,
			"date": event.starts_on,
			"ends_on": event.ends_on,
			"status": event.status,
			"event_type": event.event_type,
			"owner": event.owner,
			"modified": event.modified,
		}
		for event in events
	]


def list_calls(doctype: str, name: str) -> list[dict]:
	if not frappe.has_permission("XS Call", "read"):
		return []
	calls = frappe.get_list(
		"XS Call",
		filters={"reference_doctype": doctype, "reference_name": str(name)},
		fields=["name", "direction", "outcome", "call_time", "duration", "caller", "notes", "modified"],
		order_by="call_time desc",
	)
	return [
		{
			"doctype": "XS Call",
			"name": call.name,
			"title": _("{0} call: {1}").format(_(call.direction), _(call.outcome)),
			"date": call.call_time,
			"direction": call.direction,
			"outcome": call.outcome,
			"duration": call.duration,
			"caller": call.caller,
			"notes": call.notes,
			"modified": call.modified,
		}
		for call in calls
	]


def list_tasks(doctype: str, name: str) -> list[dict]:
	if not frappe.has_permission("ToDo", "read"):
		return []
	tasks = frappe.get_list(
		"ToDo",
		filters={"reference_type": doctype, "reference_name": str(name)},
		fields=["name", "description", "status", "priority", "date", "allocated_to", "creation", "modified"],
		order_by="creation desc",
	)
	return [
		{
			"doctype": "ToDo",
			"name": task.name,
			"title": summarise(task.description),
			"date": task.creation,
			"due_date": task.date,
			"status": task.status,
			"priority": task.priority,
			"allocated_to": task.allocated_to,
			"modified": task.modified,
		}
		for task in tasks
	]


def list_notes(doctype: str, name: str) -> list[dict]:
	if not frappe.has_permission("XS Note", "read"):
		return []
	notes = frappe.get_list(
		"XS Note",
		filters={"reference_doctype": doctype, "reference_name": str(name)},
		fields=["name", "title", "content", "owner", "creation", "modified"],
		order_by="creation desc",
	)
	return [
		{
			"doctype": "XS Note",
			"name": note.name,
			"title": note.title,
			"date": note.creation,
			"summary": summarise(note.content),
			"owner": note.owner,
			"modified": note.modified,
		}
		for note in notes
	]


def list_emails(doctype: str, name: str) -> list[dict]:
	names = linked_communication_names(doctype, name)
	if not names:
		return []
	fields = [
		"name",
		"subject",
		"sender",
		"sender_full_name",
		"recipients",
		"communication_date",
		"sent_or_received",
		"delivery_status",
		"has_attachment",
		"modified",
		"modified_by",
	]
	has_priority = frappe.get_meta("Communication").has_field(EMAIL_PRIORITY_FIELD)
	if has_priority:
		fields.append(EMAIL_PRIORITY_FIELD)
	messages = frappe.get_all(
		"Communication",
		filters={"name": ("in", names), "communication_medium": "Email"},
		fields=fields,
		order_by="communication_date desc",
	)
	rows = [
		{
			"doctype": "Communication",
			"name": message.name,
			"title": message.subject,
			"date": message.communication_date,
			"direction": email_direction(message.sent_or_received, message.delivery_status),
			"priority": message.get(EMAIL_PRIORITY_FIELD) if has_priority else None,
			"has_attachment": bool(message.has_attachment),
			"sender": message.sender,
			"sender_full_name": message.sender_full_name,
			"recipients": message.recipients,
			"modified": message.modified,
			"modified_by": message.modified_by,
		}
		for message in messages
	]
	return newest_first(rows)


def summarise(html: str | None) -> str:
	text = " ".join(strip_html(html or "").split())
	return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"


# --- finding links (permission-free: a conversion moves everything) ------------------------------


def linked_event_names(doctype: str, name: str) -> list[str]:
	"""Events with the record among their participants or as their reference."""
	participations = frappe.get_all(
		"Event Participants",
		filters={"parenttype": "Event", "reference_doctype": doctype, "reference_docname": str(name)},
		pluck="parent",
	)
	referencing = frappe.get_all(
		"Event", filters={"reference_doctype": doctype, "reference_docname": str(name)}, pluck="name"
	)
	return sorted(set(participations) | set(referencing))


def linked_communication_names(doctype: str, name: str) -> list[str]:
	"""Communications referencing the record or carrying it among their timeline links."""
	referencing = frappe.get_all(
		"Communication", filters={"reference_doctype": doctype, "reference_name": str(name)}, pluck="name"
	)
	timeline = frappe.get_all(
		"Communication Link",
		filters={"parenttype": "Communication", "link_doctype": doctype, "link_name": str(name)},
		pluck="parent",
	)
	return sorted(set(referencing) | set(timeline))


def _count(doctype: str, filters: dict) -> int:
	table = DocType(doctype)
	query = frappe.qb.from_(table).select(Count("*"))
	for field, value in filters.items():
		query = query.where(table[field] == value)
	return query.run()[0][0]


def count_activities(doctype: str, name: str) -> dict[str, int]:
	"""How many records of each kind belong to the record: what a conversion would move."""
	name = str(name)
	return {
		"Event": len(linked_event_names(doctype, name)),
		"XS Call": _count("XS Call", {"reference_doctype": doctype, "reference_name": name}),
		"ToDo": _count("ToDo", {"reference_type": doctype, "reference_name": name}),
		"XS Note": _count("XS Note", {"reference_doctype": doctype, "reference_name": name}),
		"Communication": len(linked_communication_names(doctype, name)),
	}


def count_attachments_and_comments(doctype: str, name: str) -> dict[str, int]:
	"""Files and user comments on the record: moved too when the record is then deleted."""
	name = str(name)
	return {
		"Comment": _count(
			"Comment", {"reference_doctype": doctype, "reference_name": name, "comment_type": "Comment"}
		),
		"File": _count("File", {"attached_to_doctype": doctype, "attached_to_name": name}),
	}


# --- moving ----------------------------------------------------------------------------------------


def move_activities(
	source: tuple[str, str], target: tuple[str, str], target_title: str | None = None, counts=None
) -> dict[str, int]:
	"""Re-link every activity of `source` (doctype, name) to `target`; returns the count per DocType.

	Rows are updated in place (their `modified` stays: they were re-linked, not edited). `counts`
	(from count_activities) saves counting again; kinds with nothing to move cost no query.
	"""
	(source_doctype, source_name), (target_doctype, target_name) = (
		(source[0], str(source[1])),
		(target[0], str(target[1])),
	)
	counts = counts if counts is not None else count_activities(source_doctype, source_name)
	if counts.get("Event"):
		_update(
			"Event Participants",
			{"parenttype": "Event", "reference_doctype": source_doctype, "reference_docname": source_name},
			{"reference_doctype": target_doctype, "reference_docname": target_name},
		)
		_update(
			"Event",
			{"reference_doctype": source_doctype, "reference_docname": source_name},
			{"reference_doctype": target_doctype, "reference_docname": target_name},
		)
	for doctype in ("XS Call", "XS Note"):
		if counts.get(doctype):
			_update(
				doctype,
				{"reference_doctype": source_doctype, "reference_name": source_name},
				{"reference_doctype": target_doctype, "reference_name": target_name},
			)
	if counts.get("ToDo"):
		_update(
			"ToDo",
			{"reference_type": source_doctype, "reference_name": source_name},
			{"reference_type": target_doctype, "reference_name": target_name},
		)
		refresh_assignments(source_doctype, source_name)
		refresh_assignments(target_doctype, target_name)
	if counts.get("Communication"):
		_update(
			"Communication",
			{"reference_doctype": source_doctype, "reference_name": source_name},
			{"reference_doctype": target_doctype, "reference_name": target_name},
		)
		_update(
			"Communication Link",
			{"parenttype": "Communication", "link_doctype": source_doctype, "link_name": source_name},
			{"link_doctype": target_doctype, "link_name": target_name, "link_title": target_title},
		)
	return {doctype: counts.get(doctype, 0) for doctype in MOVED_DOCTYPES}


def move_attachments_and_comments(
	source: tuple[str, str], target: tuple[str, str], counts=None
) -> dict[str, int]:
	(source_doctype, source_name), (target_doctype, target_name) = (
		(source[0], str(source[1])),
		(target[0], str(target[1])),
	)
	counts = counts if counts is not None else count_attachments_and_comments(source_doctype, source_name)
	if counts.get("Comment"):
		_update(
			"Comment",
			{"reference_doctype": source_doctype, "reference_name": source_name, "comment_type": "Comment"},
			{"reference_doctype": target_doctype, "reference_name": target_name},
		)
	if counts.get("File"):
		_update(
			"File",
			{"attached_to_doctype": source_doctype, "attached_to_name": source_name},
			{"attached_to_doctype": target_doctype, "attached_to_name": target_name},
		)
	return counts


def refresh_assignments(doctype: str, name: str) -> None:
	"""Recompute a record's `_assign` (who its open ToDos are allocated to), as a ToDo's save does."""
	frappe.get_doc(
		{"doctype": "ToDo", "reference_type": doctype, "reference_name": name}
	).update_in_reference()


def _update(doctype: str, filters: dict, values: dict) -> None:
	table = DocType(doctype)
	query = frappe.qb.update(table)
	for field, value in values.items():
		query = query.set(table[field], value)
	for field, value in filters.items():
		query = query.where(table[field] == value)
	query.run()
