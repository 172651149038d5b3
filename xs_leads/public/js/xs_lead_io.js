// Lead files in the Desk: the list view's Import dialog and Export buttons (CSV, Excel, PDF), the
// vCard list action and the form's Export (vCard) button. They call xs_leads.api.io.
// Loaded in Desk via hooks.py `app_include_js` (global `xs_leads.io`); the pure helpers (HTML of
// the preview and summary, download URLs) are also required by the node tests (module.exports).
// Entry points: `xs_leads.io.setupListView(listview)` from the list's onload, and
// `xs_leads.io.setupForm(frm)` from the form's refresh.
(function (root) {
	"use strict";

	const identity = (s) => s;
	const METHOD = "/api/method/xs_leads.api.io.";
	const ACTION_COLOURS = { create: "green", update: "blue", unchanged: "gray", error: "red" };
	const MAX_SHOWN_ERRORS = 200;

	// (a RegExp object, not a literal: the translation extractor's lexer reads "/>/" as a JSX tag)
	const HTML_SPECIALS = new RegExp('[&<>"]', "g");
	const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

	function escapeHtml(text) {
		return String(text === null || text === undefined ? "" : text).replace(HTML_SPECIALS, (c) => ENTITIES[c]);
	}

	// the URL of a download: the method's path and its arguments (arrays and objects as JSON)
	function downloadUrl(method, args) {
		const query = Object.entries(args || {})
			.filter(([, value]) => value !== undefined && value !== null && value !== "")
			.map(([key, value]) => {
				const text = typeof value === "object" ? JSON.stringify(value) : String(value);
				return encodeURIComponent(key) + "=" + encodeURIComponent(text);
			})
			.join("&");
		return METHOD + method + (query ? "?" + query : "");
	}

	function actionLabel(action, __ = identity) {
		return {
			create: __("Create"),
			update: __("Update"),
			unchanged: __("Unchanged"),
			error: __("Error"),
		}[action] || action;
	}

	// (Plain concatenation below: template literals nested in ${...} derail the lexer that
	// Frappe's translation extractor uses, and every later __() in the file would be missed.)

	function pill(text, colour) {
		return '<span class="indicator-pill ' + colour + '" style="margin-right: 8px">' + escapeHtml(text) + "</span>";
	}

	function cell(tag, text, style) {
		return "<" + tag + (style ? ' style="' + style + '"' : "") + ">" + escapeHtml(text) + "</" + tag + ">";
	}

	// {created, updated, unchanged, failed} -> a line of indicator pills
	function summaryHtml(summary, __ = identity) {
		const parts = [
			[__("Created"), summary.created, "green"],
			[__("Updated"), summary.updated, "blue"],
			[__("Unchanged"), summary.unchanged, "gray"],
			[__("Failed"), summary.failed, "red"],
		];
		const pills = parts.map(([label, count, colour]) => pill(label + ": " + Number(count || 0), colour));
		return '<div class="xs-lead-import-summary">' + pills.join("") + "</div>";
	}

	// [{row, column, message}] -> a table (the first MAX_SHOWN_ERRORS of them)
	function errorsHtml(errors, __ = identity) {
		if (!errors || !errors.length) return "";
		const shown = errors.slice(0, MAX_SHOWN_ERRORS);
		const rows = shown.map(
			(e) => "<tr>" + cell("td", e.row) + cell("td", e.column) + cell("td", e.message) + "</tr>"
		);
		const more =
			errors.length > shown.length
				? cell("p", __("{0} more problems are not shown", [errors.length - shown.length]))
				: "";
		return (
			'<h5 style="margin-top: 12px">' +
			escapeHtml(__("Problems")) +
			"</h5>" +
			'<table class="table table-bordered table-sm xs-lead-import-errors"><thead><tr>' +
			cell("th", __("Line")) +
			cell("th", __("Column")) +
			cell("th", __("Problem")) +
			"</tr></thead><tbody>" +
			rows.join("") +
			"</tbody></table>" +
			more
		);
	}

	// the preview's rows [{row, action, name, <fieldname>: value...}] -> a table, labelled by labelOf
	function previewHtml(result, labelOf = identity, __ = identity) {
		const rows = result.rows || [];
		const skip = new Set(["row", "action", "name", "changed"]);
		const fields = [];
		for (const row of rows) {
			for (const key of Object.keys(row)) {
				if (!skip.has(key) && !fields.includes(key)) fields.push(key);
			}
		}
		const head = [__("Line"), __("Action"), __("ID"), ...fields.map((f) => labelOf(f))]
			.map((label) => cell("th", label))
			.join("");
		const body = rows.map((row) => {
			const changed = new Set(row.changed || []);
			const cells = fields.map((f) => cell("td", row[f], changed.has(f) ? "font-weight: bold" : ""));
			const colour = ACTION_COLOURS[row.action] || "gray";
			return (
				'<tr data-action="' +
				escapeHtml(row.action) +
				'">' +
				cell("td", row.row) +
				"<td>" +
				pill(actionLabel(row.action, __), colour) +
				"</td>" +
				cell("td", row.name) +
				cells.join("") +
				"</tr>"
			);
		});
		return (
			summaryHtml(result.summary || {}, __) +
			'<div style="overflow-x: auto; max-height: 50vh; margin-top: 8px">' +
			'<table class="table table-bordered table-sm xs-lead-import-preview"><thead><tr>' +
			head +
			"</tr></thead><tbody>" +
			body.join("") +
			"</tbody></table></div>" +
			errorsHtml(result.errors, __)
		);
	}

	// --- Desk ----------------------------------------------------------------------------------

	// a download in place (no blank tab): a link with the download attribute, clicked
	function download(method, args) {
		const link = document.createElement("a");
		link.href = downloadUrl(method, args);
		link.download = "";
		document.body.appendChild(link);
		link.click();
		link.remove();
	}

	function importOptions(dialog) {
		const values = dialog.get_values();
		if (!values) return null;
		return {
			file_url: values.file_url,
			has_header_row: values.has_header_row ? 1 : 0,
			update_existing: values.update_existing ? 1 : 0,
			update_note: values.update_existing && values.update_note ? 1 : 0,
		};
	}

	function showResult(dialog, html) {
		dialog.fields_dict.result.$wrapper.html(html);
	}

	function openImportDialog(listview) {
		const labelOf = (fieldname) => __(frappe.meta.get_label("XS Lead", fieldname) || fieldname);
		const dialog = new frappe.ui.Dialog({
			title: __("Import Leads"),
			size: "extra-large",
			fields: [
				{
					fieldname: "file_url",
					fieldtype: "Attach",
					label: __("Import File"),
					reqd: 1,
					description: __("Semicolon-separated CSV file"),
				},
				{
					fieldname: "template",
					fieldtype: "Button",
					label: __("Template File"),
					click: () => download("download_template"),
				},
				{ fieldtype: "Column Break" },
				{
					fieldname: "has_header_row",
					fieldtype: "Check",
					label: __("Import file has header row"),
					default: 1,
				},
				{ fieldname: "update_existing", fieldtype: "Check", label: __("Update existing leads") },
				{
					fieldname: "update_note",
					fieldtype: "Check",
					label: __("Update note in existing leads"),
					depends_on: "update_existing",
				},
				{ fieldtype: "Section Break" },
				{ fieldname: "result", fieldtype: "HTML" },
			],
			secondary_action_label: __("Preview"),
			secondary_action() {
				const args = importOptions(dialog);
				if (!args) return;
				frappe.call({
					method: "xs_leads.api.io.preview_import",
					args,
					freeze: true,
					freeze_message: __("Reading the file..."),
					callback: (r) => showResult(dialog, previewHtml(r.message, labelOf, __)),
				});
			},
			primary_action_label: __("Execute"),
			primary_action() {
				const args = importOptions(dialog);
				if (!args) return;
				frappe.call({
					method: "xs_leads.api.io.run_import",
					args,
					freeze: true,
					freeze_message: __("Importing leads..."),
					callback: (r) => {
						const result = r.message;
						if (result.summary) {
							showFinished(dialog, listview, result);
						} else {
							showResult(
								dialog,
								cell("p", __("The file is imported in the background; progress shows here."))
							);
							waitForImport(dialog, listview, result.import);
						}
					},
				});
			},
		});
		dialog.show();
		return dialog;
	}

	function showFinished(dialog, listview, result) {
		showResult(
			dialog,
			cell("h5", __("Import finished")) + summaryHtml(result.summary, __) + errorsHtml(result.errors, __)
		);
		dialog.set_primary_action(__("Close"), () => dialog.hide());
		refreshList(listview);
	}

	// The list skips a refresh asked with the same arguments as one in the last 3 s (BaseList's
	// no_change): one started by a realtime update during the import would leave it stale.
	function refreshList(listview) {
		listview.last_args = null;
		listview.refresh();
	}

	// a background import: poll its XS Lead Import record until it is done
	function waitForImport(dialog, listview, name) {
		const poll = () =>
			frappe.db
				.get_value("XS Lead Import", name, [
					"status",
					"created",
					"updated",
					"unchanged",
					"failed",
					"errors",
				])
				.then((r) => {
					const record = r.message || {};
					if (["Queued", "Running"].includes(record.status)) {
						setTimeout(poll, 2000);
						return;
					}
					frappe.hide_progress();
					showFinished(dialog, listview, {
						summary: record,
						errors: record.errors ? JSON.parse(record.errors) : [],
					});
				});
		poll();
	}

	function exportList(listview, fileFormat) {
		const names = listview.get_checked_items(true);
		download(
			"export_leads",
			names.length
				? { file_format: fileFormat, names }
				: { file_format: fileFormat, filters: listview.get_filters_for_args() }
		);
	}

	function setupListView(listview) {
		if (frappe.model.can_import("XS Lead")) {
			listview.page.add_inner_button(__("Import"), () => openImportDialog(listview));
		}
		if (frappe.model.can_export("XS Lead")) {
			listview.page.add_inner_button(__("CSV"), () => exportList(listview, "csv"), __("Export"));
			listview.page.add_inner_button(__("Excel"), () => exportList(listview, "xlsx"), __("Export"));
			listview.page.add_inner_button(__("PDF"), () => exportList(listview, "pdf"), __("Export"));
		}
		listview.page.add_actions_menu_item(__("Export vCard"), () => {
			const names = listview.get_checked_items(true);
			if (names.length) download("download_vcard", { names });
		});
	}

	function setupForm(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Export"), () => download("download_vcard", { lead: frm.doc.name }));
	}

	const api = {
		downloadUrl,
		summaryHtml,
		errorsHtml,
		previewHtml,
		actionLabel,
		setupListView,
		setupForm,
		openImportDialog,
	};

	if (typeof module !== "undefined" && module.exports) {
		module.exports = api;
	}
	if (root) {
		root.xs_leads = root.xs_leads || {};
		root.xs_leads.io = api;
	}
})(typeof window !== "undefined" ? window : null);
