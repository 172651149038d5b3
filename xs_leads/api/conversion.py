"""Converting leads into company, contact person and sales opportunity (public contract).

`options` (a dict, or JSON over REST; every key optional): create_company (1), company_type
("Customer"), company_category, create_contact (1 when the lead names a contact person),
create_opportunity (0), opportunity_title, opportunity_value, opportunity_close_date,
lead_action ("Deactivate"; or "Keep", "Delete").
"""

import frappe

from xs_leads.services import bulk_conversion, conversion


@frappe.whitelist()
@frappe.read_only()
def preview_conversion(lead: str | int, options: dict | str | None = None) -> dict:
	"""What convert_lead would do with these options (null for records not yet created); writes nothing."""
	frappe.has_permission("XS Lead", "read", lead, throw=True)
	return conversion.preview_conversion(lead, options)


@frappe.whitelist(methods=["POST"])
def convert_lead(lead: str | int, options: dict | str | None = None) -> dict:
	"""{company, company_created, contact, contact_created, opportunity, moved, lead_action}"""
	frappe.has_permission("XS Lead", "write", lead, throw=True)
	return conversion.convert_lead(lead, options)


@frappe.whitelist(methods=["POST"])
def convert_leads(leads: list | str, options: dict | str | None = None) -> dict:
	"""Up to 20 leads: {"converted": [...], "failed": [...]}; more: {"queued", "log", "total"}."""
	frappe.has_permission("XS Lead", "write", throw=True)
	return bulk_conversion.convert_leads(leads, options)
