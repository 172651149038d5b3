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

# helpers of the list view and form (classification and first-contact icons, people as initials;
# import and export)
app_include_js = [
	"/assets/xs_leads/js/xs_lead_indicators.js",
	"/assets/xs_leads/js/xs_lead_columns.js",
	"/assets/xs_leads/js/xs_lead_io.js",
]
app_include_css = "/assets/xs_leads/css/xs_leads.css"

require_type_annotated_api_methods = True
export_python_type_annotations = True
