"""Rules about a lead's activities (calls, e-mail) as plain functions, free of Frappe."""

from collections.abc import Iterable

NOT_CONTACTED = "Not Contacted"
CALL_OUTCOMES = ("Reached", "No Answer", "Busy", "Wrong Number", "Not Interested")
# The first contact status a logged call gives a lead that was not contacted yet; the other
# outcomes (No Answer, Busy) leave it "Not Contacted": nobody was reached, nothing was learnt.
STATUS_AFTER_CALL = {"Reached": "Reached", "Not Interested": "Unreachable", "Wrong Number": "Unreachable"}


def contact_status_after_call(current_status: str | None, outcome: str | None) -> str | None:
	"""The lead's new contact status after a call with this outcome, or None to leave it."""
	if (current_status or NOT_CONTACTED) != NOT_CONTACTED:
		return None
	return STATUS_AFTER_CALL.get(outcome or "")


# Frappe keeps no e-mail drafts as records; a message queued to be sent later ("Scheduled") is the
# nearest thing to the seed's unsent items ("usendte elementer (kladd)").
UNSENT_DELIVERY_STATUSES = frozenset({"Scheduled"})


def email_direction(sent_or_received: str | None, delivery_status: str | None) -> str:
	""" "received", "sent" or "draft" (not sent yet) for a Communication."""
	if sent_or_received == "Received":
		return "received"
	if (delivery_status or "") in UNSENT_DELIVERY_STATUSES:
		return "draft"
	return "sent"


def newest_first(rows: Iterable[dict], key: str = "date") -> list[dict]:
	"""Rows sorted by their date, newest first; rows without a date last."""
	rows = list(rows)
	dated = [row for row in rows if row.get(key)]
	undated = [row for row in rows if not row.get(key)]
	return sorted(dated, key=lambda row: row[key], reverse=True) + undated
