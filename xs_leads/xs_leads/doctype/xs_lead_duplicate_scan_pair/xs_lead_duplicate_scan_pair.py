from frappe.model.document import Document


class XSLeadDuplicateScanPair(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		lead: DF.Data | None
		other_lead: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reasons: DF.SmallText | None
		score: DF.Int
	# end: auto-generated types
