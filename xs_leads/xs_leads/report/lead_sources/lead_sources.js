// Lead Sources: filters (period, responsible, industry) shared by the three lead reports.
frappe.query_reports["Lead Sources"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date" },
		{
			fieldname: "responsible",
			label: __("Responsible"),
			fieldtype: "Link",
			options: "User",
		},
		{ fieldname: "industry", label: __("Industry"), fieldtype: "Link", options: "XS Industry" },
	],
};
