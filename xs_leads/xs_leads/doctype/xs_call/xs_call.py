import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from xs_leads.domain.activities import contact_status_after_call
from xs_leads.services.activities import validate_activity_reference


class XSCall(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		call_time: DF.Datetime
		caller: DF.Link | None
		direction: DF.Literal["Outgoing", "Incoming"]
		duration: DF.Duration | None
		name: DF.Int | None
		notes: DF.Text | None
		outcome: DF.Literal["Reached", "No Answer", "Busy", "Wrong Number", "Not Interested"]
		reference_doctype: DF.Link
		reference_name: DF.DynamicLink
	# end: auto-generated types

	def validate(self):
		validate_activity_reference(self)
		self.set_defaults()

	def set_defaults(self):
		self.call_time = self.call_time or now_datetime()
		self.caller = self.caller or frappe.session.user

	def after_insert(self):
		self.update_lead_contact_status()

	def update_lead_contact_status(self):
		"""A call on a lead not contacted yet tells how the first contact went (and stamps it)."""
		if self.reference_doctype != "XS Lead":
			return
		lead = frappe.get_doc("XS Lead", self.reference_name)
		new_status = contact_status_after_call(lead.contact_status, self.outcome)
		if new_status:
			lead.contact_status = new_status
			# the call was allowed on a lead its caller may read: its effect on the lead goes with it
			lead.flags.ignore_permissions = True
			lead.save()
			lead.add_comment(
				"Info", _("First contact status set to {0} by a call").format(frappe.bold(_(new_status)))
			)


def on_doctype_update():
	frappe.db.add_index("XS Call", ["reference_doctype", "reference_name"])
