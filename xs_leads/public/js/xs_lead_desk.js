/* global $ */
// XS Leads everywhere in the Desk (issue 9): a keyboard shortcut for a new lead (Ctrl+Shift+L),
// as the seed's "hurtigtast for ledetråder". Loaded through hooks.py `app_include_js`.
(function () {
	"use strict";

	function addNewLeadShortcut() {
		if (!frappe.ui || !frappe.ui.keys || !frappe.model.can_create("XS Lead")) return;
		frappe.ui.keys.add_shortcut({
			shortcut: "shift+ctrl+l", // the order Frappe names keys in
			action: () => frappe.new_doc("XS Lead"),
			description: __("New Lead"),
			ignore_inputs: true,
		});
	}

	$(document).on("app_ready", addNewLeadShortcut);
})();
