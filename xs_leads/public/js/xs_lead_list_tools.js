/* global $, format_number */
// The XS Lead list's tools (issue 9): the Search dialog and its criteria, the "Show" quick filters,
// "Show criteria" and "Reset", and deleting many leads at once. (The register links are the
// organisation number column's formatter in xs_lead_list.js.)
// `xs_leads.list_tools.setup(listview)` is called from xs_lead_list.js `onload`; the pure parts live in
// xs_lead_criteria.js and xs_lead_links.js. Loaded through hooks.py `app_include_js`.
(function () {
	"use strict";

	const DOCTYPE = "XS Lead";
	const SEARCH_METHOD = "xs_leads.api.search.list_view_page";
	const DELETE_METHOD = "xs_leads.api.deletion.delete_leads";

	function setup(listview) {
		listview.xs_extra_criteria = listview.xs_extra_criteria || {};
		routeThroughSearch(listview);
		addToolbar(listview);
		replaceBulkDelete(listview);
	}

	function currentCriteria(listview) {
		const { criteria } = xs_leads.criteria.filtersToCriteria(
			listview.filter_area.get(),
			frappe.session.user
		);
		return Object.assign({}, criteria, listview.xs_extra_criteria);
	}

	// --- list data through the search when criteria apply: fast, exact totals, æøå-aware text ----------

	function routeThroughSearch(listview) {
		const callArgs = listview.get_call_args.bind(listview);
		listview.get_call_args = function () {
			const call = callArgs();
			const hasCriteria = Object.keys(currentCriteria(this)).length > 0;
			if (!hasCriteria || this.view !== "List") return call;
			return Object.assign({}, call, {
				method: SEARCH_METHOD,
				args: Object.assign({}, call.args, { criteria: this.xs_extra_criteria }),
			});
		};
		const prepareData = listview.prepare_data.bind(listview);
		listview.prepare_data = function (r) {
			const message = r && r.message;
			this.xs_result =
				message && !Array.isArray(message) && "total" in message
					? { total: message.total, estimate: message.total_is_estimate }
					: null;
			return prepareData(r);
		};
		const countString = listview.get_count_str.bind(listview);
		listview.get_count_str = function () {
			if (!this.xs_result) return countString();
			this.total_count = this.xs_result.total;
			const total = format_number(this.xs_result.total, null, 0);
			return Promise.resolve(
				__("{0} of {1}", [
					format_number(this.data.length, null, 0),
					this.xs_result.estimate ? __("about {0}", [total]) : total,
				])
			);
		};
	}

	// --- toolbar: Search, Show (my / active leads), Show criteria, Reset ----------------------------

	function addToolbar(listview) {
		const show = __("Show");
		listview.page.add_inner_button(__("My Leads"), () => toggleQuickFilter(listview, "mine"), show);
		listview.page.add_inner_button(__("Active Leads"), () => toggleQuickFilter(listview, "active"), show);
		listview.page.add_inner_button(__("Show Criteria"), () => showCriteria(listview));
		listview.page.add_inner_button(__("Reset"), () => resetCriteria(listview));
		listview.page.add_inner_button(__("Search"), () => openSearchDialog(listview));
		renderExtraCriteria(listview);
	}

	function toggleQuickFilter(listview, which) {
		const wanted =
			which === "mine"
				? xs_leads.criteria.myFilters(DOCTYPE, frappe.session.user)
				: xs_leads.criteria.activeFilters(DOCTYPE);
		return setFilters(listview, xs_leads.criteria.toggleFilters(listview.filter_area.get(), wanted));
	}

	function setFilters(listview, filters) {
		return listview.filter_area.clear(false).then(() => {
			if (filters.length) return listview.filter_area.add(filters);
			return refreshNow(listview);
		});
	}

	function applyCriteria(listview, criteria) {
		const { filters, extra } = xs_leads.criteria.criteriaToFilters(
			criteria,
			DOCTYPE,
			frappe.session.user
		);
		// filters that are no criterion (set in the filter area by hand) stay
		const { rest } = xs_leads.criteria.filtersToCriteria(
			listview.filter_area.get(),
			frappe.session.user
		);
		listview.xs_extra_criteria = extra;
		renderExtraCriteria(listview);
		return setFilters(listview, [...rest, ...filters]);
	}

	function resetCriteria(listview) {
		listview.xs_extra_criteria = {};
		renderExtraCriteria(listview);
		return setFilters(listview, []);
	}

	// the criteria's names as the Search dialog (and the seed's search) calls them
	function labelOf(key) {
		const labels = {
			contact_status: __("Status"),
			classification: __("Classification"),
			responsible: __("Responsible"),
			industry: __("Industry"),
			company_name: __("Company Name"),
			contact_person: __("Contact Person"),
			subject: __("Subject"),
			note: __("Note"),
			employees: __("Number of Employees"),
			annual_revenue: __("Annual Revenue"),
			text: __("Text"),
		};
		return labels[key] || key;
	}

	function showCriteria(listview) {
		const lines = xs_leads.criteria.describe(currentCriteria(listview), labelOf, __);
		const none = __("No search criteria are active.");
		const body = lines.length
			? `<table class="table table-bordered xs-lead-criteria-table"><tbody>${lines
					.map(
						([label, value]) =>
							`<tr><th>${frappe.utils.escape_html(label)}</th><td>${frappe.utils.escape_html(
								value
							)}</td></tr>`
					)
					.join("")}</tbody></table>`
			: `<p class="text-muted">${none}</p>`;
		frappe.msgprint({ title: __("Search Criteria"), message: body, indicator: "blue" });
	}

	// contact person and text have no field of their own: shown as pills beside the filters
	function renderExtraCriteria(listview) {
		let $area = listview.page.page_form.find(".xs-lead-extra-criteria");
		if (!$area.length) {
			$area = $('<div class="xs-lead-extra-criteria flex"></div>').appendTo(listview.page.page_form);
		}
		$area.empty();
		const remove = __("Remove");
		for (const [key, value] of Object.entries(listview.xs_extra_criteria || {})) {
			const $pill = $(`<button class="btn btn-xs btn-default xs-lead-criterion-pill" data-criterion="${key}">
				<span></span> <span class="xs-lead-criterion-remove" title="${remove}">×</span>
			</button>`);
			$pill.find("span:first").text(`${labelOf(key)}: ${value}`);
			$pill.on("click", () => {
				delete listview.xs_extra_criteria[key];
				renderExtraCriteria(listview);
				refreshNow(listview);
			});
			$area.append($pill);
		}
	}

	function openSearchDialog(listview) {
		const operators = ["", ...xs_leads.criteria.OPERATORS].join("\n");
		const dialog = new frappe.ui.Dialog({
			title: __("Search Leads"),
			size: "large",
			fields: [
				{ fieldtype: "Select", fieldname: "contact_status", label: __("Status"), options: selectOptions("contact_status") },
				{ fieldtype: "Select", fieldname: "classification", label: __("Classification"), options: selectOptions("classification") },
				{
					fieldtype: "Link",
					fieldname: "responsible",
					label: __("Responsible"),
					options: "User",
					get_query: () => ({ filters: { user_type: "System User", enabled: 1 } }),
				},
				{ fieldtype: "Link", fieldname: "industry", label: __("Industry"), options: "XS Industry" },
				{ fieldtype: "Column Break" },
				{ fieldtype: "Data", fieldname: "company_name", label: __("Company Name") },
				{ fieldtype: "Data", fieldname: "contact_person", label: __("Contact Person") },
				{ fieldtype: "Data", fieldname: "subject", label: __("Subject") },
				{ fieldtype: "Data", fieldname: "note", label: __("Note") },
				{ fieldtype: "Section Break" },
				{ fieldtype: "Select", fieldname: "employees_operator", label: __("Number of Employees"), options: operators },
				{ fieldtype: "Int", fieldname: "employees_value", label: __("Number") },
				{ fieldtype: "Column Break" },
				{ fieldtype: "Select", fieldname: "annual_revenue_operator", label: __("Annual Revenue"), options: operators },
				{ fieldtype: "Currency", fieldname: "annual_revenue_value", label: __("Amount") },
				{ fieldtype: "Section Break" },
				{
					fieldtype: "Data",
					fieldname: "text",
					label: __("Text"),
					description: __("Name, organisation number, contact person, e-mail or phone"),
				},
				{ fieldtype: "Column Break" },
				{ fieldtype: "Check", fieldname: "mine", label: __("Only leads I am responsible for") },
				{ fieldtype: "Check", fieldname: "active", label: __("Only active leads") },
			],
			primary_action_label: __("Search"),
			primary_action(values) {
				dialog.hide();
				applyCriteria(listview, xs_leads.criteria.dialogToCriteria(values));
			},
			secondary_action_label: __("Reset"),
			secondary_action() {
				dialog.hide();
				resetCriteria(listview);
			},
		});
		dialog.set_values(xs_leads.criteria.criteriaToDialog(currentCriteria(listview)));
		dialog.show();
		return dialog;
	}

	function selectOptions(fieldname) {
		const df = frappe.meta.get_docfield(DOCTYPE, fieldname);
		return ["", ...String((df && df.options) || "").split("\n")].join("\n");
	}

	// --- Actions → Delete: one operation, in the background when there are many -------------------

	function replaceBulkDelete(listview) {
		if (!frappe.model.can_delete(DOCTYPE)) return;
		const label = __("Delete", null, "Button in list view actions menu");
		const $native = listview.page.actions
			.find(".menu-item-label")
			.filter((_, el) => $(el).text().trim() === label)
			.closest("a");
		const action = () => deleteChecked(listview);
		if ($native.length) {
			$native.off("click").on("click", action);
		} else {
			listview.page.add_actions_menu_item(label, action, true);
		}
	}

	function deleteChecked(listview) {
		const names = listview.get_checked_items(true);
		if (!names.length) return;
		const message =
			names.length === 1
				? __("Delete {0} lead permanently?", [names.length])
				: __("Delete {0} leads permanently?", [names.length]);
		frappe.confirm(message, () =>
			frappe
				.call({ method: DELETE_METHOD, args: { names }, freeze: true, freeze_message: __("Deleting...") })
				.then((r) => {
					const result = r.message || {};
					if (result.queued) {
						frappe.show_alert({
							message: __("Deleting {0} leads in the background. You will be notified when it is done.", [
								result.count,
							]),
							indicator: "blue",
						});
					} else if (result.failed && result.failed.length) {
						frappe.msgprint({
							title: __("Some leads were not deleted"),
							message: result.failed.map((f) => frappe.utils.escape_html(`${f.name}: ${f.error}`)).join("<br>"),
							indicator: "orange",
						});
					}
					listview.clear_checked_items();
					refreshNow(listview);
				})
		);
	}

	// the list skips a refresh with the same arguments as one in the last 3 s: the rows changed, though
	function refreshNow(listview) {
		listview.last_args = null;
		return listview.refresh();
	}

	window.xs_leads = window.xs_leads || {};
	window.xs_leads.list_tools = { setup, openSearchDialog, applyCriteria, resetCriteria, currentCriteria };
})();
