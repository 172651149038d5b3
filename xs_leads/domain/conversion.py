"""What converting a lead does, as plain data: its options and the values of the records it makes.

Free of Frappe. `parse_options` turns what a caller sent (a dict whose values may be strings, as
form and REST clients send them) into `ConversionOptions`, or raises `InvalidOption` naming the
option and its value; the `*_values` functions map a lead (a dict of its fields) onto the
company, contact person and sales opportunity it becomes.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

COMPANY_TYPES = ("Customer", "Supplier", "Customer and Supplier", "Neither")
LEAD_ACTIONS = ("Keep", "Deactivate", "Delete")
LEAD_ACTION_RESULTS = {"Keep": "kept", "Deactivate": "deactivated", "Delete": "deleted"}

# XS Lead field -> XS Company field: the company keeps what the lead knew about the business
COMPANY_FIELDS_FROM_LEAD = {
	"company_name": "company_name",
	"organisation_number": "organisation_number",
	"industry": "industry",
	"website": "website",
	"phone": "phone",
	"fax": "fax",
	"employees": "employees",
	"annual_revenue": "annual_revenue",
	"credit_worthy": "credit_worthy",
	"payment_remarks": "payment_remarks",
	"responsible": "responsible",
	"note": "note",
}

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


class InvalidOption(ValueError):
	"""An option the conversion does not know, or a value it cannot take.

	`reason` is one of: "unknown", "choice" (not one of `choices`), "flag" (not yes/no),
	"number", "negative", "date".
	"""

	def __init__(self, option: str, value, reason: str, choices: tuple[str, ...] = ()):
		super().__init__(f"{option}={value!r}: {reason}")
		self.option = option
		self.value = value
		self.reason = reason
		self.choices = choices


@dataclass(frozen=True)
class ConversionOptions:
	create_company: bool = True
	company_type: str = "Customer"
	company_category: str | None = None
	create_contact: bool | None = None  # None: only when the lead names a contact person
	create_opportunity: bool = False
	opportunity_title: str | None = None
	opportunity_value: float | None = None
	opportunity_close_date: datetime.date | None = None
	lead_action: str = "Deactivate"

	@property
	def lead_action_result(self) -> str:
		""" "kept", "deactivated" or "deleted": what the conversion reports it did with the lead."""
		return LEAD_ACTION_RESULTS[self.lead_action]


OPTION_NAMES = tuple(ConversionOptions.__dataclass_fields__)


def parse_options(raw: Mapping | None) -> ConversionOptions:
	"""Options from what a caller sent; a missing, None or "" value takes the default."""
	raw = dict(raw or {})
	for option in raw:
		if option not in OPTION_NAMES:
			raise InvalidOption(option, raw[option], "unknown")
	given = {option: value for option, value in raw.items() if not _is_blank(value)}
	values = {}
	for option in ("create_company", "create_contact", "create_opportunity"):
		if option in given:
			values[option] = parse_flag(option, given[option])
	if "company_type" in given:
		values["company_type"] = parse_choice("company_type", given["company_type"], COMPANY_TYPES)
	if "lead_action" in given:
		values["lead_action"] = parse_choice("lead_action", given["lead_action"], LEAD_ACTIONS)
	for option in ("company_category", "opportunity_title"):
		if option in given:
			values[option] = str(given[option]).strip()
	if "opportunity_value" in given:
		values["opportunity_value"] = parse_amount("opportunity_value", given["opportunity_value"])
	if "opportunity_close_date" in given:
		values["opportunity_close_date"] = parse_date(
			"opportunity_close_date", given["opportunity_close_date"]
		)
	return ConversionOptions(**values)


def _is_blank(value) -> bool:
	return value is None or (isinstance(value, str) and not value.strip())


def parse_flag(option: str, value) -> bool:
	if isinstance(value, bool):
		return value
	if isinstance(value, int | float) and value in (0, 1):
		return bool(value)
	text = str(value).strip().lower()
	if text in _TRUE:
		return True
	if text in _FALSE:
		return False
	raise InvalidOption(option, value, "flag")


def parse_choice(option: str, value, choices: tuple[str, ...]) -> str:
	text = str(value).strip()
	for choice in choices:
		if text.casefold() == choice.casefold():
			return choice
	raise InvalidOption(option, value, "choice", choices)


def parse_amount(option: str, value) -> float:
	"""A non-negative amount: a number, or a string such as "250000", "250 000" or "12500,50"."""
	if isinstance(value, bool):
		raise InvalidOption(option, value, "number")
	if isinstance(value, int | float):
		amount = float(value)
	else:
		text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
		try:
			amount = float(text)
		except ValueError:
			raise InvalidOption(option, value, "number")
	if amount != amount or amount in (float("inf"), float("-inf")):
		raise InvalidOption(option, value, "number")
	if amount < 0:
		raise InvalidOption(option, value, "negative")
	return amount


def parse_date(option: str, value) -> datetime.date:
	"""A date: a date object, or ISO text ("2026-12-31"; a time part is ignored)."""
	if isinstance(value, datetime.datetime):
		return value.date()
	if isinstance(value, datetime.date):
		return value
	text = str(value).strip()
	try:
		return datetime.date.fromisoformat(text[:10])
	except ValueError:
		raise InvalidOption(option, value, "date")


def names_contact_person(lead: Mapping) -> bool:
	return bool((lead.get("first_name") or "").strip() or (lead.get("last_name") or "").strip())


def wants_contact(options: ConversionOptions, lead: Mapping) -> bool:
	"""Whether a contact person is made: as asked, by default when the lead names one."""
	if options.create_contact is None:
		return names_contact_person(lead)
	return options.create_contact


def company_values(lead: Mapping, options: ConversionOptions) -> dict:
	"""The new XS Company's fields, from the lead's and the options."""
	values = {target: lead.get(source) for source, target in COMPANY_FIELDS_FROM_LEAD.items()}
	values["relation_type"] = options.company_type
	values["category"] = options.company_category or None
	if options.lead_action != "Delete":
		values["lead"] = lead.get("name")
	return values


def contact_values(lead: Mapping, company: str | None, company_title: str | None = None) -> dict:
	"""The new Contact's fields and child rows (e-mail, phones, link to the company)."""
	first_name = (lead.get("first_name") or "").strip()
	last_name = (lead.get("last_name") or "").strip()
	values = {
		# a contact needs a first name: a lead naming only a last name gives it as the first
		"first_name": first_name or last_name,
		"last_name": last_name if first_name else "",
		"gender": lead.get("gender") or None,
		"designation": lead.get("job_title") or None,
		"company_name": lead.get("company_name") or None,
		"email_ids": [],
		"phone_nos": [],
		"links": [],
	}
	if lead.get("email"):
		values["email_ids"].append({"email_id": lead["email"], "is_primary": 1})
	if lead.get("direct_phone"):
		values["phone_nos"].append({"phone": lead["direct_phone"], "is_primary_phone": 1})
	if lead.get("mobile"):
		values["phone_nos"].append({"phone": lead["mobile"], "is_primary_mobile_no": 1})
	if company:
		values["links"].append(
			{"link_doctype": "XS Company", "link_name": company, "link_title": company_title or None}
		)
	return values


def opportunity_values(
	lead: Mapping, options: ConversionOptions, company: str | None, contact: str | None
) -> dict:
	"""The new XS Opportunity's fields: titled by the option, else the lead's subject or name."""
	values = {
		"title": options.opportunity_title or lead.get("subject") or lead.get("company_name"),
		"company": company,
		"contact": contact,
		"responsible": lead.get("responsible") or None,
		"status": "Open",
		"expected_value": options.opportunity_value or 0,
		"expected_close_date": options.opportunity_close_date,
		"source": lead.get("source") or None,
	}
	if options.lead_action != "Delete":
		values["lead"] = lead.get("name")
	return values


def activity_target(
	company: str | None, contact: str | None, opportunity: str | None
) -> tuple[str, str] | None:
	"""Where a lead's activities go: the company, else the contact, else the opportunity."""
	for doctype, name in (("XS Company", company), ("Contact", contact), ("XS Opportunity", opportunity)):
		if name:
			return doctype, name
	return None
