from frappe.model.document import Document


class XSLeadDuplicateScan(Document):
	"""One run of the full-base duplicate scan (xs_leads.services.duplicate_scan) and its pairs."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from xs_leads.xs_leads.doctype.xs_lead_duplicate_scan_pair.xs_lead_duplicate_scan_pair import (
			XSLeadDuplicateScanPair,
		)

		error: DF.SmallText | None
		finished_on: DF.Datetime | None
		leads_scanned: DF.Int
		name: DF.Int | None
		pairs: DF.Table[XSLeadDuplicateScanPair]
		pairs_found: DF.Int
		started_on: DF.Datetime | None
		status: DF.Literal["Queued", "Running", "Completed", "Failed"]
		threshold: DF.Int
	# end: auto-generated types
