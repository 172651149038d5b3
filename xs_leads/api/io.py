"""Lead files over the API: CSV import (preview, run, template), list exports, vCards.

Thin endpoints: the permission check first, then `xs_leads.lead_io`. Downloads answer the way
Frappe's own Contact vCard download does (`frappe.response` filename / filecontent / type).
"""

import re

import frappe
from frappe import _
from frappe.utils import cint

from xs_leads.domain import semicolon_csv
from xs_leads.domain.vcard import leads_vcards
from xs_leads.lead_io import exporter, importer
from xs_leads.lead_io.columns import DOCTYPE, cell_text, lead_columns

VCARD_FIELDS = ["name", "company_name", "first_name", "last_name", "job_title", "email", "phone", "direct_phone", "mobile", "fax", "website", "note", "organisation_number"]  # fmt: skip
TEMPLATE_EXAMPLE = {
	"company_name": "Eksempel Bygg AS",
	"industry": "Construction",
	"website": "www.eksempelbygg.no",
	"organisation_number": "923609016",
	"phone": "22 33 44 55",
	"employees": 12,
	"annual_revenue": 4500000.5,
	"subject": "Ring om tilbud",
	"contact_status": "Not Contacted",
	"classification": "Hot",
	"source": "Import",
	"note": "Ønsker tilbud på nytt tak; ring etter kl. 10",
	"last_name": "Nordmann",
	"first_name": "Kari",
	"job_title": "Daglig leder",
	"gender": "Female",
	"email": "kari@eksempelbygg.no",
	"mobile": "912 34 567",
}


def _options(has_header_row, update_existing, update_note) -> importer.ImportOptions:
	return importer.ImportOptions(
		has_header_row=bool(cint(has_header_row)),
		update_existing=bool(cint(update_existing)),
		update_note=bool(cint(update_note)),
	)


def _check_import_permission(options: importer.ImportOptions) -> None:
	frappe.has_permission(DOCTYPE, "import", throw=True)
	frappe.has_permission(DOCTYPE, "create", throw=True)
	if options.update_existing:
		frappe.has_permission(DOCTYPE, "write", throw=True)


@frappe.whitelist()
@frappe.read_only()
def preview_import(
	file_url: str, has_header_row: int | str = 1, update_existing: int | str = 0, update_note: int | str = 0
) -> dict:
	"""Parse and validate the file, write nothing: its first rows, every error, the counts."""
	options = _options(has_header_row, update_existing, update_note)
	_check_import_permission(options)
	return importer.LeadImport(importer.file_content(file_url), options).preview()


@frappe.whitelist(methods=["POST"])
def run_import(
	file_url: str, has_header_row: int | str = 1, update_existing: int | str = 0, update_note: int | str = 0
) -> dict:
	"""Import the file: up to 1,000 rows at once (summary and errors), larger ones as a background
	job (the name of its XS Lead Import record)."""
	options = _options(has_header_row, update_existing, update_note)
	_check_import_permission(options)
	return importer.start_import(file_url, options)


@frappe.whitelist()
def download_template() -> None:
	"""The seed's "Mal-fil": the importer's header and one example row, UTF-8 with BOM, semicolons."""
	frappe.has_permission(DOCTYPE, "import", throw=True)
	columns = lead_columns()
	example = [
		semicolon_csv.neutralise_formula(cell_text(c, TEMPLATE_EXAMPLE.get(c.fieldname))) for c in columns
	]
	content = semicolon_csv.to_text([[c.title for c in columns], example])
	_download(f"{_('Lead import template')}.csv", content.encode("utf-8"), "text/csv; charset=utf-8")


@frappe.whitelist()
@frappe.read_only()
def export_leads(
	file_format: str, filters: str | list | dict | None = None, names: str | list | None = None
) -> None:
	"""The list's leads (its current filters, or the selected `names`) as csv, xlsx or pdf."""
	frappe.has_permission(DOCTYPE, "export", throw=True)
	filename, content, content_type = exporter.export_file(
		(file_format or "").lower(), frappe.parse_json(filters) or None, _names(names)
	)
	_download(filename, content, content_type)


@frappe.whitelist()
@frappe.read_only()
def download_vcard(lead: str | int | None = None, names: str | list | None = None) -> None:
	"""One lead (the form's Export button) or the selected ones as a .vcf, checked like a Contact's."""
	wanted = _names(names) or ([int(lead)] if lead not in (None, "") else [])
	if not wanted:
		frappe.throw(_("Choose the leads to export"))
	frappe.has_permission(DOCTYPE, "read", throw=True)
	leads = frappe.get_list(
		DOCTYPE,
		fields=VCARD_FIELDS,
		filters={"name": ["in", wanted]},
		order_by="name asc",
		limit_page_length=0,
	)
	if len(leads) != len(set(wanted)):
		missing = sorted(set(wanted) - {lead.name for lead in leads})
		frappe.throw(
			_("Not permitted to read lead {0}").format(", ".join(map(str, missing))), frappe.PermissionError
		)
	filename = leads[0].company_name if len(leads) == 1 else _("Leads")
	_download(
		f"{_safe_filename(filename)}.vcf", leads_vcards(leads).encode("utf-8"), "text/vcard; charset=utf-8"
	)


def _names(names) -> list[int]:
	names = frappe.parse_json(names) if isinstance(names, str) else names
	if isinstance(names, int | str):
		names = [names]
	try:
		return [int(name) for name in names or []]
	except (TypeError, ValueError):
		frappe.throw(_("Lead IDs are numbers"))


def _safe_filename(name: str) -> str:
	return re.sub(r'[\\/:*?"<>|\r\n]+', "-", name).strip(" .-") or _("Leads")


def _download(filename: str, content: bytes, content_type: str) -> None:
	frappe.response["filename"] = filename
	frappe.response["filecontent"] = content
	frappe.response["type"] = "download"
	frappe.response["content_type"] = content_type
