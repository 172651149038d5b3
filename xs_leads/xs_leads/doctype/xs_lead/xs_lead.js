// Form script of XS Lead: the activity tabs (xs_leads/public/js/xs_activity_tabs.js), the
// Convert button, or for a converted lead the links to what it became
// (xs_leads/public/js/xs_lead_conversion.js), and the vCard Export button (xs_leads/public/js/xs_lead_io.js).

frappe.ui.form.on("XS Lead", {
	refresh(frm) {
		xs_leads.activity_tabs.refresh(frm);
		xs_leads.conversion.setup_form(frm);
		xs_leads.io.setupForm(frm);
	},
});
