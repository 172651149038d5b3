import re
from typing import NamedTuple

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime, validate_email_address

from xs_leads.domain.normalise import (
	InvalidValue,
	normalise_organisation_number,
	normalise_phone,
	normalise_website,
)
from xs_leads.lead_search import index as search_index

NOT_CONTACTED = "Not Contacted"
PHONE_FIELDS = ("phone", "fax", "direct_phone", "mobile")
NON_NEGATIVE_FIELDS = ("employees", "annual_revenue")
NORMALISED_FIELDS = ("organisation_number", *PHONE_FIELDS, "website", "email", *NON_NEGATIVE_FIELDS)


class XSLead(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		annual_revenue: DF.Currency
		classification: DF.Literal["Not Set", "Hot", "Cold"]
		company_name: DF.Data
		contact_status: DF.Literal["Not Contacted", "Reached", "Unreachable"]
		converted_company: DF.Link | None
		converted_contact: DF.Link | None
		converted_on: DF.Datetime | None
		converted_opportunity: DF.Link | None
		credit_worthy: DF.Check
		deactivated: DF.Check
		direct_phone: DF.Data | None
		email: DF.Data | None
		employees: DF.Int
		fax: DF.Data | None
		first_contact: DF.Datetime | None
		first_name: DF.Data | None
		gender: DF.Link | None
		industry: DF.Link | None
		job_title: DF.Data | None
		last_name: DF.Data | None
		mobile: DF.Data | None
		note: DF.Text | None
		organisation_number: DF.Data | None
		payment_remarks: DF.Check
		phone: DF.Data | None
		responsible: DF.Link | None
		source: DF.Link | None
		subject: DF.Data | None
		website: DF.Data | None
		name: DF.Int | None
	# end: auto-generated types

	def validate(self):
		self.set_name_from_email()
		self.normalise_contact_details()
		self.set_first_contact()

	def set_name_from_email(self):
		"""A lead made from an incoming e-mail (Email Account "Append To") has only the sender's address."""
		if not (self.company_name or "").strip() and self.email:
			self.company_name = self.email.strip()

	def on_update(self):
		search_index.update_lead(self.name, self.get_doc_before_save(), self)

	def on_trash(self):
		search_index.update_lead(self.name, self, None)

	def normalise_contact_details(self):
		"""Organisation number, phones, website, e-mail and figures: the rules the importer applies too."""
		values = {fieldname: self.get(fieldname) for fieldname in NORMALISED_FIELDS}
		problems = normalise_lead_values(values, self.meta.get_label)
		self.update(values)
		if problems:
			problem = problems[0]
			frappe.throw(problem.message, problem.exception, title=problem.title)

	def set_first_contact(self):
		before = self.get_doc_before_save()
		if first_contact_is_due(self.contact_status, self.first_contact, before and before.contact_status):
			self.first_contact = now_datetime()


def first_contact_is_due(contact_status: str, first_contact, status_before: str | None) -> bool:
	"""The first contact is stamped when a lead first leaves "Not Contacted" without one."""
	return (
		contact_status != NOT_CONTACTED
		and not first_contact
		and (not status_before or status_before == NOT_CONTACTED)
	)


# A plain address (dot-separated atoms @ dot-separated host labels) that Frappe's
# `validate_email_address` always accepts; anything else is left to it. The shortcut matters in bulk:
# Frappe's check parses each address with `email.utils` (~45 µs).
_PLAIN_EMAIL = re.compile(
	r"[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
)


def is_valid_email(email: str) -> bool:
	return bool(_PLAIN_EMAIL.fullmatch(email.lower()) or validate_email_address(email))


class LeadProblem(NamedTuple):
	fieldname: str
	message: str
	title: str
	exception: type[Exception]


def normalise_lead_values(values: dict, get_label=None) -> list[LeadProblem]:
	"""Normalise in place the fields of `values` that the XS Lead form normalises, and return the
	problems of those that cannot be, in the messages the form shows.

	The form's `validate()` and the CSV importer both use this, so a lead is held to the same rules
	however it arrives. `values` may hold any subset of the fields; `get_label(fieldname)` gives the
	label to name in messages (XS Lead's meta by default).
	"""
	problems = []

	def label(fieldname: str) -> str:
		return _((get_label or frappe.get_meta("XS Lead").get_label)(fieldname))

	if "organisation_number" in values:
		try:
			values["organisation_number"] = normalise_organisation_number(values["organisation_number"])
		except InvalidValue:
			problems.append(
				LeadProblem(
					"organisation_number",
					_(
						"{0}: {1} is not a valid Norwegian organisation number (9 digits with a check digit)"
					).format(label("organisation_number"), frappe.bold(values["organisation_number"])),
					_("Invalid Organisation Number"),
					frappe.ValidationError,
				)
			)
	for fieldname in PHONE_FIELDS:
		if fieldname in values:
			values[fieldname] = normalise_phone(values[fieldname])
	if "website" in values:
		try:
			values["website"] = normalise_website(values["website"])
		except InvalidValue:
			problems.append(
				LeadProblem(
					"website",
					_("{0}: {1} is not a valid web address").format(
						label("website"), frappe.bold(values["website"])
					),
					_("Invalid Website"),
					frappe.ValidationError,
				)
			)
	if "email" in values:
		values["email"] = (values["email"] or "").strip()
		if values["email"] and not is_valid_email(values["email"]):
			problems.append(
				LeadProblem(
					"email",
					_("{0}: {1} is not a valid e-mail address").format(
						label("email"), frappe.bold(values["email"])
					),
					_("Invalid E-mail"),
					frappe.InvalidEmailAddressError,
				)
			)
	for fieldname in NON_NEGATIVE_FIELDS:
		if (values.get(fieldname) or 0) < 0:
			problems.append(
				LeadProblem(
					fieldname,
					_("{0} cannot be negative").format(label(fieldname)),
					_("Invalid Value"),
					frappe.ValidationError,
				)
			)
	return problems


def on_doctype_update():
	"""Composite indexes for the list's filters, each ending in the default sort (modified).

	Single-column indexes on low-cardinality fields (status, classification, deactivated) make
	MariaDB intersect them and sort ~10% of the table at 1M rows (1.6 s); a composite index whose
	last column is the sort field serves "filter + newest first" directly (0.3 ms).

	Search (xs_leads.lead_search) adds: company name for sorting by it (3.6 s at 1M leads without);
	the phone numbers for finding a number by its first digits; each figure, for the part of a figure
	range that cuts through one of the search index's buckets ("employees = 60"); and the search
	index's own tables.
	"""
	for fields in (
		["contact_status", "classification", "modified"],
		["classification", "modified"],
		["deactivated", "modified"],
		["responsible", "modified"],
		["industry", "modified"],
		["company_name"],
		["converted_on"],
		["employees"],
		["annual_revenue"],
		["phone"],
		["direct_phone"],
		["mobile"],
	):
		frappe.db.add_index("XS Lead", fields)
	# the list's default order; Frappe indexes it on MariaDB, not on PostgreSQL
	for column in ("modified", "creation"):
		if not search_index.has_index_starting_with("tabXS Lead", column):
			frappe.db.add_index("XS Lead", [column], index_name=f"xs_lead_{column}")
	search_index.ensure_tables()
