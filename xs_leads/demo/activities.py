"""Deterministic demo activities for leads (calls, notes, appointments, tasks, e-mail), as plain
dicts free of Frappe.

`generate_activities(leads, seed, reference_time, users)` takes leads as dicts (name,
company_name, contact_status, first_name, last_name, email, responsible) and returns the rows of
each kind, keyed like the DocTypes' fields. What a lead gets follows its state: a lead not
contacted yet has only unanswered calls, a reached one a call that reached someone (and often a
meeting or a task), an unreachable one a call that ended it. The same input and seed give the
same rows.
"""

import datetime
from collections.abc import Mapping, Sequence
from random import Random

DEFAULT_SEED = 42

NOTE_TEXTS = (
	("Notat fra messen", "Møtte daglig leder på standen. Interessert i en presentasjon etter nyttår."),
	("Behov", "Bytter leverandør til våren; vil ha pris på 3-årsavtale."),
	("Budsjett", "Budsjettet legges i oktober. Ta kontakt i god tid før det."),
	("Beslutningstaker", "Innkjøpssjefen bestemmer, men økonomisjefen må godkjenne alt over 200 000."),
	("Konkurrent", "Har i dag avtale med en konkurrent som går ut i juni."),
	("Oppfølging", "Ba om referanser fra kunder i samme bransje."),
)
TASK_TEXTS = ("Ring tilbake", "Send tilbud", "Send referanseliste", "Avtal møte", "Følg opp tilbudet")
MEETING_SUBJECTS = ("Presentasjon", "Behovsavklaring", "Gjennomgang av tilbud", "Lunsjmøte")
EMAIL_SUBJECTS_IN = ("Forespørsel om pris", "Spørsmål om leveranse", "Takk for sist", "Re: Tilbud")
EMAIL_SUBJECTS_OUT = ("Tilbud", "Oppsummering fra møtet", "Produktark", "Referanser")
SELLER_EMAIL = "salg@example.com"


def generate_activities(
	leads: Sequence[Mapping],
	seed: int = DEFAULT_SEED,
	reference_time: datetime.datetime | None = None,
	users: Sequence[str] = (),
) -> dict[str, list[dict]]:
	"""{"calls", "notes", "appointments", "tasks", "emails"}: each a list of rows for the leads."""
	r = Random(seed)
	now = reference_time or datetime.datetime.now().replace(second=0, microsecond=0)
	out = {"calls": [], "notes": [], "appointments": [], "tasks": [], "emails": []}

	def past(max_days: int) -> datetime.datetime:
		return now - datetime.timedelta(days=r.randint(1, max_days), minutes=r.randint(0, 600))

	for lead in leads:
		ref = {"reference_doctype": "XS Lead", "reference_name": str(lead["name"])}
		seller = lead.get("responsible") or (r.choice(users) if users else "")
		status = lead.get("contact_status") or "Not Contacted"
		for call in _calls_for(status, r, past):
			out["calls"].append({**ref, **call, "caller": seller or None})
		if r.random() < 0.5:
			title, content = r.choice(NOTE_TEXTS)
			out["notes"].append({**ref, "title": title, "content": f"<p>{content}</p>", "date": past(60)})
		if status == "Reached" and r.random() < 0.4:
			starts = now + datetime.timedelta(days=r.randint(-20, 30), hours=r.randint(8, 15) - now.hour)
			out["appointments"].append(
				{
					"lead": str(lead["name"]),
					"subject": f"{r.choice(MEETING_SUBJECTS)}: {lead['company_name']}",
					"starts_on": starts,
					"ends_on": starts + datetime.timedelta(hours=1),
					"event_type": "Public",
				}
			)
		if status != "Unreachable" and r.random() < 0.3:
			out["tasks"].append(
				{
					"reference_type": "XS Lead",
					"reference_name": str(lead["name"]),
					"description": r.choice(TASK_TEXTS),
					"date": (now + datetime.timedelta(days=r.randint(1, 21))).date(),
					"allocated_to": seller or None,
					"status": "Open",
					"priority": r.choice(("Low", "Medium", "Medium", "High")),
				}
			)
		if lead.get("email") and status == "Reached" and r.random() < 0.6:
			out["emails"].extend(_emails_for(lead, ref, r, past))
	return out


def _calls_for(status: str, r: Random, past) -> list[dict]:
	"""Calls matching how far the lead got: the last one explains its status."""
	decisive_time = past(30)
	unanswered = [
		{
			"outcome": r.choice(("No Answer", "Busy")),
			"direction": "Outgoing",
			"call_time": decisive_time - datetime.timedelta(days=r.randint(1, 60), minutes=r.randint(0, 600)),
		}
		for _ in range(r.choice((0, 0, 1, 2)))
	]
	if status == "Reached":
		last = {"outcome": "Reached", "direction": r.choice(("Outgoing", "Outgoing", "Incoming"))}
	elif status == "Unreachable":
		last = {"outcome": r.choice(("Not Interested", "Wrong Number")), "direction": "Outgoing"}
	else:
		return unanswered
	last.update(call_time=decisive_time, duration=r.randint(30, 900), notes=None)
	return [*unanswered, last]


def _emails_for(lead: Mapping, ref: dict, r: Random, past) -> list[dict]:
	received = past(20)
	rows = [
		{
			**ref,
			"subject": r.choice(EMAIL_SUBJECTS_IN),
			"sent_or_received": "Received",
			"sender": lead["email"],
			"recipients": SELLER_EMAIL,
			"communication_date": received,
			"content": f"<p>Hei,</p><p>Vi i {lead['company_name']} ønsker mer informasjon.</p>",
			"has_attachment": 0,
			"xs_priority": "High" if r.random() < 0.2 else "Medium",
			"delivery_status": "",
		}
	]
	if r.random() < 0.7:
		rows.append(
			{
				**ref,
				"subject": r.choice(EMAIL_SUBJECTS_OUT),
				"sent_or_received": "Sent",
				"sender": SELLER_EMAIL,
				"recipients": lead["email"],
				"communication_date": received + datetime.timedelta(hours=r.randint(1, 48)),
				"content": "<p>Hei,</p><p>Vedlagt finner du det vi snakket om.</p>",
				"has_attachment": 1 if r.random() < 0.5 else 0,
				"xs_priority": "Medium",
				"delivery_status": "Sent",
			}
		)
	return rows
