"""Converting (qualifying) a lead into a company, a contact person and a sales opportunity.

`preview_conversion` and `convert_lead` share one plan (`plan_conversion`): what would be
created, what existing records are reused, what would be moved. Conversion is all-or-nothing:
it runs inside a savepoint and rolls back to it when any step fails, so nothing is created and
nothing is moved. Permissions are checked before anything is written.
"""

from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import format_datetime, now_datetime

from xs_leads.domain.conversion import (
	ConversionOptions,
	InvalidOption,
	activity_target,
	company_values,
	contact_values,
	names_contact_person,
	opportunity_values,
	parse_options,
	wants_contact,
)
from xs_leads.domain.custom_fields import copyable_fieldnames, values_to_copy
from xs_leads.services.activities import (
	count_activities,
	count_attachments_and_comments,
	move_activities,
	move_attachments_and_comments,
)

LEAD = "XS Lead"
SAVEPOINT = "xs_lead_conversion"


class ConversionError(frappe.ValidationError):
	pass


class AlreadyConverted(ConversionError):
	pass


class InvalidConversionOption(ConversionError):
	pass


@dataclass
class ConversionPlan:
	lead: Document
	options: ConversionOptions
	company: str | None = None  # an existing company to reuse
	create_company: bool = False
	contact: str | None = None  # an existing contact to reuse
	create_contact: bool = False
	create_opportunity: bool = False
	moves: dict[str, int] = field(default_factory=dict)


# --- entry points ---------------------------------------------------------------------------------


def preview_conversion(lead: str | int, options=None) -> dict:
	"""What `convert_lead` would do with these options; writes nothing."""
	frappe.has_permission(LEAD, "read", lead, throw=True)
	plan = plan_conversion(frappe.get_doc(LEAD, lead), parse_conversion_options(options))
	return {
		"company": plan.company,
		"company_created": plan.create_company,
		"contact": plan.contact,
		"contact_created": plan.create_contact,
		"opportunity": None,
		"moved": dict(plan.moves),
		"lead_action": plan.options.lead_action_result,
	}


def convert_lead(lead: str | int, options=None) -> dict:
	"""Convert one lead; raises (having written nothing) when any step fails."""
	frappe.has_permission(LEAD, "write", lead, throw=True)
	parsed = options if isinstance(options, ConversionOptions) else parse_conversion_options(options)
	plan = plan_conversion(frappe.get_doc(LEAD, lead), parsed)
	check_permissions(plan)
	frappe.db.savepoint(SAVEPOINT)
	try:
		result = execute(plan)
	except Exception:
		frappe.db.rollback(save_point=SAVEPOINT)
		raise
	frappe.db.release_savepoint(SAVEPOINT)
	return result


# --- options ----------------------------------------------------------------------------------------


def parse_conversion_options(options) -> ConversionOptions:
	"""Options from a dict, or JSON text as REST and form clients send it; clear errors naming the option."""
	if isinstance(options, str):
		try:
			options = frappe.parse_json(options) if options.strip() else {}
		except ValueError:
			options = "not an object"
	if options is not None and not isinstance(options, dict):
		frappe.throw(
			_("Conversion options must be an object of option names and values"),
			InvalidConversionOption,
			title=_("Invalid Option"),
		)
	try:
		parsed = parse_options(options)
	except InvalidOption as error:
		frappe.throw(option_error_message(error), InvalidConversionOption, title=_("Invalid Option"))
	if parsed.company_category and not frappe.db.exists("XS Company Category", parsed.company_category):
		frappe.throw(
			_("Company category {0} does not exist").format(frappe.bold(parsed.company_category)),
			InvalidConversionOption,
			title=_("Invalid Option"),
		)
	return parsed


def option_error_message(error: InvalidOption) -> str:
	option, value = frappe.bold(error.option), frappe.bold(str(error.value))
	if error.reason == "unknown":
		return _("Unknown conversion option {0}").format(option)
	if error.reason == "choice":
		return _("{0} is not a valid value for {1}; choose one of: {2}").format(
			value, option, ", ".join(error.choices)
		)
	if error.reason == "flag":
		return _("{0} is not a valid value for {1}; use 1 or 0").format(value, option)
	if error.reason == "negative":
		return _("{0} cannot be negative").format(option)
	if error.reason == "date":
		return _("{0} is not a valid date for {1}; use the form YYYY-MM-DD").format(value, option)
	return _("{0} is not a valid amount for {1}").format(value, option)


# --- planning ----------------------------------------------------------------------------------------


def plan_conversion(lead: Document, options: ConversionOptions) -> ConversionPlan:
	validate_not_converted(lead)
	plan = ConversionPlan(lead=lead, options=options, create_opportunity=options.create_opportunity)
	contact_wanted = wants_contact(options, lead)
	if options.create_contact and not names_contact_person(lead):
		frappe.throw(
			_("Lead {0} ({1}) names no contact person to create a contact from").format(
				lead.name, frappe.bold(lead.company_name)
			),
			ConversionError,
			title=_("No Contact Person"),
		)
	if not (options.create_company or contact_wanted or options.create_opportunity):
		frappe.throw(
			_("Choose at least one record to create: a company, a contact person or a sales opportunity"),
			ConversionError,
			title=_("Nothing to Convert"),
		)
	if options.create_company:
		plan.company = company_with_organisation_number(lead.organisation_number)
		plan.create_company = not plan.company
	if contact_wanted:
		plan.contact = contact_of_company(plan.company, lead.email)
		plan.create_contact = not plan.contact
	plan.moves = count_activities(LEAD, lead.name)
	if options.lead_action == "Delete":
		plan.moves.update(count_attachments_and_comments(LEAD, lead.name))
	return plan


def validate_not_converted(lead: Document) -> None:
	if lead.get("converted_on"):
		frappe.throw(
			_("Lead {0} ({1}) was already converted on {2}").format(
				lead.name, frappe.bold(lead.company_name), format_datetime(lead.converted_on)
			),
			AlreadyConverted,
			title=_("Already Converted"),
		)


def company_with_organisation_number(organisation_number: str | None) -> str | None:
	if not organisation_number:
		return None
	return frappe.db.get_value("XS Company", {"organisation_number": organisation_number})


def contact_of_company(company: str | None, email: str | None) -> str | None:
	"""A Contact linked to the company with this e-mail address (any of its addresses), if one exists."""
	if not (company and email):
		return None
	rows = frappe.db.sql(
		"""select ce.parent from `tabContact Email` ce
		join `tabDynamic Link` dl on dl.parent = ce.parent and dl.parenttype = 'Contact'
		where ce.parenttype = 'Contact' and lower(ce.email_id) = %s
			and dl.link_doctype = 'XS Company' and dl.link_name = %s
		order by ce.parent limit 1""",
		(email.strip().lower(), str(company)),
	)
	return rows[0][0] if rows else None


def check_permissions(plan: ConversionPlan) -> None:
	"""Write on the lead, create on every record made, read on those reused, delete to delete."""
	plan.lead.check_permission("write")
	for doctype, create, existing in (
		("XS Company", plan.create_company, plan.company),
		("Contact", plan.create_contact, plan.contact),
		("XS Opportunity", plan.create_opportunity, None),
	):
		if create:
			frappe.has_permission(doctype, "create", throw=True)
		elif existing:
			frappe.has_permission(doctype, "read", existing, throw=True)
	if plan.options.lead_action == "Delete":
		plan.lead.check_permission("delete")


# --- executing ----------------------------------------------------------------------------------------


def execute(plan: ConversionPlan) -> dict:
	lead, options = plan.lead, plan.options
	company, company_title = plan.company, None
	if plan.create_company:
		doc = insert_from_lead("XS Company", lead, company_values(lead.as_dict(), options))
		company, company_title = doc.name, doc.company_name
	elif company:
		company_title = frappe.db.get_value("XS Company", company, "company_name")

	contact = plan.contact
	if plan.create_contact:
		contact = insert_from_lead(
			"Contact", lead, contact_values(lead.as_dict(), company, company_title)
		).name

	opportunity = None
	if plan.create_opportunity:
		values = opportunity_values(lead.as_dict(), options, company, contact)
		opportunity = insert_from_lead("XS Opportunity", lead, values).name

	target = activity_target(company, contact, opportunity)
	target_title = company_title if target[0] == "XS Company" else None
	moved = move_activities((LEAD, lead.name), target, target_title, counts=plan.moves)

	if options.lead_action == "Delete":
		moved.update(move_attachments_and_comments((LEAD, lead.name), target, counts=plan.moves))
		frappe.delete_doc(LEAD, lead.name)
	else:
		record_conversion(lead, options, company, contact, opportunity)

	return {
		"company": company,
		"company_created": plan.create_company,
		"contact": contact,
		"contact_created": plan.create_contact,
		"opportunity": opportunity,
		"moved": moved,
		"lead_action": options.lead_action_result,
	}


def insert_from_lead(doctype: str, lead: Document, values: dict) -> Document:
	"""Insert a record made from the lead, with the lead's matching custom field values."""
	doc = frappe.get_doc({"doctype": doctype, **custom_field_values(lead, doctype), **values})
	return doc.insert()


def custom_field_values(lead: Document, target_doctype: str) -> dict:
	fieldnames = copyable_fieldnames(custom_fields_of(lead.doctype), custom_fields_of(target_doctype))
	return values_to_copy(lead.as_dict(), fieldnames)


def custom_fields_of(doctype: str) -> list[dict]:
	return [
		{"fieldname": df.fieldname, "fieldtype": df.fieldtype, "options": df.options}
		for df in frappe.get_meta(doctype).fields
		if df.get("is_custom_field")
	]


def record_conversion(
	lead: Document, options: ConversionOptions, company: str | None, contact: str | None, opportunity
) -> None:
	"""What the lead became and when, on the lead itself (kept or deactivated)."""
	values = {
		"converted_on": now_datetime(),
		"converted_company": company,
		"converted_contact": contact,
		"converted_opportunity": opportunity,
	}
	if options.lead_action == "Deactivate":
		values["deactivated"] = 1
	lead.db_set(values, notify=True)
