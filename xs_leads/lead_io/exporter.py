"""Exports of the lead list: CSV (for the round trip through a spreadsheet), Excel and a basic PDF.

The rows come a page at a time (keyset paging on the ID through `frappe.get_list`, so the user's
permissions apply) and are written to a temporary file as they come: memory holds one page, not
the list. CSV and Excel have the importer's columns: ID first, then every field, custom ones too.
"""

import datetime
import html
import tempfile
from collections.abc import Iterator

import frappe
from frappe import _
from frappe.utils import format_datetime as format_user_datetime
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from xs_leads.domain import semicolon_csv
from xs_leads.domain.semicolon_csv import FORMULA_TRIGGERS, neutralise_formula
from xs_leads.lead_io.columns import (
	DOCTYPE,
	ID,
	INT_TYPES,
	NUMBER_TYPES,
	LeadColumn,
	cell_text,
	display_value,
	lead_columns,
)

PAGE_SIZE = 5000
MAX_PDF_ROWS = 2000
TEXT_LIKE = frozenset({"Data", "Link", "Select", "Dynamic Link", "Small Text", "Text", "Long Text", "Phone", "Autocomplete", "Code", "Text Editor"})  # fmt: skip
PDF_COLUMNS = (
	"name",
	"company_name",
	"subject",
	"industry",
	"responsible",
	"contact_status",
	"classification",
)
FORMATS = {
	"csv": ("csv", "text/csv; charset=utf-8"),
	"xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
	"pdf": ("pdf", "application/pdf"),
}


def normalised_filters(filters, names) -> list:
	"""The list's filters (Desk list form or a dict) as a list, narrowed to `names` when given."""
	if isinstance(filters, dict):
		filters = [
			[key, *value] if isinstance(value, list | tuple) else [key, "=", value]
			for key, value in filters.items()
		]
	filters = list(filters or [])
	if names:
		filters.append(["name", "in", [int(n) for n in names]])
	return filters


def lead_pages(fieldnames: list[str], filters: list, page_size: int = PAGE_SIZE) -> Iterator[list[tuple]]:
	"""Rows (tuples in `fieldnames` order, the ID first) the user may read, a page at a time, by ID."""
	last = None
	while True:
		page_filters = [*filters, ["name", ">", last]] if last is not None else filters
		rows = frappe.get_list(
			DOCTYPE,
			fields=fieldnames,
			filters=page_filters,
			order_by="name asc",
			limit_page_length=page_size,
			as_list=True,
		)
		if not rows:
			return
		yield rows
		if len(rows) < page_size:
			return
		last = rows[-1][0]


def export_file(file_format: str, filters=None, names=None) -> tuple[str, bytes, str]:
	"""(file name, content, content type) of the leads in the list's filters or among `names`."""
	if file_format not in FORMATS:
		frappe.throw(_("Unknown export format {0}: use csv, xlsx or pdf").format(file_format))
	filters = normalised_filters(filters, names)
	extension, content_type = FORMATS[file_format]
	writer = {"csv": write_csv, "xlsx": write_xlsx, "pdf": write_pdf}[file_format]
	content = writer(filters)
	stamp = datetime.datetime.now().strftime("%Y-%m-%d")
	return f"{_('Leads')}-{stamp}.{extension}", content, content_type


# --- CSV ---------------------------------------------------------------------------------------------


def write_csv(filters: list) -> bytes:
	"""Semicolons, UTF-8 with BOM, the importer's labels: what the importer reads back unchanged."""
	columns = lead_columns()
	with tempfile.TemporaryFile() as raw:
		text = _text_stream(raw)
		text.write(semicolon_csv.BOM)
		out = semicolon_csv.writer(text)
		out.writerow([c.title for c in columns])
		formatters = [_csv_formatter(c) for c in columns]
		for page in lead_pages([c.fieldname for c in columns], filters):
			out.writerows([[f(v) for f, v in zip(formatters, row, strict=True)] for row in page])
		text.flush()
		text.detach()
		raw.seek(0)
		return raw.read()


def _text_stream(raw):
	import io

	return io.TextIOWrapper(raw, encoding="utf-8", newline="")


def _csv_formatter(column: LeadColumn):
	if column.fieldtype in TEXT_LIKE and column.fieldname != ID:
		return lambda value: neutralise_formula(cell_text(column, value))
	return lambda value: cell_text(column, value)


# --- Excel -------------------------------------------------------------------------------------------


def write_xlsx(filters: list) -> bytes:
	"""Typed cells (numbers, dates, Yes/No as booleans), a bold frozen header with autofilter."""
	columns = lead_columns()
	workbook = Workbook(write_only=True)
	sheet = workbook.create_sheet(_("Leads"))
	pages = lead_pages([c.fieldname for c in columns], filters)
	first_page = next(pages, [])
	for index, column in enumerate(columns, 1):
		sheet.column_dimensions[get_column_letter(index)].width = _column_width(column, first_page, index - 1)
	sheet.freeze_panes = "A2"
	bold = Font(bold=True)
	header = []
	for column in columns:
		cell = WriteOnlyCell(sheet, value=column.title)
		cell.font = bold
		header.append(cell)
	sheet.append(header)
	writers = [_xlsx_writer(sheet, c) for c in columns]
	count = 0
	for page in _chain([first_page], pages):
		for row in page:
			sheet.append([w(v) for w, v in zip(writers, row, strict=True)])
		count += len(page)
	sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
	with tempfile.NamedTemporaryFile(suffix=".xlsx") as file:
		workbook.save(file.name)
		file.seek(0)
		return file.read()


def _chain(first, rest):
	yield from first
	yield from rest


def _column_width(column: LeadColumn, sample: list[tuple], index: int) -> float:
	lengths = [len(column.title)]
	lengths += [len(cell_text(column, row[index])) for row in sample[:500]]
	return min(max(max(lengths) + 2, 8), 50)


def _xlsx_writer(sheet, column: LeadColumn):
	fieldtype = column.fieldtype
	if column.fieldname == ID or fieldtype in ("Int", "Rating"):
		return lambda value: None if value is None else int(value)
	if fieldtype in NUMBER_TYPES:
		return lambda value: None if value is None else float(value)
	if fieldtype == "Check":
		return lambda value: bool(value)
	if fieldtype in ("Date", "Datetime"):
		number_format = "DD.MM.YYYY" if fieldtype == "Date" else "DD.MM.YYYY HH:MM:SS"

		def date_cell(value):
			if not value:
				return None
			cell = WriteOnlyCell(sheet, value=value)
			cell.number_format = number_format
			return cell

		return date_cell

	def text_cell(value):
		text = ILLEGAL_CHARACTERS_RE.sub("", display_value(column, value))
		if not text.startswith(FORMULA_TRIGGERS):
			return text or None
		# stays text in Excel: a string cell marked with the quote prefix Excel itself uses
		cell = WriteOnlyCell(sheet, value=text)
		cell.data_type = "s"
		cell.quotePrefix = True
		return cell

	return text_cell


# --- PDF ---------------------------------------------------------------------------------------------


def write_pdf(filters: list) -> bytes:
	"""A basic printable list (the seed's "basisversjon"), through Frappe's own PDF tooling."""
	from frappe.utils.pdf import get_pdf

	by_fieldname = {c.fieldname: c for c in lead_columns()}
	columns = [by_fieldname[f] for f in PDF_COLUMNS]
	fieldnames = [*PDF_COLUMNS, "modified", "modified_by"]
	rows = next(lead_pages(fieldnames, filters, page_size=MAX_PDF_ROWS + 1), [])
	count = len(rows)
	if count > MAX_PDF_ROWS:
		frappe.throw(
			_("The PDF list holds at most {0} leads: filter the list or export to Excel").format(
				MAX_PDF_ROWS
			),
			title=_("Too Many Leads for PDF"),
		)
	document = _pdf_html(columns, rows, count)
	try:
		return get_pdf(document, {"orientation": "Landscape"})
	except (OSError, NotImplementedError, ImportError) as e:
		frappe.log_error("XS Lead PDF export")
		frappe.throw(
			_("PDF export needs wkhtmltopdf on the server, which is missing or failed: {0}").format(
				html.escape(str(e))
			),
			title=_("PDF Not Available"),
		)


def _pdf_html(columns: list[LeadColumn], rows: list[tuple], count: int) -> str:
	escape = html.escape
	headers = [*(c.title for c in columns), _("Last Modified"), _("Modified By")]
	body = []
	for row in rows:
		cells = [display_value(c, v) for c, v in zip(columns, row, strict=False)]
		cells += [format_user_datetime(row[-2]), row[-1] or ""]
		body.append("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in cells) + "</tr>")
	title = escape(_("Leads"))
	return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: Helvetica, Arial, sans-serif; font-size: 9pt; }}
h1 {{ font-size: 14pt; margin: 0 0 4px; }}
p {{ margin: 0 0 8px; color: #555; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #ccc; padding: 3px 4px; text-align: left; vertical-align: top; }}
th {{ background: #eee; }}
tr {{ page-break-inside: avoid; }}
</style></head><body>
<h1>{title}</h1>
<p>{escape(_("{0} leads, printed {1}").format(count, format_user_datetime(datetime.datetime.now())))}</p>
<table><thead><tr>{"".join(f"<th>{escape(h)}</th>" for h in headers)}</tr></thead>
<tbody>{"".join(body)}</tbody></table></body></html>"""
