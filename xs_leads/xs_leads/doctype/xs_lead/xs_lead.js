// Form script of XS Lead: the activity tabs (xs_leads/public/js/xs_activity_tabs.js) and the
// Convert button, or for a converted lead the links to what it became
// (xs_leads/public/js/xs_lead_conversion.js).

frappe.ui.form.on("XS Lead", {
	refresh(frm) {
		xs_leads.activity_tabs.refresh(frm);
		xs_leads.conversion.setup_form(frm);
	},
});
