// Report "XS Lead Duplicates": lead pairs above a score threshold; "Run Scan" scans a large base
// in the background (a progress bar shows while it runs) and shows its result when done.
frappe.query_reports["XS Lead Duplicates"] = {
	filters: [
		{
			fieldname: "threshold",
			label: __("Score Threshold"),
			fieldtype: "Int",
			default: 85,
			reqd: 1,
		},
		{
			fieldname: "scan",
			label: __("Scan"),
			fieldtype: "Link",
			options: "XS Lead Duplicate Scan",
			get_query: () => ({ filters: { status: "Completed" } }),
		},
	],

	onload(report) {
		report.page.set_title(__("XS Lead Duplicates"));
		report.page.add_inner_button(__("Run Scan"), () => {
			frappe.call({
				method: "xs_leads.api.duplicates.start_duplicate_scan",
				args: { threshold: report.get_filter_value("threshold") },
				freeze: true,
				callback: (r) => {
					frappe.show_alert({
						message: __("Scan {0} started: the report shows it when it is done", [r.message.scan]),
						indicator: "blue",
					});
				},
			});
		});
		frappe.realtime.off("xs_lead_duplicate_scan");
		frappe.realtime.on("xs_lead_duplicate_scan", (data) => {
			if (data.status === "Completed") {
				frappe.hide_progress();
				report.set_filter_value("scan", data.scan);
			} else {
				frappe.msgprint(__("Scan {0} failed: see its record", [data.scan]));
			}
		});
	},
};
