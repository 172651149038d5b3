// Form script of XS Opportunity: the activity tabs (moved here when a lead becomes only an opportunity).

frappe.ui.form.on("XS Opportunity", {
	refresh(frm) {
		xs_leads.activity_tabs.refresh(frm);
	},
});
