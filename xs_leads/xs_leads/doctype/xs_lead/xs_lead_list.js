// List view settings for XS Lead.
// Pure logic lives in xs_leads/public/js/ (globals `xs_leads.indicators`, `xs_leads.columns`,
// loaded through hooks.py `app_include_js`). The column order and count come from the List View
// Settings record the app installs (see xs_leads/list_settings.py), which admins can change.
// The Import / Export buttons and the vCard action: xs_leads/public/js/xs_lead_io.js (`xs_leads.io`).

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
	// the company name is the row's title; the numeric ID adds nothing to a call list
	hide_name_column: true,

	get_indicator(doc) {
		return xs_leads.indicators.indicatorFor(doc, __);
	},

	formatters: {
		classification(value) {
			return iconCell(xs_leads.indicators.classificationHtml(value, __));
		},
		contact_status(value, df, doc) {
			const html = Number(doc && doc.deactivated)
				? xs_leads.indicators.iconHtml({ icon: "⊘", tooltip: __("Deactivated") })
				: xs_leads.indicators.statusHtml(value, __);
			return iconCell(html);
		},
		responsible(value) {
			return userCell(value);
		},
		modified_by(value) {
			return userCell(value);
		},
		// search, registers and phone links (issue 9): xs_leads/public/js/xs_lead_links.js
		organisation_number(value, df, doc) {
			return xs_leads.links.registerLinksHtml(doc, __);
		},
		phone: (value) => xs_leads.links.phoneHtml(value, __),
		mobile: (value) => xs_leads.links.phoneHtml(value, __),
		direct_phone: (value) => xs_leads.links.phoneHtml(value, __),
	},

	onload(listview) {
		addLastChangedByColumn(listview);
		// the "Convert" action for the selected rows: xs_leads/public/js/xs_lead_conversion.js
		xs_leads.conversion.add_list_action(listview);
		// Import, Export (CSV / Excel / PDF) and the "Export vCard" action: xs_leads/public/js/xs_lead_io.js
		xs_leads.io.setupListView(listview);
		// Search, quick filters, register links, bulk delete: xs_leads/public/js/xs_lead_list_tools.js
		xs_leads.list_tools.setup(listview);
	},
};

function iconCell(html) {
	return `<span class="xs-lead-icon-cell">${html}</span>`;
}

function userCell(user) {
	const info = user && frappe.user_info ? frappe.user_info(user) : null;
	return xs_leads.columns.userCellHtml(user, info && info.fullname);
}

// "Av" (last changed by) is a standard field, which no DocType setting can put in the list:
// append it after Frappe has chosen the other columns, on every rebuild of the columns. The
// report view runs these settings too, with columns of its own: it is left alone.
function addLastChangedByColumn(listview) {
	if (listview.view_name !== "List") return;
	const setupColumns = listview.setup_columns;
	listview.setup_columns = function () {
		setupColumns.call(this);
		if (!this.columns.some((col) => col.df && col.df.fieldname === "modified_by")) {
			this.columns.push({
				type: "Field",
				df: { fieldname: "modified_by", label: __("By"), fieldtype: "Link", options: "User" },
			});
		}
	};
	listview.setup_columns();
	listview.render_header(true);
}
