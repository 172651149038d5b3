import json

import frappe

from xs_leads.install import LIST_VIEW_COLUMNS, ensure_list_view_settings
from xs_leads.testing import IntegrationTestCase


class TestListViewSettings(IntegrationTestCase):
	def test_installed_columns_follow_the_seed_and_all_fit_from_1280_px(self):
		frappe.delete_doc("List View Settings", "XS Lead", force=True, ignore_missing=True)
		ensure_list_view_settings()
		settings = frappe.get_doc("List View Settings", "XS Lead")
		columns = [f["fieldname"] for f in json.loads(settings.fields)]
		self.assertEqual(
			columns,
			[
				"company_name",
				"classification",
				"contact_status",
				"subject",
				"industry",
				"responsible",
				"organisation_number",
			],
		)
		meta = frappe.get_meta("XS Lead")
		for fieldname in LIST_VIEW_COLUMNS:
			self.assertTrue(meta.get_field(fieldname).in_list_view, f"{fieldname} is not in the list view")
		if frappe.get_meta("List View Settings").has_field("total_fields"):  # Frappe v15
			# v15 would otherwise cut the list to 4 columns (title and tags included) below 1366 px
			self.assertEqual(int(settings.total_fields), 2 + len(LIST_VIEW_COLUMNS))

	def test_an_admins_own_settings_are_kept(self):
		frappe.delete_doc("List View Settings", "XS Lead", force=True, ignore_missing=True)
		own = frappe.new_doc("List View Settings")
		own.name = "XS Lead"
		own.fields = json.dumps([{"fieldname": "company_name", "label": "Name"}])
		own.insert(ignore_permissions=True)
		ensure_list_view_settings()
		self.assertEqual(
			json.loads(frappe.db.get_value("List View Settings", "XS Lead", "fields")),
			[{"fieldname": "company_name", "label": "Name"}],
		)

	def test_report_view_and_links_show_the_lead_id_not_the_company_name(self):
		# v15's report view shows the title in the ID column when this is set
		self.assertFalse(frappe.get_meta("XS Lead").show_title_field_in_link)

	def test_organisation_number_input_takes_the_spaced_form(self):
		# a Data field's length is the input's maxlength in the Desk: "923 609 016" must fit
		field = frappe.get_meta("XS Lead").get_field("organisation_number")
		self.assertFalse(field.length and field.length < len("923 609 016"))
