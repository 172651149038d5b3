// The lead form's "Duplicate check" window and "Merge" dialog (seed: "Duplikatsjekk",
// "Slå sammen ledetråder"). Loaded in Desk via hooks.py `app_include_js`; the pure rendering
// functions are also required by the node tests (module.exports).
//
// The translate argument is named `__` so that Frappe's extractor finds the literal strings.
(function (root) {
	"use strict";

	const identity = (s) => s;
	const LEAD = "XS Lead";

	// (no regular expression literals: the translation extractor's lexer misreads "/>/")
	const HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
	const HTML_SPECIAL = new RegExp("[&<>\"']", "g");

	function escapeHtml(value) {
		const text = String(value === null || value === undefined ? "" : value);
		return text.replace(HTML_SPECIAL, (c) => HTML_ESCAPES[c]);
	}

	// Translated texts are looked up outside template literals: the extractor does not look inside.
	function candidateTexts(__) {
		return {
			none: __("No other lead, company or contact person looks like this one."),
			merge: __("Merge"),
			type: __("Type"),
			record: __("Record"),
			score: __("Score"),
			reasons: __("Reasons"),
		};
	}

	// The candidates of find_duplicates as a table: type, record (link), score, reasons, and
	// "Merge" for leads. `link(doctype, name)` gives a record's address.
	function candidatesHtml(candidates, { __ = identity, link = () => "#" } = {}) {
		const text = candidateTexts(__);
		if (!candidates || !candidates.length) {
			return `<p class="text-muted xs-no-duplicates">${escapeHtml(text.none)}</p>`;
		}
		const rows = candidates.map((c) => {
			const name = escapeHtml(c.name);
			const merge =
				c.doctype === LEAD
					? `<button type="button" class="btn btn-xs btn-default xs-merge-candidate" data-name="${name}">` +
						`${escapeHtml(text.merge)}</button>`
					: "";
			const doctypeLabel = __(c.doctype);
			return (
				`<tr class="xs-duplicate-candidate" data-doctype="${escapeHtml(c.doctype)}" data-name="${name}">` +
				`<td>${escapeHtml(doctypeLabel)}</td>` +
				`<td><a href="${escapeHtml(link(c.doctype, c.name))}">${escapeHtml(c.title || c.name)}</a></td>` +
				`<td class="text-right">${escapeHtml(c.score)}</td>` +
				`<td>${(c.reasons || []).map(escapeHtml).join(", ")}</td>` +
				`<td class="text-right">${merge}</td></tr>`
			);
		});
		return (
			`<table class="table table-bordered xs-duplicates-table"><thead><tr>` +
			`<th>${escapeHtml(text.type)}</th><th>${escapeHtml(text.record)}</th>` +
			`<th class="text-right">${escapeHtml(text.score)}</th><th>${escapeHtml(text.reasons)}</th><th></th>` +
			`</tr></thead><tbody>${rows.join("")}</tbody></table>`
		);
	}

	function previewTexts(__) {
		return {
			moved: __("Moved to the target"),
			nothingMoved: __("Nothing is linked to the source lead."),
			filled: __("Empty fields of the target filled from the source"),
			nothingFilled: __("The target has a value in every field the source has."),
		};
	}

	// What a merge would do (preview_merge): the records moved and the fields filled.
	// `label(fieldname)` gives a field's label.
	function previewHtml(preview, { __ = identity, label = (f) => f } = {}) {
		const text = previewTexts(__);
		const moved = Object.entries(preview.moved || {}).map(([doctype, count]) => {
			const doctypeLabel = __(doctype);
			return `<li>${escapeHtml(doctypeLabel)}: ${escapeHtml(count)}</li>`;
		});
		const filled = Object.entries(preview.filled || {}).map(([field, value]) => {
			const fieldLabel = __(label(field));
			const shown = Array.isArray(value) ? __("{0} rows", [value.length]) : value;
			return `<li>${escapeHtml(fieldLabel)}: ${escapeHtml(shown)}</li>`;
		});
		const movedHtml = moved.length
			? `<ul class="xs-merge-moved">${moved.join("")}</ul>`
			: `<p class="text-muted">${escapeHtml(text.nothingMoved)}</p>`;
		const filledHtml = filled.length
			? `<ul class="xs-merge-filled">${filled.join("")}</ul>`
			: `<p class="text-muted">${escapeHtml(text.nothingFilled)}</p>`;
		return (
			`<div class="xs-merge-preview"><h6>${escapeHtml(text.moved)}</h6>${movedHtml}` +
			`<h6>${escapeHtml(text.filled)}</h6>${filledHtml}</div>`
		);
	}

	const api = { escapeHtml, candidatesHtml, previewHtml };

	if (typeof module !== "undefined" && module.exports) {
		module.exports = api;
	}
	if (!root.frappe || !root.frappe.ui || !root.frappe.ui.form) {
		return;
	}
	const frappe = root.frappe;
	const __ = root.__;
	root.xs_leads = root.xs_leads || {};
	root.xs_leads.duplicates = api;

	const FORM_VALUES = [
		"company_name",
		"organisation_number",
		"phone",
		"fax",
		"email",
		"direct_phone",
		"mobile",
		"first_name",
		"last_name",
	];
	const link = (doctype, name) => frappe.utils.get_form_link(doctype, name);
	const fieldLabel = (fieldname) => frappe.meta.get_label(LEAD, fieldname) || fieldname;

	function showDuplicateCheck(frm) {
		const args = { doctype: LEAD };
		if (frm.is_new()) {
			args.values = Object.fromEntries(FORM_VALUES.map((f) => [f, frm.doc[f] || ""]));
		} else {
			args.name = frm.doc.name;
		}
		frappe
			.call({ method: "xs_leads.api.duplicates.find_duplicates", args, freeze: true })
			.then((r) => {
				const dialog = new frappe.ui.Dialog({
					title: __("Duplicate check"),
					size: "large",
					fields: [{ fieldtype: "HTML", fieldname: "candidates" }],
				});
				dialog.fields_dict.candidates.$wrapper.html(candidatesHtml(r.message, { __, link }));
				dialog.$wrapper.on("click", ".xs-merge-candidate", (event) => {
					dialog.hide();
					showMergeDialog({ source: String(event.currentTarget.dataset.name), target: frm.doc.name, frm });
				});
				dialog.show();
			});
	}

	// Lead IDs are numbers: the Link control's "awesomplete-selectcomplete" handler calls
	// `value.indexOf` on the chosen suggestion and throws for a number (after the value is set).
	// A capturing listener on the dialog turns the suggestion's value into text before it runs.
	function keepNumericSuggestionsFromBreaking(element) {
		element.addEventListener(
			"awesomplete-selectcomplete",
			(event) => {
				if (event.text && typeof event.text.value === "number") {
					event.text.value = String(event.text.value);
				}
			},
			true
		);
	}

	function showMergeDialog({ source, target, frm }) {
		let previewRequest = 0;
		const warning = __(
			"The merge is permanent and cannot be undone: the source lead is deleted, everything linked to it moves to the target, and its values fill the target's empty fields."
		);
		const dialog = new frappe.ui.Dialog({
			title: __("Merge Leads"),
			size: "large",
			fields: [
				{
					fieldtype: "HTML",
					fieldname: "warning",
					options: `<div class="alert alert-warning xs-merge-warning">${escapeHtml(warning)}</div>`,
				},
				{
					fieldtype: "Link",
					fieldname: "source",
					options: LEAD,
					label: __("Source (merged, then deleted)"),
					reqd: 1,
					default: source,
					onchange: () => refreshPreview(),
				},
				{ fieldtype: "Column Break", fieldname: "column_break_merge" },
				{
					fieldtype: "Link",
					fieldname: "target",
					options: LEAD,
					label: __("Target (kept)"),
					reqd: 1,
					default: target,
					onchange: () => refreshPreview(),
				},
				{ fieldtype: "Section Break", fieldname: "section_break_swap" },
				{ fieldtype: "Button", fieldname: "swap", label: __("Swap"), click: () => swap() },
				{ fieldtype: "HTML", fieldname: "preview" },
			],
			primary_action_label: __("Execute"),
			primary_action: (values) => execute(values),
		});

		// A Link field ignores a new value while it still validates the last one (clicking Swap
		// right after choosing a lead blurs the field, which validates it again): wait for both.
		function settled() {
			const busy = () => ["source", "target"].some((f) => dialog.fields_dict[f].inside_change_event);
			return new Promise((resolve) => {
				const check = () => (busy() ? setTimeout(check, 50) : resolve());
				check();
			});
		}

		async function swap() {
			await settled();
			const { source: from, target: to } = dialog.get_values(true);
			await dialog.set_value("source", to || "");
			await settled();
			await dialog.set_value("target", from || "");
		}

		function refreshPreview() {
			const { source: from, target: to } = dialog.get_values(true);
			const wrapper = dialog.fields_dict.preview.$wrapper;
			if (!from || !to || String(from) === String(to)) {
				wrapper.html("");
				return;
			}
			const request = ++previewRequest;
			frappe
				.call({ method: "xs_leads.api.merge.preview_merge", args: { source: from, target: to } })
				.then((r) => {
					if (request === previewRequest) {
						wrapper.html(previewHtml(r.message, { __, label: fieldLabel }));
					}
				});
		}

		function execute(values) {
			frappe
				.call({
					method: "xs_leads.api.merge.merge_leads",
					args: { source: values.source, target: values.target },
					freeze: true,
					freeze_message: __("Merging leads..."),
				})
				.then((r) => {
					dialog.hide();
					frappe.show_alert({ message: __("Lead {0} was merged into lead {1}", [values.source, r.message.target]), indicator: "green" });
					if (frm && String(frm.doc.name) === String(r.message.target)) {
						frm.reload_doc();
					} else {
						frappe.set_route("Form", LEAD, r.message.target);
					}
				});
		}

		keepNumericSuggestionsFromBreaking(dialog.$wrapper[0]);
		dialog.show();
		refreshPreview();
		return dialog;
	}

	root.xs_leads.duplicates.showDuplicateCheck = showDuplicateCheck;
	root.xs_leads.duplicates.showMergeDialog = showMergeDialog;

	frappe.ui.form.on(LEAD, {
		refresh(frm) {
			frm.add_custom_button(__("Duplicate check"), () => showDuplicateCheck(frm));
			if (!frm.is_new()) {
				frm.add_custom_button(__("Merge"), () => showMergeDialog({ source: "", target: frm.doc.name, frm }));
			}
		},
	});
})(typeof window !== "undefined" ? window : globalThis);
