// Form script of XS Company: its contact persons (Frappe's contact list) and the activity tabs.

frappe.ui.form.on("XS Company", {
	refresh(frm) {
		// a contact made from the list is linked to this company
		frappe.dynamic_link = { doc: frm.doc, fieldname: "name", doctype: "XS Company" };
		if (frm.is_new()) {
			frappe.contacts.clear_address_and_contact(frm);
		} else {
			frappe.contacts.render_address_and_contact(frm);
		}
		xs_leads.activity_tabs.refresh(frm);
	},
});
