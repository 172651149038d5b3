"""Factories for tests: a lead with one activity of every kind, through Frappe's own API."""

import random

import frappe
from frappe.utils import add_to_date, now_datetime

from xs_leads.demo.generator import organisation_number_check_digit
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_lead

KINDS = ("appointments", "calls", "tasks", "notes", "emails")


def add_appointment(doctype, name, subject="Møte om tilbud", days=1, event_type="Public"):
	return frappe.get_doc(
		{
			"doctype": "Event",
			"subject": subject,
			"event_type": event_type,
			"starts_on": add_to_date(now_datetime(), days=days),
			"event_participants": [{"reference_doctype": doctype, "reference_docname": str(name)}],
		}
	).insert()


def add_call(doctype, name, outcome="No Answer", minutes_ago=0, **fields):
	return frappe.get_doc(
		{
			"doctype": "XS Call",
			"reference_doctype": doctype,
			"reference_name": str(name),
			"outcome": outcome,
			"call_time": add_to_date(now_datetime(), minutes=-minutes_ago),
			**fields,
		}
	).insert()


def add_task(doctype, name, description="Send tilbud", allocated_to="Administrator"):
	return frappe.get_doc(
		{
			"doctype": "ToDo",
			"reference_type": doctype,
			"reference_name": str(name),
			"description": description,
			"allocated_to": allocated_to,
		}
	).insert()


def add_note(doctype, name, title="Notat fra messen", content="<p>Interessert i <b>kasser</b></p>"):
	return frappe.get_doc(
		{
			"doctype": "XS Note",
			"reference_doctype": doctype,
			"reference_name": str(name),
			"title": title,
			"content": content,
		}
	).insert()


def add_email(doctype, name, subject="Tilbud på fiskekasser", timeline_only=False, **fields):
	"""A received e-mail referencing the record, or only carrying it as a timeline link."""
	values = {
		"doctype": "Communication",
		"communication_medium": "Email",
		"sent_or_received": "Received",
		"subject": subject,
		"sender": "kari@nordfisk.no",
		"content": "Hei, vi vil gjerne ha et tilbud.",
		**fields,
	}
	if timeline_only:
		values["timeline_links"] = [{"link_doctype": doctype, "link_name": str(name)}]
	else:
		values.update({"reference_doctype": doctype, "reference_name": str(name)})
	return frappe.get_doc(values).insert(ignore_permissions=True)


def add_one_of_each(doctype, name) -> dict:
	return {
		"appointments": add_appointment(doctype, name),
		"calls": add_call(doctype, name),
		"tasks": add_task(doctype, name),
		"notes": add_note(doctype, name),
		"emails": add_email(doctype, name),
	}


def make_convertible_lead(**fields):
	values = {
		"company_name": "Nordfisk Konvertering AS",
		"organisation_number": "",
		"first_name": "Kari",
		"last_name": "Nordmann",
		"job_title": "Innkjøpssjef",
		"gender": "Female",
		"email": "kari@nordfisk.no",
		"direct_phone": "22 33 44 56",
		"mobile": "912 34 567",
		"subject": "Fiskekasser",
		"source": "Referral",
	}
	values.update(fields)
	return make_lead(**values)


def activity_links(name) -> dict:
	"""Where each kind of a lead's activities points now: counts still on the lead."""
	from xs_leads.services.activities import count_activities

	return count_activities("XS Lead", name)


def unique_organisation_number() -> str:
	"""A valid organisation number no lead or company of the site has yet (tests share a transaction
	per class, and REST tests commit)."""
	while True:
		base = random.randint(80_000_000, 99_999_999)
		check = organisation_number_check_digit(base)
		if check is None:
			continue
		number = f"{base}{check}"
		if not frappe.db.exists("XS Company", {"organisation_number": number}) and not frappe.db.exists(
			"XS Lead", {"organisation_number": number}
		):
			return number
