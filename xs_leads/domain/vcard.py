"""Leads as vCard 3.0 (RFC 2426) contact cards, built with vobject.

vobject escapes the text values (, ; \\ and line breaks) and folds long lines; the cards are text
to be sent as UTF-8. The organisation number has no vCard property of its own: it goes in
`X-ORGANISATION-NUMBER` (extension properties are kept by contact registers that do not show them).
"""

from collections.abc import Iterable

import vobject

ORGANISATION_NUMBER_PROPERTY = "X-ORGANISATION-NUMBER"
# lead field → vCard TEL types
PHONE_TYPES = (("phone", ["WORK", "VOICE"]), ("direct_phone", ["WORK", "VOICE", "PREF"]), ("mobile", ["CELL"]), ("fax", ["WORK", "FAX"]))  # fmt: skip


def lead_vcard(lead: dict) -> str:
	"""One card for a lead dict (XS Lead field names); the contact person is the card's person."""
	card = vobject.vCard()
	first_name, last_name = (lead.get("first_name") or "").strip(), (lead.get("last_name") or "").strip()
	company = (lead.get("company_name") or "").strip()
	card.add("n").value = vobject.vcard.Name(family=last_name, given=first_name)
	card.add("fn").value = " ".join(p for p in (first_name, last_name) if p) or company
	if company:
		card.add("org").value = [company]
	_add_text(card, "title", lead.get("job_title"))
	if lead.get("email"):
		email = card.add("email")
		email.value = lead["email"].strip()
		email.type_param = ["INTERNET", "WORK"]
	for fieldname, types in PHONE_TYPES:
		if lead.get(fieldname):
			tel = card.add("tel")
			tel.value = lead[fieldname].strip()
			tel.type_paramlist = types
	_add_text(card, "url", lead.get("website"))
	_add_text(card, "note", lead.get("note"))
	_add_text(card, ORGANISATION_NUMBER_PROPERTY.lower(), lead.get("organisation_number"))
	return card.serialize()


def leads_vcards(leads: Iterable[dict]) -> str:
	"""Several cards in one .vcf text, one after the other (as contact registers export them)."""
	return "".join(lead_vcard(lead) for lead in leads)


def _add_text(card, name: str, value) -> None:
	value = (str(value) if value is not None else "").strip()
	if value:
		card.add(name).value = value
