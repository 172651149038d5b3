"""Demo activities and conversions on a site, so the lead form's tabs and the conversion show data.

`bench --site S execute xs_leads.demo.activity_loader.ensure_demo_activities --kwargs "{'leads': 200}"`

Activities are bulk inserted (as the lead loader does: the generator's rows are valid as they
are); a few Hot, reached leads are then converted through the real conversion, with varying options.
"""

import frappe
from frappe.query_builder import Order
from frappe.utils import now_datetime

from xs_leads.demo.activities import DEFAULT_SEED, generate_activities
from xs_leads.demo.loader import ensure_demo_sales_people, require_system_manager
from xs_leads.services.activities import refresh_assignments
from xs_leads.services.conversion import convert_lead

LEAD_FIELDS = [
	"name",
	"company_name",
	"contact_status",
	"classification",
	"first_name",
	"email",
	"responsible",
]
DEMO_CATEGORIES = ("Key account", "Partner", "Public sector")
# options of the demo conversions, taken in turn
DEMO_CONVERSIONS = (
	{},
	{"create_opportunity": 1, "opportunity_value": 150000},
	{"company_category": "Key account", "lead_action": "Keep"},
	{"company_type": "Customer and Supplier", "create_opportunity": 1},
	{"create_contact": 0, "company_category": "Partner"},
)


def ensure_demo_activities(
	leads: int = 200, conversions: int = 12, seed: int = DEFAULT_SEED, commit: bool = True
) -> dict:
	"""Give the newest `leads` leads activities and convert `conversions` of them. Idempotent:
	a site whose leads already have calls is left as it is."""
	require_system_manager()
	if frappe.db.exists("XS Call", {"reference_doctype": "XS Lead"}):
		return {"inserted": 0, "converted": 0}
	users = ensure_demo_sales_people()
	lead = frappe.qb.DocType("XS Lead")
	# (a query, not get_all: "is not set" on a Datetime compares it with '' on PostgreSQL)
	rows = (
		frappe.qb.from_(lead)
		.select(*LEAD_FIELDS)
		.where((lead.deactivated == 0) & lead.converted_on.isnull())
		.orderby(lead.name, order=Order.desc)
		.limit(leads)
		.run(as_dict=True)
	)
	activities = generate_activities(rows, seed=seed, reference_time=now_datetime(), users=users)
	insert_activities(activities)
	ensure_demo_categories()
	converted = convert_some(rows, conversions)
	if commit:
		frappe.db.commit()
	return {"inserted": {kind: len(items) for kind, items in activities.items()}, "converted": converted}


def insert_activities(activities: dict) -> None:
	for call in activities["calls"]:
		call.setdefault("duration", None)
		call.setdefault("notes", None)
	bulk_insert("XS Call", activities["calls"], stamp_field="call_time", autoincrement=True)
	bulk_insert("XS Note", activities["notes"], stamp_field="date", autoincrement=True)
	bulk_insert("ToDo", activities["tasks"])
	emails = [{**row, "communication_medium": "Email", "status": "Linked"} for row in activities["emails"]]
	bulk_insert("Communication", emails, stamp_field="communication_date")
	for lead in {task["reference_name"] for task in activities["tasks"]}:
		refresh_assignments("XS Lead", lead)
	for appointment in activities["appointments"]:
		lead = appointment.pop("lead")
		frappe.get_doc(
			{
				"doctype": "Event",
				**appointment,
				"event_participants": [{"reference_doctype": "XS Lead", "reference_docname": lead}],
			}
		).insert(ignore_permissions=True)


def bulk_insert(doctype: str, rows: list[dict], stamp_field: str | None = None, autoincrement=False) -> None:
	"""One multi-row statement; `stamp_field` (or now) as creation and modified, names reserved
	from the DocType's sequence or made as hashes."""
	if not rows:
		return
	user, now = frappe.session.user, now_datetime()
	if autoincrement:
		first = frappe.db.get_next_sequence_val(doctype)
		frappe.db.set_next_sequence_val(doctype, first + len(rows), is_val_used=False)
		names = [first + i for i in range(len(rows))]
	else:
		names = [frappe.generate_hash(length=10) for _ in rows]
	meta = frappe.get_meta(doctype)
	fields = [f for f in rows[0] if meta.has_field(f)]
	columns = ["name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", *fields]
	quote = '"' if frappe.db.db_type == "postgres" else "`"
	statement = "INSERT INTO {q}tab{dt}{q} ({cols}) VALUES ({marks})".format(
		q=quote,
		dt=doctype,
		cols=", ".join(f"{quote}{c}{quote}" for c in columns),
		marks=", ".join(["%s"] * len(columns)),
	)
	values = []
	for name, row in zip(names, rows, strict=True):
		stamp = row.get(stamp_field) if stamp_field else None
		stamp = stamp or now
		values.append((name, stamp, stamp, user, user, 0, 0, *(row.get(f) for f in fields)))
	frappe.db.sql("SELECT 1")  # makes sure the connection and its cursor are open
	frappe.db._cursor.executemany(statement, values)


def ensure_demo_categories() -> None:
	for category in DEMO_CATEGORIES:
		if not frappe.db.exists("XS Company Category", category):
			frappe.get_doc({"doctype": "XS Company Category", "category_name": category}).insert(
				ignore_permissions=True
			)


def convert_some(leads: list[dict], count: int) -> int:
	"""Convert Hot, reached leads that name a person, with the demo options in turn."""
	candidates = [
		lead
		for lead in leads
		if lead.contact_status == "Reached" and lead.classification == "Hot" and lead.first_name
	][:count]
	for i, lead in enumerate(candidates):
		convert_lead(lead.name, DEMO_CONVERSIONS[i % len(DEMO_CONVERSIONS)])
	return len(candidates)
