"""Custom fields on the app's DocTypes: where new ones go on the form."""

import frappe

# DocTypes whose form ends in a "Custom Fields" tab
WITH_CUSTOM_FIELDS_TAB = ("XS Lead",)


def place_in_custom_fields_tab(doc, method=None) -> None:
	"""A new Custom Field given no place goes at the end of the form: into its "Custom Fields" tab.

	(Customize Form always gives one; a Custom Field made over REST or in code may not, and Frappe
	would then put it near the top of the first tab.)
	"""
	if doc.dt not in WITH_CUSTOM_FIELDS_TAB or doc.insert_after or not doc.is_new():
		return
	fieldnames = [df.fieldname for df in frappe.get_meta(doc.dt, cached=False).fields]
	if fieldnames:
		doc.insert_after = fieldnames[-1]
