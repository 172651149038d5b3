from frappe.model.document import Document


class XSLeadImport(Document):
	"""One run of the lead importer: the file, the options, the status and, when done, the outcome.

	Written by `xs_leads.lead_io.importer`; its fields are read-only in the Desk.
	"""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		created: DF.Int
		encoding: DF.Data | None
		errors: DF.Code | None
		failed: DF.Int
		has_header_row: DF.Check
		import_file: DF.Attach
		name: DF.Int | None
		processed_rows: DF.Int
		status: DF.Literal["Queued", "Running", "Completed", "Completed with Errors", "Failed"]
		total_rows: DF.Int
		unchanged: DF.Int
		update_existing: DF.Check
		update_note: DF.Check
		updated: DF.Int
	# end: auto-generated types
