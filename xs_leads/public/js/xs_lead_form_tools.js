// XS Lead form (issue 9): each phone number gets a click-to-call link under its field.
// Added to the form through hooks.py `doctype_js`, beside the DocType's own form script.
(function () {
	"use strict";

	const PHONE_FIELDS = ["phone", "direct_phone", "mobile"];

	function showCallLink(frm, fieldname) {
		const field = frm.fields_dict[fieldname];
		if (!field) return;
		const number = frm.doc[fieldname];
		const href = xs_leads.links.telHref(number);
		const label = __("Call {0}", [number]);
		const html = href
			? `<a class="xs-lead-tel" href="${href}">📞 ${frappe.utils.escape_html(label)}</a>`
			: "";
		field.set_description(html);
	}

	const handlers = {
		refresh(frm) {
			PHONE_FIELDS.forEach((fieldname) => showCallLink(frm, fieldname));
		},
	};
	PHONE_FIELDS.forEach((fieldname) => {
		handlers[fieldname] = (frm) => showCallLink(frm, fieldname);
	});
	frappe.ui.form.on("XS Lead", handlers);
})();
