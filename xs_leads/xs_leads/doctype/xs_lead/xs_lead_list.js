// List view settings for XS Lead.
// Pure logic lives in xs_leads/public/js/xs_lead_indicators.js (global `xs_leads.indicators`,
// loaded through hooks.py `app_include_js`).

frappe.listview_settings["XS Lead"] = {
	add_fields: [
		"classification",
		"contact_status",
		"industry",
		"responsible",
		"subject",
		"deactivated",
		"organisation_number",
	],

	onload(listview) {
		// the "Convert" action for the selected rows: xs_leads/public/js/xs_lead_conversion.js
		xs_leads.conversion.add_list_action(listview);
	},

	get_indicator(doc) {
		return xs_leads.indicators.indicatorFor(doc, __);
	},

	formatters: {
		classification(value) {
			return xs_leads.indicators.classificationHtml(value, __);
		},
		contact_status(value) {
			return xs_leads.indicators.statusHtml(value, __);
		},
	},
};
