from frappe.model.document import Document


class XSIndustry(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		industry_name: DF.Data
		nace_code: DF.Data | None
	# end: auto-generated types
