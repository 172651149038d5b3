"""Install hooks: the app's roles before its DocTypes sync; its default masters, its rights on
Frappe's Contact and its custom field on Communication after."""

import json

import frappe

from xs_leads.domain.masters import LEAD_SOURCES, NACE_SECTIONS

ROLES = ("XS Sales User", "XS Sales Manager")
GENDERS = ("Male", "Female")
# Conversion makes contact persons: the app's roles work with Frappe's Contact as with their own DocTypes
CONTACT_RIGHTS = {
	"XS Sales User": ("read", "write", "create", "report", "email", "print", "share", "export"),
	"XS Sales Manager": ("read", "write", "create", "delete", "report", "email", "print", "share", "export"),
}
# The e-mail tab shows a message's priority (the seed's "!" column); Frappe's Communication has none
COMMUNICATION_FIELDS = {
	"Communication": [
		{
			"fieldname": "xs_priority",
			"label": "Priority",
			"fieldtype": "Select",
			"options": "\nHigh\nMedium\nLow",
			"insert_after": "status",
		}
	]
}
# the seed's list after the company name: star, phone, subject, industry, responsible, register links
LIST_VIEW_COLUMNS = (
	"classification",
	"contact_status",
	"subject",
	"industry",
	"responsible",
	"organisation_number",
)


def before_install():
	create_roles()


def after_install():
	create_roles()
	seed_lead_sources()
	seed_industries()
	ensure_genders()
	ensure_list_view_settings()
	setup_conversion_targets()
	ensure_in_global_search()
	build_duplicate_index()


def setup_conversion_targets():
	grant_contact_rights()
	create_communication_fields()


def before_uninstall():
	from xs_leads.services.duplicate_index import drop_key_table

	drop_key_table()


def build_duplicate_index():
	"""The duplicate-check index, with the keys of contacts the site already has."""
	from xs_leads.services.duplicate_index import rebuild_index

	rebuild_index()  # creates the table first


def create_roles():
	for role in ROLES:
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": 1}).insert(
				ignore_permissions=True
			)


def seed_lead_sources():
	for source in LEAD_SOURCES:
		if not frappe.db.exists("XS Lead Source", source):
			frappe.get_doc({"doctype": "XS Lead Source", "source_name": source}).insert(
				ignore_permissions=True
			)


def seed_industries():
	for code, industry in NACE_SECTIONS:
		if not frappe.db.exists("XS Industry", industry):
			frappe.get_doc({"doctype": "XS Industry", "industry_name": industry, "nace_code": code}).insert(
				ignore_permissions=True
			)


def ensure_genders():
	"""Frappe creates its Gender records in the setup wizard; a site without one has none."""
	for gender in GENDERS:
		if not frappe.db.exists("Gender", gender):
			frappe.get_doc({"doctype": "Gender", "gender": gender}).insert(ignore_permissions=True)


def grant_contact_rights():
	from frappe.permissions import add_permission, update_permission_property

	for role, rights in CONTACT_RIGHTS.items():
		if not frappe.db.exists("Custom DocPerm", {"parent": "Contact", "role": role, "permlevel": 0}):
			add_permission("Contact", role, 0)
		for right in rights:
			update_permission_property("Contact", role, 0, right, 1, validate=False)


def create_communication_fields():
	from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

	create_custom_fields(COMMUNICATION_FIELDS, update=True)


def ensure_list_view_settings():
	"""The list's columns in the seed's order, all shown from 1280 px on.

	Frappe v15 shows 4 columns up to 1366 px and 6 up to 1920 px unless List View Settings say
	otherwise, and the icon columns would be cut off. An admin's own settings are kept.
	"""
	if frappe.db.exists("List View Settings", "XS Lead"):
		return
	meta = frappe.get_meta("XS Lead")
	settings = frappe.new_doc("List View Settings")
	settings.name = "XS Lead"
	settings.fields = json.dumps(
		[{"fieldname": f, "label": meta.get_label(f)} for f in ("company_name", *LIST_VIEW_COLUMNS)]
	)
	if frappe.get_meta("List View Settings").has_field("total_fields"):  # v15; v16 shows them all
		settings.total_fields = str(2 + len(LIST_VIEW_COLUMNS))  # with the title and tag columns
	settings.insert(ignore_permissions=True)


def ensure_in_global_search():
	"""XS Lead among the awesome bar's global search documents, keeping what an admin set up."""
	settings = frappe.get_single("Global Search Settings")
	if any(row.document_type == "XS Lead" for row in settings.allowed_in_global_search):
		return
	settings.append("allowed_in_global_search", {"document_type": "XS Lead"})
	settings.save(ignore_permissions=True)
