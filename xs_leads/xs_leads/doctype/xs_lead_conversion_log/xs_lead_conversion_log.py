from frappe.model.document import Document


class XSLeadConversionLog(Document):
	"""The summary of one bulk conversion: written by the background job, read by people and REST clients."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		converted_count: DF.Int
		error: DF.SmallText | None
		failed_count: DF.Int
		finished_on: DF.Datetime | None
		leads: DF.Code | None
		name: DF.Int | None
		options: DF.Code | None
		started_on: DF.Datetime | None
		status: DF.Literal["Queued", "Running", "Completed", "Failed"]
		summary: DF.Code | None
		total_leads: DF.Int
	# end: auto-generated types

	pass
