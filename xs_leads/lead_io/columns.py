"""The columns of lead files: the XS Lead fields a file can hold (custom fields included), in
form order after the ID; their labels in English, Norwegian and the user's language; and how a
cell of each is read (`reader`) and written (`cell_text`).

Links and selects are read by name or label in either language (industry also by NACE code,
responsible by e-mail or full name), so a file exported by a Norwegian user and edited in Excel
reads back as it was.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import frappe
from frappe import _
from frappe.utils.html_utils import sanitize_html

from xs_leads.domain import values as value_format
from xs_leads.domain.file_columns import header_key, keys_for
from xs_leads.domain.normalise import InvalidValue

DOCTYPE = "XS Lead"
ID = "name"
TEXT_TYPES = frozenset({"Data", "Small Text", "Text", "Long Text", "Text Editor", "Markdown Editor", "Code", "HTML Editor", "Phone", "Autocomplete", "Read Only", "Barcode", "Color", "Icon"})  # fmt: skip
NUMBER_TYPES = frozenset({"Float", "Currency", "Percent"})
INT_TYPES = frozenset({"Int", "Check", "Rating"})
VARCHAR_TYPES = frozenset({"Data", "Link", "Select", "Dynamic Link", "Phone", "Autocomplete", "Color", "Barcode"})  # fmt: skip
IMPORTABLE_TYPES = TEXT_TYPES | NUMBER_TYPES | INT_TYPES | {"Link", "Dynamic Link", "Select", "Date", "Datetime", "Time", "Duration"}  # fmt: skip
NOT_IMPORTABLE = frozenset({"Read Only"})
PRELOAD_LIMIT = 50_000
# XS Lead's own e-mail, website and phones: the controller's `normalise_lead_values` checks them
CONTROLLER_CHECKED = frozenset(
	{"email", "website", "phone", "fax", "direct_phone", "mobile"}
)  # Link targets with more records are looked up per distinct value


class CellProblem(Exception):
	"""A cell that cannot be read; the message is translated and names the value."""


@dataclass
class LeadColumn:
	fieldname: str
	fieldtype: str
	label: str  # English, as in the DocType
	options: str | None = None
	reqd: bool = False
	default: object = None
	length: int = 0
	labels: list[str] = field(default_factory=list)  # every label a header may use
	ignore_xss_filter: bool = False
	non_negative: bool = False

	@property
	def title(self) -> str:
		"""The label in the user's language, for headers and messages."""
		return _(self.label)

	@property
	def empty(self):
		if self.fieldname == ID:
			return None
		return 0 if self.fieldtype in INT_TYPES else 0.0 if self.fieldtype in NUMBER_TYPES else None


def id_column() -> LeadColumn:
	return LeadColumn(ID, "Int", "ID", labels=["ID", "Id", _("ID"), "Nr", "Nr."])


@functools.cache
def _app_norwegian() -> dict[str, str]:
	from babel.messages.pofile import read_po

	with open(Path(__file__).resolve().parents[1] / "locale" / "nb.po", "rb") as f:
		return {m.id: m.string for m in read_po(f) if m.id and m.string and not m.context}


def norwegian(text: str) -> str | None:
	"""Bokmål for a label or value: the app's own catalogue, else Frappe's (Gender, for one)."""
	if translated := _app_norwegian().get(text):
		return translated
	try:
		translated = frappe.get_all_translations("nb").get(text)
	except Exception:  # a site without Norwegian installed
		translated = None
	return translated if translated and translated != text else None


def labels_of(text: str) -> list[str]:
	return [t for t in (text, norwegian(text), _(text)) if t]


def lead_columns() -> list[LeadColumn]:
	"""The ID, then each data field of XS Lead (custom fields too) in form order: the template's order."""
	meta = frappe.get_meta(DOCTYPE)
	columns = [id_column()]
	for df in meta.fields:
		if (
			df.fieldtype not in IMPORTABLE_TYPES
			or df.fieldtype in NOT_IMPORTABLE
			or df.read_only
			or df.is_virtual
		):
			continue
		columns.append(
			LeadColumn(
				fieldname=df.fieldname,
				fieldtype=df.fieldtype,
				label=df.label or df.fieldname,
				options=df.options,
				reqd=bool(df.reqd),
				default=df.default,
				length=(df.length or 140) if df.fieldtype in VARCHAR_TYPES else 0,
				labels=labels_of(df.label or df.fieldname),
				ignore_xss_filter=bool(df.ignore_xss_filter),
				non_negative=bool(df.non_negative),
			)
		)
	return columns


def header_keys(columns: list[LeadColumn]) -> dict[str, str]:
	"""{header key: fieldname}; the ID column by its labels only ("name" is the company's name)."""
	keys = keys_for({c.fieldname: c.labels for c in columns if c.fieldname != ID})
	for column in columns:
		if column.fieldname == ID:
			for label in column.labels:
				keys.setdefault(header_key(label), ID)
	return keys


# --- reading cells -----------------------------------------------------------------------------------


class ChoiceLookup:
	"""Values of a Select or Link by name or label in English, Norwegian or the user's language."""

	AMBIGUOUS = object()

	def __init__(self, choices: dict[str, list[str]], fallback: Callable[[str], str | None] | None = None):
		names = {str(value).strip().casefold(): value for value in choices}
		by_label: dict[str, object] = {}
		for value, labels in choices.items():
			for label in labels:
				key = str(label or "").strip().casefold()
				if not key or key in names:
					continue  # a value's own name beats another value's label
				by_label[key] = value if by_label.get(key, value) == value else self.AMBIGUOUS
		self.by_key = {**by_label, **names}
		self.fallback = fallback
		self.cache: dict[str, str | None] = {}

	def find(self, text: str):
		key = text.casefold()
		found = self.by_key.get(key)
		if found is None and self.fallback:
			if key not in self.cache:
				self.cache[key] = self.fallback(text)
			found = self.cache[key]
		return found


def _select_lookup(column: LeadColumn) -> ChoiceLookup:
	options = [o for o in (column.options or "").split("\n") if o]
	return ChoiceLookup({o: labels_of(o) for o in options})


def _link_lookup(doctype: str) -> ChoiceLookup:
	if doctype == "User":
		users = frappe.get_all(
			"User", fields=["name", "email", "full_name"], filters={"name": ["!=", "Guest"]}
		)
		return ChoiceLookup({u.name: [u.email, u.full_name] for u in users})
	meta = frappe.get_meta(doctype)
	title_field = meta.get_title_field() if meta.show_title_field_in_link else None
	extra = [f for f in (title_field, "nace_code" if doctype == "XS Industry" else None) if f and f != "name"]
	if frappe.db.count(doctype) > PRELOAD_LIMIT:
		return ChoiceLookup({}, fallback=lambda text: frappe.db.exists(doctype, text) or None)
	records = frappe.get_all(doctype, fields=["name", *extra], limit_page_length=0)
	return ChoiceLookup({r.name: [*labels_of(r.name), *(r.get(f) for f in extra)] for r in records})


def reader(column: LeadColumn) -> Callable[[str], object]:
	"""The function turning a non-blank cell of `column` into its stored value, raising CellProblem."""
	fieldtype, title = column.fieldtype, column.title

	def problem(message: str, text: str):
		return CellProblem(message.format(text, title))

	if fieldtype in ("Float", "Currency", "Percent"):

		def read(text):
			try:
				number = value_format.parse_number(text)
			except InvalidValue:
				raise problem(_("{0} is not a number"), text)
			if column.non_negative and number < 0:
				raise CellProblem(_("{0} cannot be negative").format(title))
			return number

		return read
	if fieldtype in ("Int", "Rating"):

		def read(text):
			try:
				number = value_format.parse_int(text)
			except InvalidValue:
				raise problem(_("{0} is not a whole number"), text)
			if column.non_negative and number < 0:
				raise CellProblem(_("{0} cannot be negative").format(title))
			return number

		return read
	if fieldtype == "Check":

		def read(text):
			try:
				return value_format.parse_check(text)
			except InvalidValue:
				raise problem(_("{0} is not Yes or No (Ja/Nei, 1/0, x or blank)"), text)

		return read
	if fieldtype == "Date":

		def read(text):
			try:
				return value_format.parse_date(text)
			except InvalidValue:
				raise problem(_("{0} is not a date (dd.mm.yyyy)"), text)

		return read
	if fieldtype == "Datetime":

		def read(text):
			try:
				return value_format.parse_datetime(text)
			except InvalidValue:
				raise problem(_("{0} is not a date and time (dd.mm.yyyy hh:mm)"), text)

		return read
	if fieldtype == "Time":

		def read(text):
			try:
				return value_format.parse_time(text)
			except InvalidValue:
				raise problem(_("{0} is not a time (hh:mm)"), text)

		return read
	if fieldtype in ("Select", "Link"):
		lookup = _select_lookup(column) if fieldtype == "Select" else _link_lookup(column.options)

		def read(text):
			found = lookup.find(text)
			if found is ChoiceLookup.AMBIGUOUS:
				raise problem(_("{0} matches more than one value of {1}"), text)
			if found is None:
				raise problem(_("{0} is not a value of {1}"), text)
			return found

		read.uses_database = lookup.fallback is not None
		return read
	if (
		column.fieldtype == "Data"
		and column.options in ("Email", "URL", "Phone")
		and column.fieldname not in CONTROLLER_CHECKED
	):
		return _data_option_reader(column)
	if _keeps_html(column):
		return str.strip

	def read(text):
		# as Frappe's save sanitises text that looks like HTML (Document._sanitize_content)
		if ("<" in text or ">" in text) and "<!-- markdown -->" not in text:
			return sanitize_html(text, linkify=fieldtype == "Text Editor")
		return text

	return read


def _data_option_reader(column: LeadColumn) -> Callable[[str], object]:
	"""Data fields with an Email, URL or Phone option (custom fields): Frappe's own checks."""
	from frappe.utils import validate_email_address, validate_phone_number, validate_url

	check = {
		"Email": lambda text: bool(validate_email_address(text)),
		"URL": lambda text: validate_url(text, valid_schemes=["http", "https", "ftp", "ftps"]),
		"Phone": lambda text: validate_phone_number(text),
	}[column.options]

	def read(text):
		if not check(text):
			raise CellProblem(_("{0}: {1} is not a valid {2}").format(column.title, text, _(column.options)))
		return text

	return read


def _keeps_html(column: LeadColumn) -> bool:
	"""The fields Frappe's save leaves unsanitised."""
	return (
		column.ignore_xss_filter
		or column.fieldtype in ("Barcode", "Code")
		or (column.fieldtype in ("Data", "Small Text", "Text") and column.options == "Email")
	)


# --- writing cells -------------------------------------------------------------------------------------


def display_value(column: LeadColumn, value) -> str:
	"""A stored value as the user reads it: selects and masters translated, checks as Yes/No."""
	if value is None or value == "":
		return ""
	fieldtype = column.fieldtype
	if fieldtype == "Check":
		return _("Yes") if value else _("No")
	if fieldtype == "Select" or (
		fieldtype == "Link" and column.options in ("XS Industry", "XS Lead Source", "Gender")
	):
		return _(value)
	return str(value)


def cell_text(column: LeadColumn, value) -> str:
	"""A stored value as a CSV cell the importer reads back to the same value."""
	fieldtype = column.fieldtype
	if value is None or value == "":
		return ""
	if fieldtype in NUMBER_TYPES:
		return value_format.format_number(value)
	if fieldtype in ("Int", "Rating") or column.fieldname == ID:
		return str(int(value))
	if fieldtype == "Date":
		return value_format.format_date(value)
	if fieldtype == "Datetime":
		return value_format.format_datetime(value)
	if fieldtype == "Time":
		return value_format.format_time(value)
	return display_value(column, value)
