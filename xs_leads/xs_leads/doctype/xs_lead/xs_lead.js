// Form script for XS Lead. The buttons' logic lives in xs_leads/public/js (loaded through hooks.py
// `app_include_js`): the vCard Export button in xs_lead_io.js (`xs_leads.io`).

frappe.ui.form.on("XS Lead", {
	refresh(frm) {
		xs_leads.io.setupForm(frm);
	},
});
