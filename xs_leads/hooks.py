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
before_uninstall = "xs_leads.install.before_uninstall"
after_migrate = ["xs_leads.services.duplicate_index.ensure_key_table"]

# The duplicate-check index follows every lead, company and contact person (xs_leads.services.duplicate_index)
_duplicate_index_events = {
	"on_update": "xs_leads.services.duplicate_index.index_document",
	"on_trash": "xs_leads.services.duplicate_index.unindex_document",
	"after_rename": "xs_leads.services.duplicate_index.reindex_renamed_document",
}
doc_events = {
	"XS Lead": {
		**_duplicate_index_events,
		"after_insert": "xs_leads.services.duplicate_search.warn_about_duplicates_of_new_lead",
	},
	"XS Company": _duplicate_index_events,
	"Contact": _duplicate_index_events,
	# custom fields land in the lead's Custom Fields tab
	"Custom Field": {
		"before_validate": "xs_leads.services.custom_fields.place_in_custom_fields_tab",
	},
}

# The record a merge leaves on a lead is history: it does not keep the lead from being deleted
ignore_links_on_delete = ["XS Lead Merge"]

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
	# the lead form's Duplicate check window and Merge dialog
	"/assets/xs_leads/js/xs_lead_duplicates.js",
]
# click-to-call links under the phone fields
doctype_js = {"XS Lead": "public/js/xs_lead_form_tools.js"}
app_include_css = "/assets/xs_leads/css/xs_leads.css"

# incoming mail of an Email Account set to "Append To: XS Lead" creates or joins a lead
# (the DocType's email_append_to / sender_field / subject_field; older Frappe read this hook)
email_append_to = ["XS Lead"]

require_type_annotated_api_methods = True
export_python_type_annotations = True

# lead search: fold the search index's change log into its postings
scheduler_events = {"cron": {"* * * * *": ["xs_leads.lead_search.index.compact_changes"]}}

# XS Lead in the awesome bar's global search (name, organisation number, contact person, e-mail, phones)
global_search_doctypes = {"Default": [{"doctype": "XS Lead", "index": 1}]}
