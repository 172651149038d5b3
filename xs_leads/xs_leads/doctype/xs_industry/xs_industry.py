from frappe.model.document import Document


class XSIndustry(Document):
	pass
