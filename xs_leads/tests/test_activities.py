"""The activity tabs' data: xs_leads.api.activities.get_activities."""

import frappe
from frappe.utils import add_to_date, now_datetime

from xs_leads.api.activities import get_activities, get_email, get_record_activities
from xs_leads.testing import IntegrationTestCase, as_user
from xs_leads.tests.activity_factories import (
	KINDS,
	add_appointment,
	add_call,
	add_email,
	add_note,
	add_one_of_each,
	add_task,
)
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_lead, make_user


class TestGetActivities(IntegrationTestCase):
	def test_every_kind_is_listed_with_its_title_and_date(self):
		lead = make_lead()
		made = add_one_of_each("XS Lead", lead.name)
		activities = get_activities(lead.name)
		self.assertEqual(set(activities), set(KINDS))
		for kind in KINDS:
			with self.subTest(kind=kind):
				(row,) = activities[kind]
				self.assertEqual(
					(row["doctype"], str(row["name"])), (made[kind].doctype, str(made[kind].name))
				)
				self.assertTrue(row["title"])
				self.assertTrue(row["date"])
		self.assertEqual(activities["notes"][0]["summary"], "Interessert i kasser")
		self.assertEqual(activities["calls"][0]["title"], "Outgoing call: No Answer")
		self.assertEqual(activities["tasks"][0]["title"], "Send tilbud")

	def test_newest_first(self):
		lead = make_lead()
		add_call("XS Lead", lead.name, minutes_ago=60, notes="eldst")
		add_call("XS Lead", lead.name, minutes_ago=1, notes="nyest")
		add_appointment("XS Lead", lead.name, subject="Neste uke", days=7)
		add_appointment("XS Lead", lead.name, subject="I morgen", days=1)
		add_email(
			"XS Lead", lead.name, subject="Gammel", communication_date=add_to_date(now_datetime(), days=-3)
		)
		add_email("XS Lead", lead.name, subject="Ny", communication_date=now_datetime())
		activities = get_activities(lead.name)
		self.assertEqual([row["notes"] for row in activities["calls"]], ["nyest", "eldst"])
		self.assertEqual([row["title"] for row in activities["appointments"]], ["Neste uke", "I morgen"])
		self.assertEqual([row["title"] for row in activities["emails"]], ["Ny", "Gammel"])

	def test_email_columns_of_the_seed(self):
		lead = make_lead()
		add_email("XS Lead", lead.name, subject="Mottatt", has_attachment=1, xs_priority="High")
		add_email(
			"XS Lead",
			lead.name,
			subject="Sendt",
			sent_or_received="Sent",
			recipients="kari@nordfisk.no",
			delivery_status="Sent",
		)
		add_email("XS Lead", lead.name, subject="Kladd", sent_or_received="Sent", delivery_status="Scheduled")
		add_email("XS Lead", lead.name, subject="I tidslinjen", timeline_only=True)
		emails = {row["title"]: row for row in get_activities(lead.name)["emails"]}
		self.assertEqual(
			{title: row["direction"] for title, row in emails.items()},
			{"Mottatt": "received", "Sendt": "sent", "Kladd": "draft", "I tidslinjen": "received"},
		)
		self.assertEqual((emails["Mottatt"]["priority"], emails["Mottatt"]["has_attachment"]), ("High", True))
		self.assertEqual(emails["Sendt"]["recipients"], "kari@nordfisk.no")
		for key in ("sender", "date", "modified", "modified_by"):
			self.assertIn(key, emails["Sendt"])

	def test_other_records_activities_are_not_listed(self):
		lead, other = make_lead(), make_lead(company_name="Annen AS")
		add_one_of_each("XS Lead", other.name)
		self.assertEqual(get_activities(lead.name), {kind: [] for kind in KINDS})

	def test_a_sales_user_sees_what_frappe_lets_them_read(self):
		lead = make_lead()
		add_appointment("XS Lead", lead.name, subject="Offentlig", event_type="Public")
		add_appointment("XS Lead", lead.name, subject="Privat", event_type="Private")  # Administrator's
		add_task("XS Lead", lead.name, description="Ikke min", allocated_to="Administrator")
		add_note("XS Lead", lead.name)
		user = make_user("xs.activity.reader@example.com", "XS Sales User")
		add_task("XS Lead", lead.name, description="Min oppgave", allocated_to=user)
		frappe.set_user(user)
		self.addCleanup(frappe.set_user, "Administrator")
		activities = get_activities(lead.name)
		self.assertEqual([row["title"] for row in activities["appointments"]], ["Offentlig"])
		self.assertEqual([row["title"] for row in activities["tasks"]], ["Min oppgave"])
		self.assertEqual(len(activities["notes"]), 1)

	def test_refused_without_read_permission_on_the_lead(self):
		lead = make_lead()
		frappe.set_user(make_user("xs.activity.outsider@example.com"))
		self.addCleanup(frappe.set_user, "Administrator")
		with self.assertRaises(frappe.PermissionError):
			get_activities(lead.name)

	def test_a_sales_user_reads_a_leads_email_though_frappe_keeps_the_document_from_them(self):
		lead = make_lead()
		mail = add_email("XS Lead", lead.name, subject="Pris på kasser", content="<p>Hva koster 100?</p>")
		reader = make_user("xs.email.reader@example.com", "XS Sales User")
		outsider = make_user("xs.email.outsider@example.com")
		with as_user(reader):
			self.assertFalse(frappe.has_permission("Communication", "read", mail.name))
			shown = get_email(mail.name)
		self.assertEqual((shown["subject"], shown["content"]), ("Pris på kasser", "<p>Hva koster 100?</p>"))
		with as_user(outsider), self.assertRaises(frappe.PermissionError):
			get_email(mail.name)

	def test_other_record_types(self):
		company = frappe.get_doc({"doctype": "XS Company", "company_name": "Aktiv AS"}).insert()
		add_call("XS Company", company.name)
		self.assertEqual(len(get_record_activities("XS Company", company.name)["calls"]), 1)
		with self.assertRaises(frappe.ValidationError):
			get_record_activities("User", "Administrator")
