from frappe.model.document import Document


class XSLeadSource(Document):
	pass
