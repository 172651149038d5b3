from frappe.model.document import Document


class XSLeadMerge(Document):
	"""The permanent record a merge leaves on the kept lead (written by xs_leads.services.merge)."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		filled_fields: DF.Code | None
		merged_by: DF.Link | None
		merged_on: DF.Datetime | None
		moved_records: DF.Code | None
		name: DF.Int | None
		source_lead: DF.Data | None
		source_title: DF.Data | None
		source_values: DF.Code | None
		target: DF.Link
	# end: auto-generated types
