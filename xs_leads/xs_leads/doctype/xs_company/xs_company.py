import frappe
from frappe import _
from frappe.contacts.address_and_contact import load_address_and_contact
from frappe.model.document import Document

from xs_leads.domain.normalise import (
	InvalidValue,
	normalise_organisation_number,
	normalise_phone,
	normalise_website,
)

PHONE_FIELDS = ("phone", "fax")
NON_NEGATIVE_FIELDS = ("employees", "annual_revenue")


class DuplicateOrganisationNumber(frappe.ValidationError):
	pass


class XSCompany(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		annual_revenue: DF.Currency
		category: DF.Link | None
		company_name: DF.Data
		credit_worthy: DF.Check
		employees: DF.Int
		fax: DF.Data | None
		industry: DF.Link | None
		lead: DF.Link | None
		name: DF.Int | None
		note: DF.Text | None
		organisation_number: DF.Data | None
		payment_remarks: DF.Check
		phone: DF.Data | None
		relation_type: DF.Literal["Customer", "Supplier", "Customer and Supplier", "Neither"]
		responsible: DF.Link | None
		website: DF.Data | None
	# end: auto-generated types

	def onload(self):
		load_address_and_contact(self)  # the Contacts tab lists the company's contact persons

	def validate(self):
		self.validate_values()
		self.validate_unique_organisation_number()

	def validate_values(self):
		"""The checks that need no database (bulk conversion runs these, and checks uniqueness for many)."""
		self.normalise_organisation_number()
		self.normalise_phone_numbers()
		self.normalise_website()
		self.validate_non_negative_figures()

	def normalise_organisation_number(self):
		try:
			# None, not "": the unique index allows any number of companies without one
			self.organisation_number = normalise_organisation_number(self.organisation_number) or None
		except InvalidValue:
			frappe.throw(
				_(
					"{0}: {1} is not a valid Norwegian organisation number (9 digits with a check digit)"
				).format(
					_(self.meta.get_label("organisation_number")), frappe.bold(self.organisation_number)
				),
				title=_("Invalid Organisation Number"),
			)

	def validate_unique_organisation_number(self):
		if not self.organisation_number:
			return
		other = frappe.db.get_value(
			"XS Company",
			{"organisation_number": self.organisation_number, "name": ("!=", self.name or 0)},
			["name", "company_name"],
			as_dict=True,
		)
		if other:
			frappe.throw(
				_("Organisation number {0} is already registered for company {1}").format(
					frappe.bold(self.organisation_number),
					frappe.utils.get_link_to_form("XS Company", other.name, other.company_name),
				),
				DuplicateOrganisationNumber,
				title=_("Duplicate Organisation Number"),
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

	def validate_non_negative_figures(self):
		for fieldname in NON_NEGATIVE_FIELDS:
			if (self.get(fieldname) or 0) < 0:
				frappe.throw(
					_("{0} cannot be negative").format(_(self.meta.get_label(fieldname))),
					title=_("Invalid Value"),
				)


def on_doctype_update():
	frappe.db.add_index("XS Company", ["relation_type", "modified"])
	frappe.db.add_index("XS Company", ["responsible", "modified"])
