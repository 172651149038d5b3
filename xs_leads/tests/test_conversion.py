"""Converting one lead: every option, reuse, preview, all-or-nothing, permissions, custom fields."""

import json
from unittest import mock

import frappe
from frappe.utils import get_datetime, now_datetime

from xs_leads.api.activities import get_activities, get_record_activities
from xs_leads.api.conversion import convert_lead, preview_conversion
from xs_leads.services.conversion import AlreadyConverted, ConversionError, InvalidConversionOption
from xs_leads.testing import IntegrationTestCase
from xs_leads.tests.activity_factories import (
	KINDS,
	activity_links,
	add_email,
	add_one_of_each,
	make_convertible_lead,
	unique_organisation_number,
)
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_lead, make_user

TARGETS = ("XS Company", "Contact", "XS Opportunity")
NOTHING_LEFT = {"Event": 0, "XS Call": 0, "ToDo": 0, "XS Note": 0, "Communication": 0}
ONE_OF_EACH = {"Event": 1, "XS Call": 1, "ToDo": 1, "XS Note": 1, "Communication": 1}


def record_counts() -> dict:
	return {doctype: frappe.db.count(doctype) for doctype in TARGETS}


def make_category(name="Partner") -> str:
	if not frappe.db.exists("XS Company Category", name):
		frappe.get_doc({"doctype": "XS Company Category", "category_name": name}).insert()
	return name


class TestConvertLead(IntegrationTestCase):
	def test_default_conversion_makes_company_and_contact_moves_everything_and_deactivates(self):
		number = unique_organisation_number()
		lead = make_convertible_lead(
			organisation_number=number, industry="Construction", employees=12, phone="22 33 44 55"
		)
		add_one_of_each("XS Lead", lead.name)
		add_email("XS Lead", lead.name, subject="Bare i tidslinjen", timeline_only=True)

		result = convert_lead(lead.name)

		self.assertEqual(
			set(result),
			{
				"company",
				"company_created",
				"contact",
				"contact_created",
				"opportunity",
				"moved",
				"lead_action",
			},
		)
		self.assertTrue(result["company_created"])
		self.assertTrue(result["contact_created"])
		self.assertIsNone(result["opportunity"])
		self.assertEqual(result["lead_action"], "deactivated")
		self.assertEqual(result["moved"], {**ONE_OF_EACH, "Communication": 2})

		company = frappe.get_doc("XS Company", result["company"])
		self.assertEqual(
			(company.company_name, company.organisation_number, company.industry, company.employees),
			("Nordfisk Konvertering AS", number, "Construction", 12),
		)
		self.assertEqual((company.phone, company.relation_type), ("+4722334455", "Customer"))
		self.assertEqual(str(company.lead), str(lead.name))

		contact = frappe.get_doc("Contact", result["contact"])
		self.assertEqual((contact.first_name, contact.last_name), ("Kari", "Nordmann"))
		self.assertEqual(
			(contact.designation, contact.gender, contact.email_id),
			("Innkjøpssjef", "Female", "kari@nordfisk.no"),
		)
		self.assertEqual(contact.mobile_no, "+4791234567")
		self.assertEqual(contact.phone, "+4722334456")
		self.assertEqual(
			[(link.link_doctype, str(link.link_name)) for link in contact.links],
			[("XS Company", str(company.name))],
		)

		lead.reload()
		self.assertEqual(lead.deactivated, 1)
		self.assertEqual(str(lead.converted_company), str(company.name))
		self.assertEqual(lead.converted_contact, contact.name)
		self.assertLessEqual(get_datetime(lead.converted_on), now_datetime())

		self.assertEqual(activity_links(lead.name), NOTHING_LEFT)
		on_company = get_record_activities("XS Company", company.name)
		self.assertEqual(
			{kind: len(on_company[kind]) for kind in KINDS}, {**dict.fromkeys(KINDS, 1), "emails": 2}
		)
		self.assertTrue(all(not rows for rows in get_activities(lead.name).values()))

	def test_timeline_links_and_assignments_follow_the_activities(self):
		lead = make_convertible_lead()
		email = add_email("XS Lead", lead.name, timeline_only=True)
		add_one_of_each("XS Lead", lead.name)
		result = convert_lead(lead.name)
		links = frappe.get_all(
			"Communication Link",
			filters={"parent": email.name},
			fields=["link_doctype", "link_name", "link_title"],
		)
		links = {(row.link_doctype, str(row.link_name), row.link_title) for row in links}
		# (Frappe also links the message to contacts with the sender's address and their companies)
		self.assertIn(("XS Company", str(result["company"]), "Nordfisk Konvertering AS"), links)
		self.assertFalse([link for link in links if link[0] == "XS Lead"])
		self.assertIn(
			"Administrator", json.loads(frappe.db.get_value("XS Company", result["company"], "_assign"))
		)
		self.assertFalse(json.loads(frappe.db.get_value("XS Lead", lead.name, "_assign") or "[]"))

	def test_company_type_and_category(self):
		category = make_category("Partner")
		lead = make_convertible_lead()
		result = convert_lead(
			lead.name, {"company_type": "Customer and Supplier", "company_category": category}
		)
		company = frappe.get_doc("XS Company", result["company"])
		self.assertEqual((company.relation_type, company.category), ("Customer and Supplier", "Partner"))
		for company_type in ("Supplier", "Neither"):
			with self.subTest(company_type=company_type):
				other = make_convertible_lead(company_name=f"{company_type} AS")
				result = convert_lead(other.name, json.dumps({"company_type": company_type}))
				self.assertEqual(
					frappe.db.get_value("XS Company", result["company"], "relation_type"), company_type
				)

	def test_contact_off(self):
		lead = make_convertible_lead()
		result = convert_lead(lead.name, {"create_contact": "0"})
		self.assertEqual((result["contact"], result["contact_created"]), (None, False))
		self.assertTrue(result["company_created"])

	def test_lead_without_a_contact_person_makes_no_contact_unless_asked(self):
		lead = make_convertible_lead(first_name="", last_name="")
		result = convert_lead(lead.name)
		self.assertEqual((result["contact"], result["contact_created"]), (None, False))

		other = make_convertible_lead(first_name="", last_name="", company_name="Uten Person AS")
		with self.assertRaisesRegex(ConversionError, "Uten Person AS"):
			convert_lead(other.name, {"create_contact": 1})

	def test_opportunity_with_title_value_and_close_date(self):
		lead = make_convertible_lead(responsible="Administrator")
		result = convert_lead(
			lead.name,
			{
				"create_opportunity": 1,
				"opportunity_title": "Kasser 2027",
				"opportunity_value": "150000",
				"opportunity_close_date": "2027-03-31",
			},
		)
		opportunity = frappe.get_doc("XS Opportunity", result["opportunity"])
		self.assertEqual((opportunity.title, opportunity.expected_value), ("Kasser 2027", 150000))
		self.assertEqual(str(opportunity.expected_close_date), "2027-03-31")
		self.assertEqual(
			(str(opportunity.company), opportunity.contact), (str(result["company"]), result["contact"])
		)
		self.assertEqual(
			(opportunity.status, opportunity.source, str(opportunity.lead)),
			("Open", "Referral", str(lead.name)),
		)
		self.assertEqual(
			str(frappe.db.get_value("XS Lead", lead.name, "converted_opportunity")), str(opportunity.name)
		)

	def test_opportunity_only_takes_the_activities(self):
		lead = make_convertible_lead()
		add_one_of_each("XS Lead", lead.name)
		result = convert_lead(lead.name, {"create_company": 0, "create_contact": 0, "create_opportunity": 1})
		self.assertEqual((result["company"], result["contact"]), (None, None))
		self.assertEqual(result["moved"], ONE_OF_EACH)
		on_opportunity = get_record_activities("XS Opportunity", result["opportunity"])
		self.assertEqual({kind: len(on_opportunity[kind]) for kind in KINDS}, dict.fromkeys(KINDS, 1))

	def test_contact_only_takes_the_activities(self):
		lead = make_convertible_lead()
		add_one_of_each("XS Lead", lead.name)
		result = convert_lead(lead.name, {"create_company": "false"})
		self.assertIsNone(result["company"])
		self.assertEqual(
			frappe.db.count("XS Call", {"reference_doctype": "Contact", "reference_name": result["contact"]}),
			1,
		)
		self.assertEqual(activity_links(lead.name), NOTHING_LEFT)

	def test_keep_leaves_the_lead_active_but_marks_it_converted(self):
		lead = make_convertible_lead()
		result = convert_lead(lead.name, {"lead_action": "Keep"})
		self.assertEqual(result["lead_action"], "kept")
		lead.reload()
		self.assertEqual(lead.deactivated, 0)
		self.assertEqual(str(lead.converted_company), str(result["company"]))
		self.assertTrue(lead.converted_on)

	def test_delete_moves_everything_including_comments_and_files_then_deletes(self):
		lead = make_convertible_lead()
		add_one_of_each("XS Lead", lead.name)
		lead.add_comment("Comment", "Husk å ringe før jul")
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "tilbud.txt",
				"content": b"tilbud",
				"attached_to_doctype": "XS Lead",
				"attached_to_name": lead.name,
			}
		).insert()

		result = convert_lead(lead.name, {"lead_action": "Delete"})

		self.assertEqual(result["lead_action"], "deleted")
		self.assertEqual(result["moved"], {**ONE_OF_EACH, "Comment": 1, "File": 1})
		self.assertFalse(frappe.db.exists("XS Lead", lead.name))
		company = result["company"]
		self.assertIsNone(frappe.db.get_value("XS Company", company, "lead"))
		self.assertEqual(
			frappe.db.count("File", {"attached_to_doctype": "XS Company", "attached_to_name": company}), 1
		)
		self.assertEqual(
			frappe.db.count(
				"Comment",
				{"reference_doctype": "XS Company", "reference_name": company, "comment_type": "Comment"},
			),
			1,
		)
		self.assertEqual(
			frappe.db.count("XS Call", {"reference_doctype": "XS Company", "reference_name": company}), 1
		)

	def test_existing_company_with_the_organisation_number_is_reused_with_its_contact(self):
		number = unique_organisation_number()
		first = make_convertible_lead(organisation_number=number, email="kari@gjenbruk.no")
		first_result = convert_lead(first.name)
		spaced = f"{number[:3]} {number[3:6]} {number[6:]}"
		second = make_convertible_lead(
			organisation_number=spaced, company_name="Nordfisk (duplikat)", email="KARI@gjenbruk.no"
		)
		add_one_of_each("XS Lead", second.name)

		preview = preview_conversion(second.name)
		self.assertEqual((preview["company"], preview["company_created"]), (first_result["company"], False))
		self.assertEqual((preview["contact"], preview["contact_created"]), (first_result["contact"], False))

		before = record_counts()
		result = convert_lead(second.name)
		self.assertEqual(record_counts(), before)
		self.assertEqual((result["company"], result["company_created"]), (first_result["company"], False))
		self.assertEqual((result["contact"], result["contact_created"]), (first_result["contact"], False))
		self.assertEqual(
			frappe.db.count(
				"XS Call", {"reference_doctype": "XS Company", "reference_name": result["company"]}
			),
			1,
		)

	def test_new_contact_with_another_email_joins_the_reused_company(self):
		number = unique_organisation_number()
		first = make_convertible_lead(organisation_number=number)
		company = convert_lead(first.name)["company"]
		second = make_convertible_lead(organisation_number=number, first_name="Per", email="per@nordfisk.no")
		result = convert_lead(second.name)
		self.assertTrue(result["contact_created"])
		self.assertFalse(result["company_created"])
		links = frappe.get_all(
			"Dynamic Link", filters={"parenttype": "Contact", "parent": result["contact"]}, pluck="link_name"
		)
		self.assertEqual([str(name) for name in links], [str(company)])

	def test_preview_equals_the_result_and_writes_nothing(self):
		lead = make_convertible_lead()
		add_one_of_each("XS Lead", lead.name)
		options = {"create_opportunity": 1, "lead_action": "Keep"}
		before, modified = record_counts(), frappe.db.get_value("XS Lead", lead.name, "modified")

		preview = preview_conversion(lead.name, json.dumps(options))

		self.assertEqual(record_counts(), before)
		self.assertEqual(frappe.db.get_value("XS Lead", lead.name, "modified"), modified)
		self.assertEqual(activity_links(lead.name), ONE_OF_EACH)
		self.assertEqual((preview["company"], preview["contact"], preview["opportunity"]), (None, None, None))

		result = convert_lead(lead.name, options)
		self.assertEqual(set(preview), set(result))
		for key in ("company_created", "contact_created", "moved", "lead_action"):
			self.assertEqual(preview[key], result[key], key)

	def test_a_failure_half_way_leaves_no_new_records_and_no_moved_links(self):
		lead = make_convertible_lead()
		add_one_of_each("XS Lead", lead.name)
		before = record_counts()
		with (
			mock.patch(
				"xs_leads.services.conversion.record_conversion",
				side_effect=frappe.ValidationError("disk full"),
			),
			self.assertRaisesRegex(frappe.ValidationError, "disk full"),
		):
			convert_lead(lead.name, {"create_opportunity": 1})
		self.assertEqual(record_counts(), before)
		self.assertEqual(activity_links(lead.name), ONE_OF_EACH)
		lead.reload()
		self.assertFalse(lead.converted_on)
		self.assertEqual(lead.deactivated, 0)
		# and the lead still converts afterwards
		self.assertTrue(convert_lead(lead.name)["company_created"])

	def test_an_already_converted_lead_is_refused_naming_it(self):
		lead = make_convertible_lead(company_name="Allerede Konvertert AS")
		convert_lead(lead.name, {"lead_action": "Keep"})
		with self.assertRaisesRegex(AlreadyConverted, "Allerede Konvertert AS"):
			convert_lead(lead.name)
		with self.assertRaises(AlreadyConverted):
			preview_conversion(lead.name)

	def test_options_that_do_not_exist_are_refused_naming_them(self):
		lead = make_convertible_lead()
		for options, named in (
			({"company_category": "Finnes Ikke"}, "Finnes Ikke"),
			({"company_type": "Kunde"}, "Kunde"),
			({"lead_action": "Archive"}, "lead_action"),
			({"create_compnay": 1}, "create_compnay"),
			({"opportunity_close_date": "neste uke"}, "opportunity_close_date"),
		):
			with self.subTest(options=options), self.assertRaisesRegex(InvalidConversionOption, named):
				convert_lead(lead.name, options)
		with self.assertRaises(InvalidConversionOption):
			convert_lead(lead.name, "not json")
		self.assertFalse(frappe.db.get_value("XS Lead", lead.name, "converted_on"))

	def test_nothing_to_create_is_refused(self):
		lead = make_convertible_lead()
		with self.assertRaisesRegex(ConversionError, "at least one"):
			convert_lead(lead.name, {"create_company": 0, "create_contact": 0})

	def test_unknown_lead_is_refused(self):
		with self.assertRaises(frappe.DoesNotExistError):
			convert_lead(987654321)


class TestConversionPermissions(IntegrationTestCase):
	def setUp(self):
		self.sales_user = make_user("xs.convert.user@example.com", "XS Sales User")
		self.outsider = make_user("xs.convert.outsider@example.com")
		self.addCleanup(frappe.set_user, "Administrator")

	def test_sales_user_converts_with_contact_and_opportunity(self):
		lead = make_convertible_lead()
		frappe.set_user(self.sales_user)
		result = convert_lead(lead.name, {"create_opportunity": 1})
		self.assertTrue(result["company_created"] and result["contact_created"] and result["opportunity"])

	def test_sales_user_may_not_delete_the_lead_and_nothing_is_written(self):
		lead = make_convertible_lead()
		add_one_of_each("XS Lead", lead.name)
		before = record_counts()
		frappe.set_user(self.sales_user)
		with self.assertRaises(frappe.PermissionError):
			convert_lead(lead.name, {"lead_action": "Delete"})
		frappe.set_user("Administrator")
		self.assertEqual(record_counts(), before)
		self.assertTrue(frappe.db.exists("XS Lead", lead.name))
		self.assertEqual(activity_links(lead.name), ONE_OF_EACH)

	def test_user_without_the_role_is_refused_everywhere(self):
		lead = make_convertible_lead()
		frappe.set_user(self.outsider)
		for call in (
			lambda: preview_conversion(lead.name),
			lambda: convert_lead(lead.name),
			lambda: get_activities(lead.name),
		):
			with self.assertRaises(frappe.PermissionError):
				call()

	def test_user_without_create_permission_on_company_is_refused_with_nothing_written(self):
		from frappe.permissions import update_permission_property

		update_permission_property("XS Company", "XS Sales User", 0, "create", 0)
		self.addCleanup(self.forget_permission_change)
		lead = make_convertible_lead()
		add_one_of_each("XS Lead", lead.name)
		before = record_counts()
		frappe.set_user(self.sales_user)
		self.assertFalse(frappe.has_permission("XS Company", "create"))
		with self.assertRaises(frappe.PermissionError):
			convert_lead(lead.name)
		frappe.set_user("Administrator")
		self.assertEqual(record_counts(), before)
		self.assertEqual(activity_links(lead.name), ONE_OF_EACH)
		self.assertFalse(frappe.db.get_value("XS Lead", lead.name, "converted_on"))

	def forget_permission_change(self):
		frappe.db.rollback()
		frappe.clear_cache(doctype="XS Company")


class TestCustomFieldsOnConversion(IntegrationTestCase):
	"""Custom fields as an admin makes them (Custom Field records); their DDL commits, so they are
	created once for the class and removed afterwards."""

	FIELDS = {
		"XS Lead": [("custom_region", "Data"), ("custom_rating", "Int"), ("custom_lead_only", "Data")],
		"XS Company": [("custom_region", "Data"), ("custom_rating", "Data")],
		"Contact": [("custom_region", "Data")],
	}

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.custom_fields = []
		for doctype, fields in cls.FIELDS.items():
			for fieldname, fieldtype in fields:
				name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": fieldname})
				if not name:
					name = (
						frappe.get_doc(
							{
								"doctype": "Custom Field",
								"dt": doctype,
								"fieldname": fieldname,
								"label": fieldname.replace("custom_", "").title(),
								"fieldtype": fieldtype,
							}
						)
						.insert()
						.name
					)
				cls.custom_fields.append(name)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		for name in cls.custom_fields:
			frappe.delete_doc("Custom Field", name, force=True, ignore_missing=True)
		frappe.db.commit()
		super().tearDownClass()

	def test_custom_field_goes_to_the_custom_fields_tab(self):
		meta = frappe.get_meta("XS Lead")
		fieldnames = [df.fieldname for df in meta.fields]
		self.assertGreater(fieldnames.index("custom_region"), fieldnames.index("custom_fields_tab"))

	def test_values_are_copied_where_the_same_field_exists(self):
		lead = make_lead(
			company_name="Egendefinert AS",
			first_name="Kari",
			custom_region="Vestland",
			custom_rating=4,
			custom_lead_only="x",
		)
		result = convert_lead(lead.name)
		company = frappe.get_doc("XS Company", result["company"])
		self.assertEqual(company.custom_region, "Vestland")
		self.assertFalse(company.custom_rating)  # Data on the company, Int on the lead: not the same field
		self.assertEqual(frappe.db.get_value("Contact", result["contact"], "custom_region"), "Vestland")
