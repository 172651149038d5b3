from frappe.model.document import Document


class XSOpportunity(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		company: DF.Link | None
		contact: DF.Link | None
		expected_close_date: DF.Date | None
		expected_value: DF.Currency
		lead: DF.Link | None
		name: DF.Int | None
		note: DF.Text | None
		responsible: DF.Link | None
		source: DF.Link | None
		status: DF.Literal["Open", "Won", "Lost"]
		title: DF.Data
	# end: auto-generated types

	pass
