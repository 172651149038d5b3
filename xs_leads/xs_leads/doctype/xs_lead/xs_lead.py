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

NOT_CONTACTED = "Not Contacted"
PHONE_FIELDS = ("phone", "fax", "direct_phone", "mobile")
NON_NEGATIVE_FIELDS = ("employees", "annual_revenue")


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
		self.normalise_organisation_number()
		self.normalise_phone_numbers()
		self.normalise_website()
		self.validate_email()
		self.validate_non_negative_figures()
		self.set_first_contact()

	def set_name_from_email(self):
		"""A lead made from an incoming e-mail (Email Account "Append To") has only the sender's address."""
		if not (self.company_name or "").strip() and self.email:
			self.company_name = self.email.strip()

	def normalise_organisation_number(self):
		try:
			self.organisation_number = normalise_organisation_number(self.organisation_number)
		except InvalidValue:
			frappe.throw(
				_(
					"{0}: {1} is not a valid Norwegian organisation number (9 digits with a check digit)"
				).format(
					_(self.meta.get_label("organisation_number")), frappe.bold(self.organisation_number)
				),
				title=_("Invalid Organisation Number"),
			)

	def normalise_phone_numbers(self):
		for fieldname in PHONE_FIELDS:
			self.set(fieldname, normalise_phone(self.get(fieldname)))

	def normalise_website(self):
		try:
			self.website = normalise_website(self.website)
		except InvalidValue:
			frappe.throw(
				_("{0}: {1} is not a valid web address").format(
					_(self.meta.get_label("website")), frappe.bold(self.website)
				),
				title=_("Invalid Website"),
			)

	def validate_email(self):
		self.email = (self.email or "").strip()
		if self.email and not validate_email_address(self.email):
			frappe.throw(
				_("{0}: {1} is not a valid e-mail address").format(
					_(self.meta.get_label("email")), frappe.bold(self.email)
				),
				frappe.InvalidEmailAddressError,
				title=_("Invalid E-mail"),
			)

	def validate_non_negative_figures(self):
		for fieldname in NON_NEGATIVE_FIELDS:
			if (self.get(fieldname) or 0) < 0:
				frappe.throw(
					_("{0} cannot be negative").format(_(self.meta.get_label(fieldname))),
					title=_("Invalid Value"),
				)

	def set_first_contact(self):
		"""Stamp the first contact when the lead first leaves "Not Contacted" without one."""
		if self.contact_status != NOT_CONTACTED and not self.first_contact:
			before = self.get_doc_before_save()
			if not before or before.contact_status == NOT_CONTACTED:
				self.first_contact = now_datetime()


def on_doctype_update():
	"""Composite indexes for the list's filters, each ending in the default sort (modified).

	Single-column indexes on low-cardinality fields (status, classification, deactivated) make
	MariaDB intersect them and sort ~10% of the table at 1M rows (1.6 s); a composite index whose
	last column is the sort field serves "filter + newest first" directly (0.3 ms).
	"""
	for fields in (
		["contact_status", "classification", "modified"],
		["classification", "modified"],
		["deactivated", "modified"],
		["responsible", "modified"],
		["industry", "modified"],
	):
		frappe.db.add_index("XS Lead", fields)
