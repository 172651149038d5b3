// Converting leads in Desk: the "Convert" button and dialog of the lead form (with a live preview
// of what will be created), the "Convert" action for the rows selected in the lead list, and the
// links a converted lead's form shows to what it became.
//
// Loaded via hooks.py `app_include_js` (global `xs_leads.conversion`); the pure part is also
// required by the node tests. The translate function is passed in as `__` (see
// xs_lead_indicators.js).
(function (root) {
	"use strict";

	// without Desk's __ (node tests): fill in the {0}, {1}... placeholders as __ does
	const identity = (text, args) =>
		(args || []).reduce((out, arg, i) => out.split(`{${i}}`).join(arg), text);
	const CONVERT = "xs_leads.api.conversion";
	const CHECKS = ["create_company", "create_contact", "create_opportunity"];

	function escapeHtml(text) {
		return String(text === undefined || text === null ? "" : text)
			.replace(/&/g, "&amp;")
			.replace(/"/g, "&quot;")
			.replace(/</g, "&lt;")
			.replace(/>/g, "&gt;");
	}

	// Dialog values -> the API's options: checks as 1/0, empty values left out (the API's defaults)
	function optionsFromValues(values) {
		const options = {};
		for (const [key, value] of Object.entries(values || {})) {
			if (key.startsWith("preview")) continue;
			if (CHECKS.includes(key)) {
				options[key] = value ? 1 : 0;
			} else if (value !== undefined && value !== null && value !== "") {
				options[key] = value;
			}
		}
		if (!options.create_opportunity) {
			delete options.opportunity_title;
			delete options.opportunity_value;
			delete options.opportunity_close_date;
		}
		return options;
	}

	function namesPerson(lead) {
		return Boolean(((lead && (lead.first_name || lead.last_name)) || "").trim());
	}

	function personName(lead) {
		return [lead.first_name, lead.last_name].filter(Boolean).join(" ");
	}

	function movedLabels(__) {
		return {
			Event: __("Appointments"),
			"XS Call": __("Calls"),
			ToDo: __("Tasks"),
			"XS Note": __("Notes"),
			Communication: __("E-mail"),
			Comment: __("Comments"),
			File: __("Attachments"),
		};
	}

	function movedText(moved, __) {
		const labels = movedLabels(__);
		const parts = Object.entries(moved || {})
			.filter(([, count]) => count)
			.map(([doctype, count]) => [labels[doctype] || doctype, count].join(": "));
		return parts.join(", ");
	}

	// The preview as sentences. `lead`: the lead's fields; `options`: the dialog's options;
	// `links.company(name)` / `links.contact(name)`: HTML links to existing records.
	function previewLines(preview, lead, options, __ = identity, links = {}) {
		const lines = [];
		const linkTo = (kind, name) => (links[kind] ? links[kind](name) : escapeHtml(name));
		if (preview.company_created) {
			lines.push(__("A new company {0} will be created", [`<b>${escapeHtml(lead.company_name)}</b>`]));
		} else if (preview.company) {
			lines.push(
				__("The existing company {0} with the same organisation number will be used", [
					linkTo("company", preview.company),
				])
			);
		} else {
			lines.push(__("No company will be created"));
		}
		if (preview.contact_created) {
			lines.push(
				__("A new contact person {0} will be created", [`<b>${escapeHtml(personName(lead))}</b>`])
			);
		} else if (preview.contact) {
			lines.push(
				__("The existing contact person {0} with the same e-mail address will be used", [
					linkTo("contact", preview.contact),
				])
			);
		} else {
			lines.push(__("No contact person will be created"));
		}
		if ((options || {}).create_opportunity) {
			const title = options.opportunity_title || lead.subject || lead.company_name;
			lines.push(__("A new sales opportunity {0} will be created", [`<b>${escapeHtml(title)}</b>`]));
		}
		const moved = movedText(preview.moved, __);
		if (moved) lines.push(__("Moved from the lead: {0}", [moved]));
		lines.push(
			{
				kept: __("The lead will be kept"),
				deactivated: __("The lead will be deactivated"),
				deleted: __("The lead will be deleted"),
			}[preview.lead_action] || ""
		);
		return lines.filter(Boolean);
	}

	function previewHtml(preview, lead, options, __ = identity, links = {}) {
		const items = previewLines(preview, lead, options, __, links)
			.map((line) => `<li>${line}</li>`)
			.join("");
		const intro = escapeHtml(__("This will happen:"));
		return `<div class="xs-conversion-preview"><p class="text-muted">${intro}</p><ul>${items}</ul></div>`;
	}

	function summaryHtml(summary, __ = identity, leadLink = escapeHtml) {
		const converted = (summary.converted || []).length;
		const failed = summary.failed || [];
		const counts = escapeHtml(__("{0} converted, {1} failed", [converted, failed.length]));
		let html = `<p class="xs-conversion-summary">${counts}</p>`;
		if (failed.length) {
			const leadLabel = escapeHtml(__("Lead"));
			const reasonLabel = escapeHtml(__("Reason"));
			const rows = failed
				.map((row) => `<tr><td>${leadLink(row.lead)}</td><td>${escapeHtml(row.reason)}</td></tr>`)
				.join("");
			html += `<table class="table table-sm xs-conversion-failures"><thead><tr><th>${leadLabel}</th><th>${reasonLabel}</th></tr></thead><tbody>${rows}</tbody></table>`;
		}
		return html;
	}

	const api = { optionsFromValues, previewLines, previewHtml, summaryHtml, movedText, namesPerson };

	// --- Desk ---------------------------------------------------------------------------------

	function optionFields(__, lead) {
		return [
			{ fieldname: "create_company", fieldtype: "Check", label: __("Create Company"), default: 1 },
			{
				fieldname: "company_type",
				fieldtype: "Select",
				label: __("Relation Type"),
				options: ["Customer", "Supplier", "Customer and Supplier", "Neither"].map((value) => ({
					value,
					label: __(value),
				})),
				default: "Customer",
				depends_on: "eval:doc.create_company",
			},
			{
				fieldname: "company_category",
				fieldtype: "Link",
				options: "XS Company Category",
				label: __("Category"),
				depends_on: "eval:doc.create_company",
			},
			{ fieldtype: "Column Break", fieldname: "column_break_options" },
			{
				fieldname: "create_contact",
				fieldtype: "Check",
				label: __("Create Contact Person"),
				default: lead ? (namesPerson(lead) ? 1 : 0) : 1,
			},
			{
				fieldname: "lead_action",
				fieldtype: "Select",
				label: __("Afterwards"),
				options: [
					{ value: "Deactivate", label: __("Deactivate the lead") },
					{ value: "Keep", label: __("Keep the lead") },
					{ value: "Delete", label: __("Delete the lead") },
				],
				default: "Deactivate",
			},
			{ fieldtype: "Section Break", fieldname: "opportunity_section" },
			{
				fieldname: "create_opportunity",
				fieldtype: "Check",
				label: __("Create Sales Opportunity"),
				default: 0,
			},
			{
				fieldname: "opportunity_title",
				fieldtype: "Data",
				label: __("Title"),
				depends_on: "eval:doc.create_opportunity",
			},
			{ fieldtype: "Column Break", fieldname: "column_break_opportunity" },
			{
				fieldname: "opportunity_value",
				fieldtype: "Currency",
				label: __("Expected Value"),
				depends_on: "eval:doc.create_opportunity",
			},
			{
				fieldname: "opportunity_close_date",
				fieldtype: "Date",
				label: __("Expected Close Date"),
				depends_on: "eval:doc.create_opportunity",
			},
		];
	}

	function deskLinks() {
		const frappe = root.frappe;
		const make = (doctype) => (name) =>
			`<a href="${escapeHtml(frappe.utils.get_form_link(doctype, name))}">${escapeHtml(name)}</a>`;
		return { company: make("XS Company"), contact: make("Contact"), lead: make("XS Lead") };
	}

	// The lead form: a Convert button, or for a converted lead the links to what it became
	function setup_form(frm) {
		if (frm.is_new()) return;
		const __ = root.__;
		if (frm.doc.converted_on) {
			show_converted(frm);
			return;
		}
		if (frm.perm && frm.perm[0] && !frm.perm[0].write) return;
		frm.add_custom_button(__("Convert"), () => open_dialog(frm));
	}

	function show_converted(frm) {
		const __ = root.__;
		const frappe = root.frappe;
		const link = (doctype, name) =>
			name
				? `<a href="${escapeHtml(frappe.utils.get_form_link(doctype, name))}">${escapeHtml(
						__(doctype)
				  )} ${escapeHtml(name)}</a>`
				: null;
		const targets = [
			link("XS Company", frm.doc.converted_company),
			link("Contact", frm.doc.converted_contact),
			link("XS Opportunity", frm.doc.converted_opportunity),
		].filter(Boolean);
		frm.set_intro(
			__("Converted on {0} to {1}", [
				escapeHtml(frappe.datetime.str_to_user(frm.doc.converted_on)),
				targets.join(", "),
			]),
			"green"
		);
	}

	function open_dialog(frm) {
		const __ = root.__;
		const frappe = root.frappe;
		let pending = null;
		let converting = false;
		let dialog = null;
		const schedule_preview = frappe.utils.debounce(() => update_preview(), 300);
		dialog = new frappe.ui.Dialog({
			title: __("Convert Lead {0}", [frm.doc.company_name]),
			size: "large",
			fields: [
				...optionFields(__, frm.doc).map((df) =>
					df.fieldtype.endsWith("Break") ? df : { ...df, onchange: schedule_preview }
				),
				{ fieldtype: "Section Break", fieldname: "preview_section", label: __("Preview") },
				{ fieldname: "preview_html", fieldtype: "HTML" },
			],
			primary_action_label: __("Convert"),
			primary_action(values) {
				converting = true; // no more previews: the lead is about to be converted
				dialog.disable_primary_action();
				frappe
					.call({
						method: `${CONVERT}.convert_lead`,
						args: { lead: frm.doc.name, options: optionsFromValues(values) },
						freeze: true,
						freeze_message: __("Converting..."),
					})
					.then((r) => {
						dialog.hide();
						const result = r.message;
						frappe.show_alert({ message: __("Lead converted"), indicator: "green" });
						if (result.lead_action === "deleted") {
							const target = result.company
								? ["XS Company", result.company]
								: result.contact
								? ["Contact", result.contact]
								: ["XS Opportunity", result.opportunity];
							frappe.set_route("Form", ...target);
						} else {
							frm.reload_doc();
						}
					})
					.catch(() => {
						converting = false;
						dialog.enable_primary_action();
					});
			},
		});

		function update_preview() {
			if (converting) return;
			const options = optionsFromValues(dialog.get_values(true));
			const request = (pending = frappe
				.call({ method: `${CONVERT}.preview_conversion`, args: { lead: frm.doc.name, options } })
				.then((r) => {
					if (request !== pending) return; // an answer to options changed since
					dialog.fields_dict.preview_html.$wrapper.html(
						previewHtml(r.message, frm.doc, options, __, deskLinks())
					);
					dialog.enable_primary_action();
				})
				.catch(() => {
					if (request !== pending) return;
					const refused = escapeHtml(__("These options cannot be used"));
					dialog.fields_dict.preview_html.$wrapper.html(`<p class="text-danger">${refused}</p>`);
					dialog.disable_primary_action();
				}));
		}
		dialog.onhide = () => {
			converting = true; // closed: a preview still on its way has nothing to show
		};
		dialog.show();
		update_preview();
		return dialog;
	}

	function convert_selected(listview) {
		const __ = root.__;
		const frappe = root.frappe;
		const leads = listview.get_checked_items(true);
		if (!leads.length) {
			frappe.msgprint(__("Select the leads to convert first"));
			return;
		}
		const explanation = escapeHtml(
			__(
				"Each selected lead is converted with these options; a lead that cannot be converted is reported and leaves the others unaffected."
			)
		);
		const dialog = new frappe.ui.Dialog({
			title: __("Convert {0} Leads", [leads.length]),
			fields: [
				{
					fieldname: "preview_intro",
					fieldtype: "HTML",
					options: `<p class="text-muted">${explanation}</p>`,
				},
				...optionFields(__, null),
			],
			primary_action_label: __("Convert"),
			primary_action(values) {
				dialog.hide();
				frappe
					.call({
						method: `${CONVERT}.convert_leads`,
						args: { leads, options: optionsFromValues(values) },
						freeze: true,
						freeze_message: __("Converting..."),
					})
					.then((r) => {
						const answer = r.message;
						if (answer.queued) {
							const logLabel = escapeHtml([__("XS Lead Conversion Log"), answer.log].join(" "));
							const logHref = escapeHtml(
								frappe.utils.get_form_link("XS Lead Conversion Log", answer.log)
							);
							frappe.msgprint({
								title: __("Conversion Started"),
								message: __(
									"{0} leads are being converted in the background. You will see the progress here; the summary is kept in {1}.",
									[answer.total, `<a href="${logHref}">${logLabel}</a>`]
								),
							});
						} else {
							frappe.msgprint({
								title: __("Conversion Finished"),
								message: summaryHtml(answer, __, deskLinks().lead),
								indicator: answer.failed.length ? "orange" : "green",
							});
						}
						listview.refresh();
					});
			},
		});
		dialog.show();
		return dialog;
	}

	let listening = false;

	// The list: a "Convert" action for the selected rows; the summary when a background job ends
	function add_list_action(listview) {
		const __ = root.__;
		const frappe = root.frappe;
		if (!frappe.model.can_write("XS Lead")) return;
		listview.page.add_actions_menu_item(__("Convert"), () => convert_selected(listview), false);
		if (listening) return;
		listening = true;
		frappe.realtime.on("xs_lead_conversion_done", (data) => {
			const counts = escapeHtml(__("{0} converted, {1} failed", [data.converted, data.failed]));
			const href = escapeHtml(frappe.utils.get_form_link("XS Lead Conversion Log", data.log));
			const see = escapeHtml(__("See the summary"));
			frappe.msgprint({
				title: __("Conversion Finished"),
				message: `${counts}<br><a href="${href}">${see}</a>`,
				indicator: data.failed ? "orange" : "green",
			});
			if (root.cur_list && root.cur_list.doctype === "XS Lead") root.cur_list.refresh();
		});
	}

	api.setup_form = setup_form;
	api.open_dialog = open_dialog;
	api.add_list_action = add_list_action;
	api.convert_selected = convert_selected;

	if (typeof module !== "undefined" && module.exports) {
		module.exports = api;
	}
	if (root) {
		root.xs_leads = root.xs_leads || {};
		root.xs_leads.conversion = api;
	}
})(typeof window !== "undefined" ? window : null);
