"""Activities of a lead (or company, contact, opportunity) for the form's tabs and REST clients."""

import frappe

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
