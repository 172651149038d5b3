"""Activities of a lead (or company, contact, opportunity) for the form's tabs and REST clients."""

import frappe
from frappe import _

from xs_leads.services.activities import ACTIVITY_PARENTS, list_activities

LEAD = "XS Lead"


@frappe.whitelist()
@frappe.read_only()
def get_activities(lead: str | int) -> dict:
	"""{"appointments", "calls", "tasks", "notes", "emails"}: each a list, newest first."""
	frappe.has_permission(LEAD, "read", lead, throw=True)
	return list_activities(LEAD, str(lead))


@frappe.whitelist()
@frappe.read_only()
def get_record_activities(doctype: str, name: str | int) -> dict:
	"""The same lists for any record activities belong to (the company and opportunity forms)."""
	if doctype not in ACTIVITY_PARENTS:
		frappe.throw(frappe._("Activities are not kept for {0}").format(frappe._(doctype)))
	frappe.has_permission(doctype, "read", name, throw=True)
	return list_activities(doctype, str(name))


@frappe.whitelist()
@frappe.read_only()
def get_email(name: str) -> dict:
	"""One e-mail of a record's E-mail tab, for whoever may read that record.

	Frappe lets only the owner or an Inbox User open a Communication as a document, while the
	record's timeline shows its messages to everyone who may read the record: the tab does the same.
	"""
	mail = frappe.db.get_value(
		"Communication",
		name,
		[
			"name",
			"subject",
			"sender",
			"recipients",
			"cc",
			"communication_date",
			"content",
			"communication_medium",
			"reference_doctype",
			"reference_name",
		],
		as_dict=True,
	)
	if not mail or mail.communication_medium != "Email":
		frappe.throw(_("E-mail {0} not found").format(name), frappe.DoesNotExistError)
	if not frappe.has_permission("Communication", "read", name) and not (
		mail.reference_doctype in ACTIVITY_PARENTS
		and frappe.has_permission(mail.reference_doctype, "read", mail.reference_name)
	):
		frappe.throw(_("Not permitted to read this e-mail"), frappe.PermissionError)
	return {
		"name": mail.name,
		"subject": mail.subject,
		"sender": mail.sender,
		"recipients": mail.recipients,
		"cc": mail.cc,
		"date": mail.communication_date,
		"content": mail.content,
	}
