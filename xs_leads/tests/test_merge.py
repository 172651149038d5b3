"""Merging two leads: empty fields filled (never overwritten), every link moved, a permanent record
of the source's values, refusals and failures that write nothing."""

import json
from unittest.mock import patch

import frappe
from frappe.desk.form.assign_to import add as assign

from xs_leads.api.merge import merge_leads, preview_merge
from xs_leads.services import duplicate_index
from xs_leads.testing import IntegrationTestCase, as_user
from xs_leads.tests.activity_factories import add_appointment, add_call, add_email, add_note, add_task
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_lead, make_user

MERGE_RECORD = "XS Lead Merge"


class CustomFieldsMixin:
	"""Custom fields as an admin makes them; their DDL commits, so they are made once per class."""

	FIELDS = {
		"XS Lead": [("custom_xs_segment", "Data", None), ("custom_xs_rating", "Int", None)],
		"Note": [("custom_xs_lead", "Link", "XS Lead")],
	}

	@classmethod
	def make_custom_fields(cls):
		cls.custom_fields = []
		for doctype, fields in cls.FIELDS.items():
			for fieldname, fieldtype, options in fields:
				name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": fieldname})
				if not name:
					field = {
						"doctype": "Custom Field",
						"dt": doctype,
						"fieldname": fieldname,
						"label": fieldname.replace("custom_xs_", "").title(),
						"fieldtype": fieldtype,
						"options": options,
					}
					name = frappe.get_doc(field).insert().name
				cls.custom_fields.append(name)
		frappe.db.commit()

	@classmethod
	def remove_custom_fields(cls):
		frappe.db.rollback()
		for name in cls.custom_fields:
			frappe.delete_doc("Custom Field", name, force=True, ignore_missing=True)
		frappe.db.commit()


def lead_values(name) -> dict:
	return frappe.db.get_value("XS Lead", name, "*", as_dict=True)


def merge_records_of(target) -> list[dict]:
	return frappe.get_all(MERGE_RECORD, filters={"target": str(target)}, fields=["*"])


class TestFill(CustomFieldsMixin, IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.make_custom_fields()

	@classmethod
	def tearDownClass(cls):
		cls.remove_custom_fields()
		super().tearDownClass()

	def test_empty_fields_of_the_target_are_filled_and_filled_ones_kept(self):
		source = make_lead(
			company_name="Nordfisk A/S",
			organisation_number="923609016",
			phone="22 33 44 55",
			email="kari@nordfisk.no",
			first_name="Kari",
			last_name="Nordmann",
			job_title="Daglig leder",
			employees=12,
			classification="Hot",
			subject="Vil ha tilbud",
			custom_xs_segment="Sjømat",
			custom_xs_rating=4,
			credit_worthy=1,
		)
		target = make_lead(
			company_name="Nordfisk AS",
			phone="73 00 00 00",
			last_name="Olsen",
			employees=0,
			custom_xs_rating=2,
			credit_worthy=0,
		)
		result = merge_leads(source.name, target.name)
		self.assertEqual(result["target"], target.name)
		self.assertEqual(
			set(result["filled"]),
			{
				"organisation_number",
				"email",
				"first_name",
				"job_title",
				"employees",
				"classification",
				"subject",
				"custom_xs_segment",
			},
		)
		after = lead_values(target.name)
		self.assertEqual(after.company_name, "Nordfisk AS")
		self.assertEqual(after.phone, "+4773000000")
		self.assertEqual(after.last_name, "Olsen")
		self.assertEqual(after.custom_xs_rating, 2)
		self.assertEqual(after.credit_worthy, 0, "a check box always holds a statement: never filled")
		self.assertEqual(
			(after.email, after.first_name, after.job_title), ("kari@nordfisk.no", "Kari", "Daglig leder")
		)
		self.assertEqual((after.employees, after.classification), (12, "Hot"))
		self.assertEqual((after.organisation_number, after.custom_xs_segment), ("923609016", "Sjømat"))
		self.assertFalse(frappe.db.exists("XS Lead", source.name))

	def test_merge_record_holds_every_original_value_of_the_source(self):
		source = make_lead(
			company_name="Nordfisk A/S",
			email="kari@nordfisk.no",
			note="Ring etter kl. 14",
			custom_xs_segment="Sjømat",
			credit_worthy=1,
		)
		target = make_lead(company_name="Nordfisk AS", note="Har fått tilbud")
		original = lead_values(source.name)
		merge_leads(source.name, target.name)
		records = merge_records_of(target.name)
		self.assertEqual(len(records), 1)
		record = records[0]
		self.assertEqual((record.source_lead, record.source_title), (str(source.name), "Nordfisk A/S"))
		self.assertEqual(record.merged_by, "Administrator")
		kept = json.loads(record.source_values)
		for field in (
			"company_name",
			"email",
			"note",
			"custom_xs_segment",
			"credit_worthy",
			"owner",
			"creation",
		):
			self.assertEqual(str(kept[field]), str(original[field]), field)
		self.assertEqual(
			json.loads(record.filled_fields), {"email": "kari@nordfisk.no", "custom_xs_segment": "Sjømat"}
		)
		comments = frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": "XS Lead",
				"reference_name": str(target.name),
				"comment_type": "Info",
			},
			pluck="content",
		)
		self.assertTrue(any(str(source.name) in c and "Nordfisk A/S" in c for c in comments), comments)

	def test_merge_record_does_not_keep_the_target_from_being_deleted(self):
		source, target = make_lead(company_name="Nordfisk A/S"), make_lead(company_name="Nordfisk AS")
		merge_leads(source.name, target.name)
		frappe.delete_doc("XS Lead", target.name)
		self.assertFalse(frappe.db.exists("XS Lead", target.name))
		self.assertEqual(len(merge_records_of(target.name)), 1, "the record stays as history")

	def test_index_follows_the_merge(self):
		source = make_lead(company_name="Nordfisk A/S", email="kari@nordfisk.no")
		target = make_lead(company_name="Nordfisk AS")
		merge_leads(source.name, target.name)
		keys = duplicate_index.quoted(duplicate_index.KEY_TABLE)
		rows = frappe.db.sql(
			f"SELECT reference_name FROM {keys} WHERE reference_doctype = 'XS Lead' AND match_key = %s",
			("mail:kari@nordfisk.no",),
			pluck=True,
		)
		self.assertIn(str(target.name), rows)
		self.assertNotIn(str(source.name), rows)


class TestLinksMoved(CustomFieldsMixin, IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.make_custom_fields()

	@classmethod
	def tearDownClass(cls):
		cls.remove_custom_fields()
		super().tearDownClass()

	def setUp(self):
		self.source = make_lead(company_name="Nordfisk A/S")
		self.target = make_lead(company_name="Nordfisk AS")
		self.assignee = make_user("xs.merge.assignee@example.com", "XS Sales User")

	def link_one_of_each(self, name) -> dict:
		lead = frappe.get_doc("XS Lead", name)
		lead.subject = "Endret for historikken"
		lead.save()  # a Version
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"tilbud-{name}.txt",
				"content": "Tilbud",
				"attached_to_doctype": "XS Lead",
				"attached_to_name": str(name),
			}
		).insert()
		assign({"assign_to": [self.assignee], "doctype": "XS Lead", "name": str(name), "description": "Ring"})
		return {
			"Event": add_appointment("XS Lead", name),
			"XS Call": add_call("XS Lead", name),
			"XS Note": add_note("XS Lead", name),
			"ToDo": add_task("XS Lead", name),
			"Communication": add_email("XS Lead", name),
			"Comment": lead.add_comment("Comment", "Hyggelig samtale"),
			"File": file,
			"Note": frappe.get_doc(
				{"doctype": "Note", "title": f"Notat {name}", "custom_xs_lead": str(name)}
			).insert(),
		}

	def test_every_kind_of_link_moves_to_the_target(self):
		linked = self.link_one_of_each(self.source.name)
		timeline_only = add_email("XS Lead", self.source.name, subject="Bare tidslinje", timeline_only=True)
		company = frappe.get_doc(
			{"doctype": "XS Company", "company_name": "Nordfisk AS", "lead": str(self.source.name)}
		).insert()

		preview = preview_merge(self.source.name, self.target.name)
		result = merge_leads(self.source.name, self.target.name)
		self.assertEqual(preview, result)

		moved = result["moved"]
		for doctype in ("Event", "XS Call", "XS Note", "File", "Note", "Version", "XS Company"):
			self.assertEqual(moved.get(doctype), 1, doctype)
		self.assertEqual(moved["Communication"], 2)
		self.assertEqual(moved["ToDo"], 2, "the task and the assignment")
		self.assertGreaterEqual(moved["Comment"], 1)

		target = str(self.target.name)
		event = frappe.get_doc("Event", linked["Event"].name)
		self.assertEqual([p.reference_docname for p in event.event_participants], [target])
		self.assertEqual(frappe.db.get_value("XS Call", linked["XS Call"].name, "reference_name"), target)
		self.assertEqual(frappe.db.get_value("XS Note", linked["XS Note"].name, "reference_name"), target)
		self.assertEqual(frappe.db.get_value("ToDo", linked["ToDo"].name, "reference_name"), target)
		self.assertEqual(
			frappe.db.get_value("Communication", linked["Communication"].name, "reference_name"), target
		)
		self.assertEqual(
			frappe.get_doc("Communication", timeline_only.name).timeline_links[0].link_name, target
		)
		self.assertEqual(frappe.db.get_value("Comment", linked["Comment"].name, "reference_name"), target)
		self.assertEqual(frappe.db.get_value("File", linked["File"].name, "attached_to_name"), target)
		self.assertEqual(frappe.db.get_value("Note", linked["Note"].name, "custom_xs_lead"), target)
		self.assertEqual(frappe.db.get_value("XS Company", company.name, "lead"), target)
		self.assertIn(self.assignee, json.loads(frappe.db.get_value("XS Lead", target, "_assign") or "[]"))
		self.assertTrue(frappe.get_all("Version", filters={"ref_doctype": "XS Lead", "docname": target}))

	def test_an_event_with_both_leads_keeps_one_participant_row(self):
		event = add_appointment("XS Lead", self.source.name)
		event.append(
			"event_participants", {"reference_doctype": "XS Lead", "reference_docname": str(self.target.name)}
		)
		event.save()
		merge_leads(self.source.name, self.target.name)
		rows = frappe.get_doc("Event", event.name).event_participants
		self.assertEqual([r.reference_docname for r in rows], [str(self.target.name)])

	def test_the_targets_own_links_stay(self):
		own = self.link_one_of_each(self.target.name)
		merge_leads(self.source.name, self.target.name)
		self.assertEqual(
			frappe.db.get_value("XS Call", own["XS Call"].name, "reference_name"), str(self.target.name)
		)

	def test_preview_writes_nothing(self):
		linked = self.link_one_of_each(self.source.name)
		before = (lead_values(self.source.name), lead_values(self.target.name))
		preview = preview_merge(self.source.name, self.target.name)
		self.assertEqual(preview["target"], self.target.name)
		self.assertEqual(preview["moved"]["XS Call"], 1)
		self.assertEqual((lead_values(self.source.name), lead_values(self.target.name)), before)
		self.assertEqual(
			frappe.db.get_value("XS Call", linked["XS Call"].name, "reference_name"), str(self.source.name)
		)
		self.assertEqual(merge_records_of(self.target.name), [])


class TestRefusals(IntegrationTestCase):
	def setUp(self):
		self.source = make_lead(company_name="Nordfisk A/S", email="kari@nordfisk.no")
		self.target = make_lead(company_name="Nordfisk AS")
		self.call = add_call("XS Lead", self.source.name)
		self.before = (lead_values(self.source.name), lead_values(self.target.name))

	def assertNothingWritten(self):
		self.assertEqual((lead_values(self.source.name), lead_values(self.target.name)), self.before)
		self.assertEqual(
			frappe.db.get_value("XS Call", self.call.name, "reference_name"), str(self.source.name)
		)
		self.assertEqual(merge_records_of(self.target.name), [])
		self.assertEqual(merge_records_of(self.source.name), [])

	def test_a_lead_into_itself(self):
		for call in (merge_leads, preview_merge):
			with self.subTest(call=call.__name__), self.assertRaisesRegex(frappe.ValidationError, "itself"):
				call(self.source.name, self.source.name)
		self.assertNothingWritten()

	def test_a_missing_lead(self):
		for source, target in ((987654321, self.target.name), (self.source.name, 987654321)):
			with self.subTest(source=source), self.assertRaisesRegex(frappe.DoesNotExistError, "987654321"):
				merge_leads(source, target)
		self.assertNothingWritten()

	def test_not_a_lead_name(self):
		with self.assertRaisesRegex(frappe.ValidationError, "not a lead"):
			merge_leads("abc", self.target.name)

	def test_a_converted_lead_as_source(self):
		frappe.db.set_value("XS Lead", self.source.name, "converted_on", frappe.utils.now_datetime())
		self.before = (lead_values(self.source.name), lead_values(self.target.name))
		with self.assertRaisesRegex(frappe.ValidationError, "converted"):
			merge_leads(self.source.name, self.target.name)
		self.assertNothingWritten()

	def test_a_user_who_may_not_delete_the_source(self):
		user = make_user("xs.merge.sales@example.com", "XS Sales User")
		with as_user(user), self.assertRaises(frappe.PermissionError):
			merge_leads(self.source.name, self.target.name)
		with as_user(user):
			self.assertEqual(
				preview_merge(self.source.name, self.target.name)["filled"], {"email": "kari@nordfisk.no"}
			)
		self.assertNothingWritten()

	def test_a_user_without_lead_access(self):
		user = make_user("xs.merge.nobody@example.com")
		for call in (merge_leads, preview_merge):
			with self.subTest(call=call.__name__), as_user(user), self.assertRaises(frappe.PermissionError):
				call(self.source.name, self.target.name)
		self.assertNothingWritten()

	def test_a_failure_half_way_leaves_both_leads_as_they_were(self):
		with patch("xs_leads.services.merge._merge_list_columns", side_effect=RuntimeError("disk full")):
			with self.assertRaisesRegex(RuntimeError, "disk full"):
				merge_leads(self.source.name, self.target.name)
		self.assertNothingWritten()
		self.assertTrue(frappe.db.exists("XS Lead", self.source.name))
