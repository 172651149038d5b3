app_name = "xs_leads"
app_title = "XS Leads"
app_publisher = "xs_leads developers"
app_description = (
	"Lead management (CRM – Ledetråder) for Frappe: call lists, qualification, Norwegian business data"
)
app_email = "dev@xs-leads.invalid"
app_license = "mit"
required_apps = []

before_install = "xs_leads.install.before_install"
after_install = "xs_leads.install.after_install"

app_include_js = [
	# helpers shared by the list view (classification and first-contact icons, people as initials)
	"/assets/xs_leads/js/xs_lead_indicators.js",
	"/assets/xs_leads/js/xs_lead_columns.js",
	# the activity tabs of the lead, company and opportunity forms
	"/assets/xs_leads/js/xs_activity_tabs.js",
	# the Convert dialog of the lead form and list
	"/assets/xs_leads/js/xs_lead_conversion.js",
	# the Import dialog, Export buttons and vCards of the lead list and form
	"/assets/xs_leads/js/xs_lead_io.js",
	# lead search, register and phone links, list tools, the new-lead shortcut
	"/assets/xs_leads/js/xs_lead_links.js",
	"/assets/xs_leads/js/xs_lead_criteria.js",
	"/assets/xs_leads/js/xs_lead_list_tools.js",
	"/assets/xs_leads/js/xs_lead_desk.js",
]
# click-to-call links under the phone fields
doctype_js = {"XS Lead": "public/js/xs_lead_form_tools.js"}
app_include_css = "/assets/xs_leads/css/xs_leads.css"

# incoming mail of an Email Account set to "Append To: XS Lead" creates or joins a lead
# (the DocType's email_append_to / sender_field / subject_field; older Frappe read this hook)
email_append_to = ["XS Lead"]

require_type_annotated_api_methods = True
export_python_type_annotations = True

doc_events = {
	"Custom Field": {
		"before_validate": "xs_leads.services.custom_fields.place_in_custom_fields_tab",
	},
}

# lead search: fold the search index's change log into its postings
scheduler_events = {"cron": {"* * * * *": ["xs_leads.lead_search.index.compact_changes"]}}

# XS Lead in the awesome bar's global search (name, organisation number, contact person, e-mail, phones)
global_search_doctypes = {"Default": [{"doctype": "XS Lead", "index": 1}]}
