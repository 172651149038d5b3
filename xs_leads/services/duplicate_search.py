"""The duplicate check of one record ("Duplikatsjekk"): its candidates among leads, companies and
contact persons, best first, and the warning shown when a new lead has a strong one.

Candidates come from the key index (`duplicate_index`): only records sharing a key with the
record are loaded and scored, and only those the user may read are returned.
"""

import frappe
from frappe import _
from frappe.utils import escape_html, get_link_to_form

from xs_leads.domain.duplicates import KEY_CAP, Match, Reason, prepare, query_keys, rank
from xs_leads.services.duplicate_index import (
	SOURCES,
	installed_sources,
	load_records,
	native_name,
	record_from_document,
	references_sharing_keys,
	token_weights,
)

MIN_SCORE = 70  # weaker candidates share little more than a generic word
STRONG_SCORE = 85  # a new lead with a candidate this strong gets a warning on save
MAX_LIMIT = 100


def checkable_doctypes() -> list[str]:
	return [source.doctype for source in installed_sources()]


def find_duplicates(
	doctype: str,
	name=None,
	values: dict | None = None,
	limit: int = 20,
	min_score: int = MIN_SCORE,
) -> list[Match]:
	"""Candidates for a saved record (`name`), for unsaved `values`, or for a saved record with
	unsaved changes (both). The record itself is never its own candidate."""
	source = SOURCES[doctype]
	if name not in (None, ""):
		doc = frappe.get_doc(doctype, native_name(doctype, name))
		if values:
			doc.update({k: v for k, v in values.items() if k not in ("name", "doctype")})
			record = source.record(doc.as_dict(), phones_normalised=False)
		else:
			record = record_from_document(doc)
	else:
		record = source.record({**(values or {}), "name": ""}, phones_normalised=False)
	query = prepare(record)
	shared = references_sharing_keys(query_keys(query), KEY_CAP)
	shared.pop((doctype, record.name), None)

	names_by_doctype: dict[str, list[str]] = {}
	for candidate_doctype, candidate_name in shared:
		if candidate_doctype in SOURCES:
			names_by_doctype.setdefault(candidate_doctype, []).append(candidate_name)
	candidates = []
	for candidate_doctype, names in names_by_doctype.items():
		if frappe.has_permission(candidate_doctype, "read"):
			candidates.extend(prepare(r) for r in load_records(candidate_doctype, names))
	ranked = rank(query, candidates, token_weights(), min_score, len(candidates))
	return [m for m in ranked if may_read(m)][:limit]


def may_read(match: Match) -> bool:
	"""Whether the user may read a candidate: checked for the ranked few only, as a list query with
	permission conditions (Contact's are costly) over every candidate would cost more."""
	return frappe.has_permission(match.doctype, "read", doc=native_name(match.doctype, match.name))


def describe_reason(reason: Reason) -> str:
	"""A reason as the user reads it, translated."""
	if reason.kind == "organisation_number":
		return _("same organisation number")
	if reason.kind == "email":
		return _("same e-mail")
	if reason.kind == "phone":
		return _("same phone")
	if reason.kind == "person":
		if reason.similarity >= 100:
			return _("same contact person")
		return _("contact person {0}% similar").format(reason.similarity)
	return _("name {0}% similar").format(reason.similarity)


def as_dict(match: Match) -> dict:
	return {
		"doctype": match.doctype,
		"name": native_name(match.doctype, match.name),
		"title": match.title,
		"score": match.score,
		"reasons": [describe_reason(reason) for reason in match.reasons],
	}


def warn_about_duplicates_of_new_lead(doc, method=None) -> None:
	"""doc_events after_insert of XS Lead: tell the user about strong candidates (never blocks).

	Only for a lead saved in a request (the Desk's form, a REST client), where someone reads the
	message: the check costs ~15 ms, which a script or job inserting leads in a loop should not pay.
	"""
	if (
		not getattr(frappe.local, "request", None)
		or frappe.flags.in_import
		or frappe.flags.in_patch
		or frappe.flags.in_install
		or frappe.flags.in_migrate
		or doc.flags.ignore_duplicate_warning
	):
		return
	matches = find_duplicates(doc.doctype, doc.name, limit=5, min_score=STRONG_SCORE)
	if not matches:
		return
	lines = "".join(
		"<li>{} ({}: {})</li>".format(
			get_link_to_form(m.doctype, m.name, escape_html(m.title or str(m.name))),
			_(m.doctype),
			escape_html(", ".join(describe_reason(r) for r in m.reasons)),
		)
		for m in matches
	)
	frappe.msgprint(
		_("{0} may already exist. Check these records and merge if they are the same:").format(
			frappe.bold(escape_html(doc.company_name or str(doc.name)))
		)
		+ f"<ul>{lines}</ul>",
		title=_("Possible Duplicate"),
		indicator="orange",
	)
