import frappe
from frappe.model.document import Document

from xs_leads.services.activities import validate_activity_reference


class XSNote(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		content: DF.TextEditor | None
		name: DF.Int | None
		reference_doctype: DF.Link
		reference_name: DF.DynamicLink
		title: DF.Data
	# end: auto-generated types

	def validate(self):
		validate_activity_reference(self)


def on_doctype_update():
	frappe.db.add_index("XS Note", ["reference_doctype", "reference_name"])
