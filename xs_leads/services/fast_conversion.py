"""The bulk conversion's fast path: a chunk of leads converted with set-based SQL.

Converting one lead through Documents costs about 28 queries; a chunk of a few hundred leads
costs about 25 in all here. The same plan and mapping as `services.conversion` are used: new
records are built as Documents in memory and checked there (the XS Company's own value checks,
Contact's own primary e-mail and phone logic), then written with one multi-row INSERT per table;
activities and leads are re-linked with one UPDATE per table.

What this path leaves out, compared with Document.insert: other apps' document hooks on the new
records (XS Company, Contact, XS Opportunity), Contact's gravatar lookup, and realtime updates per
record. Whatever it is not sure about goes back to the caller as "leftover", to be converted one
by one through `services.conversion.convert_lead` (which raises the proper error for each): leads
already converted or not found, leads the user may not write, values a check refuses, a second
lead of the chunk with the same organisation number, a contact name that exists already, and
"Delete" as lead action. The chunk is all-or-nothing: if writing fails, it is rolled back to its
savepoint and every lead of it becomes leftover.
"""

from collections import defaultdict
from dataclasses import dataclass, field

import frappe
from frappe.utils import now_datetime

from xs_leads.domain.conversion import (
	ConversionOptions,
	activity_target,
	company_values,
	contact_values,
	names_contact_person,
	opportunity_values,
	wants_contact,
)
from xs_leads.lead_search import index as search_index
from xs_leads.services.activities import MOVED_DOCTYPES, refresh_assignments
from xs_leads.services.conversion import custom_field_values
from xs_leads.services.sql import insert_rows

LEAD = "XS Lead"
SAVEPOINT = "xs_lead_conversion_chunk"


@dataclass
class Planned:
	lead: frappe._dict
	company: str | int | None = None
	company_title: str | None = None
	company_doc: object = None
	contact: str | None = None
	contact_doc: object = None
	opportunity_doc: object = None
	moves: dict = field(default_factory=dict)


def convert_chunk(lead_names: list, options: ConversionOptions) -> tuple[list[dict], list]:
	"""Convert what can be converted in bulk; returns (converted rows, leftover lead names)."""
	if options.lead_action not in ("Keep", "Deactivate") or not _may_create(options):
		return [], list(lead_names)
	leads = {
		str(row.name): row for row in frappe.get_all(LEAD, filters={"name": ("in", lead_names)}, fields=["*"])
	}
	planned, leftover = _plan(lead_names, leads, options)
	if not planned:
		return [], leftover
	frappe.db.savepoint(SAVEPOINT)
	try:
		converted = _write(planned, options)
	except Exception:
		frappe.db.rollback(save_point=SAVEPOINT)
		frappe.log_error(title="Bulk lead conversion: chunk converted one by one instead")
		return [], list(lead_names)
	frappe.db.release_savepoint(SAVEPOINT)
	return converted, leftover


def _may_create(options: ConversionOptions) -> bool:
	"""The user may create every kind of record the options ask for (else: one by one, with its error)."""
	needed = []
	if options.create_company:
		needed.append("XS Company")
	if options.create_contact is not False:
		needed.append("Contact")
	if options.create_opportunity:
		needed.append("XS Opportunity")
	return frappe.has_permission(LEAD, "write") and all(frappe.has_permission(dt, "create") for dt in needed)


# --- planning ---------------------------------------------------------------------------------------


def _plan(lead_names: list, leads: dict, options: ConversionOptions) -> tuple[list[Planned], list]:
	planned, leftover = [], []
	existing_companies = _companies_by_organisation_number(
		{row.organisation_number for row in leads.values() if row.organisation_number}
	)
	numbers_in_chunk = set()
	for name in lead_names:
		row = leads.get(str(name))
		if not row or not _plain_case(row, options) or not _may_write(row):
			leftover.append(name)
			continue
		number = row.organisation_number
		if options.create_company and number:
			if number in numbers_in_chunk:
				leftover.append(name)  # converted after the chunk, reusing the company made here
				continue
			numbers_in_chunk.add(number)
		item = Planned(lead=row)
		if options.create_company:
			item.company, item.company_title = existing_companies.get(number, (None, None))
			if not item.company:
				try:
					item.company_doc = _company_doc(row, options)
				except frappe.ValidationError:
					frappe.clear_last_message()
					leftover.append(name)
					continue
		planned.append(item)

	_reuse_contacts(planned, options)
	for item in planned:
		if wants_contact(options, item.lead) and not item.contact:
			item.contact_doc = _contact_doc(item)
	leftover += _drop_taken_contact_names(planned)
	for item in planned:
		if options.create_opportunity:
			item.opportunity_doc = _new_doc(
				"XS Opportunity",
				custom_field_values(_lead_doc(item.lead), "XS Opportunity"),
				opportunity_values(item.lead, options, None, None),
			)
	_count_moves(planned)
	return planned, leftover


def _plain_case(row, options: ConversionOptions) -> bool:
	if row.converted_on:
		return False
	if options.create_contact and not names_contact_person(row):
		return False
	return bool(options.create_company or wants_contact(options, row) or options.create_opportunity)


def _lead_doc(row):
	return frappe.get_doc({"doctype": LEAD, **row})


def _may_write(row) -> bool:
	return frappe.has_permission(LEAD, "write", doc=_lead_doc(row))


def _companies_by_organisation_number(numbers: set) -> dict:
	if not numbers:
		return {}
	rows = frappe.get_all(
		"XS Company",
		filters={"organisation_number": ("in", list(numbers))},
		fields=["name", "organisation_number", "company_name"],
	)
	return {row.organisation_number: (row.name, row.company_name) for row in rows}


def _new_doc(doctype: str, *values: dict):
	"""A new Document with its DocType's defaults, as Document.insert would set them."""
	doc = frappe.new_doc(doctype)
	for part in values:
		doc.update(part)
	return doc


def _company_doc(row, options: ConversionOptions):
	doc = _new_doc(
		"XS Company", custom_field_values(_lead_doc(row), "XS Company"), company_values(row, options)
	)
	doc.validate_values()
	return doc


def _reuse_contacts(planned: list[Planned], options: ConversionOptions) -> None:
	"""A contact with the lead's e-mail address, linked to a reused company, is reused."""
	wanted = [
		item for item in planned if item.company and item.lead.email and wants_contact(options, item.lead)
	]
	if not wanted:
		return
	companies = list({str(item.company) for item in wanted})
	rows = frappe.db.sql(
		"""select lower(ce.email_id), dl.link_name, min(ce.parent) from `tabContact Email` ce
		join `tabDynamic Link` dl on dl.parent = ce.parent and dl.parenttype = 'Contact'
		where ce.parenttype = 'Contact' and dl.link_doctype = 'XS Company' and dl.link_name in %(companies)s
		group by lower(ce.email_id), dl.link_name""",
		{"companies": tuple(companies)},
	)
	found = {(email, str(company)): contact for email, company, contact in rows}
	for item in wanted:
		item.contact = found.get((item.lead.email.strip().lower(), str(item.company)))


def _contact_doc(item: Planned):
	company_title = item.company_doc.company_name if item.company_doc else item.company_title
	values = contact_values(item.lead, item.company or "__new__", company_title)
	if not (item.company or item.company_doc):
		values["links"] = []
	doc = _new_doc("Contact", custom_field_values(_lead_doc(item.lead), "Contact"), values)
	# Contact's own validation, as far as it needs no database (its user is looked up for all at once)
	doc.full_name = doc._get_full_name()
	doc.set_primary_email()
	doc.set_primary("phone")
	doc.set_primary("mobile_no")
	return doc


def _drop_taken_contact_names(planned: list[Planned]) -> list:
	"""Contacts whose name (full name, "-company" when linked) exists or comes twice: converted one
	by one instead (Frappe then numbers the name). A new company's id makes its contact's name new."""
	known = [item for item in planned if item.contact_doc and not item.company_doc]
	if not known:
		return []
	names = [_contact_name(item.contact_doc, item.company) for item in known]
	taken = set(frappe.get_all("Contact", filters={"name": ("in", names)}, pluck="name"))
	dropped, seen = [], set()
	for item, name in zip(known, names, strict=True):
		if name in taken or name in seen:
			dropped.append(item)
		seen.add(name)
	for item in dropped:
		planned.remove(item)
	return [item.lead.name for item in dropped]


def _contact_name(doc, company) -> str:
	return f"{doc.full_name}-{company}" if company else doc.full_name


def _count_moves(planned: list[Planned]) -> None:
	names = [str(item.lead.name) for item in planned]
	per_lead = defaultdict(lambda: dict.fromkeys(MOVED_DOCTYPES, 0))
	for doctype, type_field, name_field in (
		("XS Call", "reference_doctype", "reference_name"),
		("XS Note", "reference_doctype", "reference_name"),
		("ToDo", "reference_type", "reference_name"),
	):
		for lead, count in _grouped_counts(doctype, type_field, name_field, names):
			per_lead[lead][doctype] = count
	for doctype, pairs in (("Event", _event_links(names)), ("Communication", _communication_links(names))):
		linked = defaultdict(set)
		for parent, lead in pairs:
			linked[str(lead)].add(parent)
		for lead, parents in linked.items():
			per_lead[lead][doctype] = len(parents)
	for item in planned:
		item.moves = dict(per_lead[str(item.lead.name)])


def _grouped_counts(doctype, type_field, name_field, names) -> list:
	return frappe.db.sql(
		f"""select `{name_field}`, count(*) from `tab{doctype}`
		where `{type_field}` = %(lead)s and `{name_field}` in %(names)s group by `{name_field}`""",
		{"lead": LEAD, "names": tuple(names)},
	)


def _event_links(names) -> list:
	return frappe.db.sql(
		"""select parent, reference_docname from `tabEvent Participants`
		where parenttype = 'Event' and reference_doctype = %(lead)s and reference_docname in %(names)s
		union all
		select name, reference_docname from `tabEvent`
		where reference_doctype = %(lead)s and reference_docname in %(names)s""",
		{"lead": LEAD, "names": tuple(names)},
	)


def _communication_links(names) -> list:
	return frappe.db.sql(
		"""select name, reference_name from `tabCommunication`
		where reference_doctype = %(lead)s and reference_name in %(names)s
		union all
		select parent, link_name from `tabCommunication Link`
		where parenttype = 'Communication' and link_doctype = %(lead)s and link_name in %(names)s""",
		{"lead": LEAD, "names": tuple(names)},
	)


# --- writing ------------------------------------------------------------------------------------------


def _write(planned: list[Planned], options: ConversionOptions) -> list[dict]:
	user, now = frappe.session.user, now_datetime()
	companies = [item for item in planned if item.company_doc]
	for item, name in zip(companies, _reserve("XS Company", len(companies)), strict=True):
		item.company_doc.name = item.company = name
	_insert([item.company_doc for item in companies], user, now)

	contacts = [item for item in planned if item.contact_doc]
	_set_contact_users(contacts)
	for item in contacts:
		for link in item.contact_doc.links:
			link.link_name = str(item.company)
		item.contact_doc.name = item.contact = _contact_name(item.contact_doc, item.company)
	_insert([item.contact_doc for item in contacts], user, now)
	_index_for_duplicate_checks(
		[item.company_doc for item in companies] + [item.contact_doc for item in contacts]
	)

	with_opportunity = [item for item in planned if item.opportunity_doc]
	for item, name in zip(with_opportunity, _reserve("XS Opportunity", len(with_opportunity)), strict=True):
		item.opportunity_doc.update({"name": name, "company": item.company, "contact": item.contact})
	_insert([item.opportunity_doc for item in with_opportunity], user, now)

	targets = {}
	for item in planned:
		opportunity = item.opportunity_doc.name if item.opportunity_doc else None
		targets[str(item.lead.name)] = activity_target(item.company, item.contact, opportunity)
	_move_activities(planned, targets)
	_record_conversions(planned, options, user, now)
	return [
		{
			"lead": item.lead.name,
			"company": item.company,
			"contact": item.contact,
			"opportunity": item.opportunity_doc.name if item.opportunity_doc else None,
		}
		for item in planned
	]


def _index_for_duplicate_checks(docs: list) -> None:
	"""SQL inserts pass by the doc_events that keep the duplicate-check index: add their keys."""
	from xs_leads.services import duplicate_index

	if docs and duplicate_index.key_table_exists():
		duplicate_index.index_records(duplicate_index.record_from_document(doc) for doc in docs)


def _reserve(doctype: str, count: int) -> list[int]:
	if not count:
		return []
	first = frappe.db.get_next_sequence_val(doctype)
	frappe.db.set_next_sequence_val(doctype, first + count, is_val_used=False)
	return list(range(first, first + count))


def _set_contact_users(contacts: list[Planned]) -> None:
	emails = {item.contact_doc.email_id for item in contacts if item.contact_doc.email_id}
	if not emails:
		return
	users = dict(
		frappe.db.sql(
			"select email, name from `tabUser` where email in %(emails)s", {"emails": tuple(emails)}
		)
	)
	for item in contacts:
		item.contact_doc.user = users.get(item.contact_doc.email_id)


def _insert(docs: list, user: str, now) -> None:
	"""The documents and their child rows, one multi-row INSERT per table."""
	rows = defaultdict(list)
	for doc in docs:
		doc.update({"owner": user, "modified_by": user, "creation": now, "modified": now, "docstatus": 0})
		rows[doc.doctype].append(doc.get_valid_dict(convert_dates_to_str=True))
		for child in doc.get_all_children():
			child.update(
				{
					"name": frappe.generate_hash(length=10),
					"parent": str(doc.name),
					"parenttype": doc.doctype,
					"owner": user,
					"modified_by": user,
					"creation": now,
					"modified": now,
					"docstatus": 0,
				}
			)
			rows[child.doctype].append(child.get_valid_dict(convert_dates_to_str=True))
	for doctype, dicts in rows.items():
		columns = list(dicts[0])
		insert_rows(f"tab{doctype}", columns, [tuple(row.get(column) for column in columns) for row in dicts])


def _move_activities(planned: list[Planned], targets: dict) -> None:
	moves = {str(item.lead.name): item.moves for item in planned}

	def leads_with(doctype):
		return {lead: target for lead, target in targets.items() if moves[lead].get(doctype)}

	_relink("XS Call", "reference_doctype", "reference_name", leads_with("XS Call"))
	_relink("XS Note", "reference_doctype", "reference_name", leads_with("XS Note"))
	todo_leads = leads_with("ToDo")
	_relink("ToDo", "reference_type", "reference_name", todo_leads)
	for lead, (doctype, name) in todo_leads.items():
		refresh_assignments(LEAD, lead)
		refresh_assignments(doctype, str(name))
	event_leads = leads_with("Event")
	_relink("Event Participants", "reference_doctype", "reference_docname", event_leads, parenttype="Event")
	_relink("Event", "reference_doctype", "reference_docname", event_leads)
	mail_leads = leads_with("Communication")
	_relink("Communication", "reference_doctype", "reference_name", mail_leads)
	titles = {str(item.lead.name): _company_title(item) for item in planned}
	_relink(
		"Communication Link",
		"link_doctype",
		"link_name",
		mail_leads,
		parenttype="Communication",
		title_field="link_title",
		titles=titles,
	)


def _company_title(item: Planned) -> str | None:
	"""The title a re-linked e-mail shows for its company (None for other targets)."""
	if item.company_doc:
		return item.company_doc.company_name
	return item.company_title if item.company else None


def _relink(table, type_field, name_field, targets: dict, parenttype=None, title_field=None, titles=None):
	"""One UPDATE re-linking rows of many leads, each to its own target (doctype, name)."""
	if not targets:
		return
	leads = list(targets)
	type_cases = " ".join(["when %s then %s"] * len(leads))
	name_cases = type_cases
	params = []
	for lead in leads:
		params += [lead, targets[lead][0]]
	for lead in leads:
		params += [lead, str(targets[lead][1])]
	assignments = f"`{type_field}` = case `{name_field}` {type_cases} end"
	# the type is set first, while the name still says which lead the row belonged to
	assignments += f", `{name_field}` = case `{name_field}` {name_cases} end"
	if title_field:
		assignments = f"`{title_field}` = case `{name_field}` {type_cases} end, " + assignments
		params = [value for lead in leads for value in (lead, (titles or {}).get(lead))] + params
	where = f"`{type_field}` = %s and `{name_field}` in ({', '.join(['%s'] * len(leads))})"
	params += [LEAD, *leads]
	if parenttype:
		where += " and parenttype = %s"
		params.append(parenttype)
	frappe.db.sql(f"update `tab{table}` set {assignments} where {where}", params)


def _record_conversions(planned: list[Planned], options: ConversionOptions, user: str, now) -> None:
	leads = [item.lead.name for item in planned]
	cases = " ".join(["when %s then %s"] * len(leads))
	params = [now, now, user]
	for key in ("company", "contact", "opportunity"):
		for item in planned:
			value = (
				getattr(item, key)
				if key != "opportunity"
				else (item.opportunity_doc.name if item.opportunity_doc else None)
			)
			params += [item.lead.name, None if value is None else str(value)]
	deactivate = ", `deactivated` = 1" if options.lead_action == "Deactivate" else ""
	params += leads
	# past the controller, whose on_update keeps the search index ("active leads"): keep it here
	indexed_before = search_index.source_rows(leads)
	frappe.db.sql(
		f"""update `tabXS Lead` set `converted_on` = %s, `modified` = %s, `modified_by` = %s{deactivate},
		`converted_company` = case `name` {cases} end,
		`converted_contact` = case `name` {cases} end,
		`converted_opportunity` = case `name` {cases} end
		where `name` in ({", ".join(["%s"] * len(leads))})""",
		params,
	)
	search_index.index_bulk_writes([], leads, indexed_before)
