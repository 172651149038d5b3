"""Install hooks: the app's roles before its DocTypes sync, its default masters after."""

import frappe

from xs_leads.domain.masters import LEAD_SOURCES, NACE_SECTIONS

ROLES = ("XS Sales User", "XS Sales Manager")
GENDERS = ("Male", "Female")


def before_install():
	create_roles()


def after_install():
	create_roles()
	seed_lead_sources()
	seed_industries()
	ensure_genders()


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
