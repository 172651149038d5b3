"""The bulk job's fast path gives what converting one by one gives, and leaves what it cannot do."""

from unittest import mock

import frappe

from xs_leads.domain.conversion import parse_options
from xs_leads.services.activities import count_activities
from xs_leads.services.bulk_conversion import convert_in_chunks
from xs_leads.services.conversion import convert_lead
from xs_leads.services.fast_conversion import convert_chunk
from xs_leads.testing import IntegrationTestCase, as_user
from xs_leads.tests.activity_factories import (
	KINDS,
	add_email,
	add_one_of_each,
	make_convertible_lead,
	unique_organisation_number,
)
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_user

COMPANY_FIELDS = (
	"industry",
	"website",
	"phone",
	"fax",
	"employees",
	"annual_revenue",
	"credit_worthy",
	"payment_remarks",
	"relation_type",
	"category",
	"responsible",
	"note",
	"docstatus",
	"owner",
)
CONTACT_FIELDS = (
	"first_name",
	"last_name",
	"full_name",
	"email_id",
	"phone",
	"mobile_no",
	"gender",
	"designation",
	"status",
	"user",
	"is_primary_contact",
	"unsubscribed",
)
OPPORTUNITY_FIELDS = ("title", "status", "expected_value", "expected_close_date", "source", "responsible")


def lead_pair(**fields):
	"""Two leads alike but for their name and organisation number, each with one activity of every kind."""
	leads = []
	for suffix in ("én og én", "i bulk"):
		lead = make_convertible_lead(
			company_name=f"Tvilling {suffix} AS",
			organisation_number=unique_organisation_number(),
			industry="Construction",
			website="tvilling.no",
			phone="22 33 44 55",
			employees=40,
			annual_revenue=9_000_000,
			credit_worthy=1,
			responsible="Administrator",
			note="Notat fra leden",
			**fields,
		)
		add_one_of_each("XS Lead", lead.name)
		add_email("XS Lead", lead.name, subject="Via tidslinjen", timeline_only=True)
		leads.append(lead)
	return leads


def children(doctype, name, table, fields):
	return sorted(
		tuple(row[f] for f in fields)
		for row in frappe.get_all(table, filters={"parenttype": doctype, "parent": name}, fields=list(fields))
	)


class TestFastPathMatchesOneByOne(IntegrationTestCase):
	def test_same_company_contact_opportunity_moves_and_lead(self):
		options = parse_options(
			{"create_opportunity": 1, "opportunity_value": 5000, "opportunity_close_date": "2027-01-31"}
		)
		one, bulk = lead_pair()
		slow = convert_lead(one.name, options)
		converted, leftover = convert_chunk([bulk.name], options)
		self.assertEqual(leftover, [])
		(fast,) = converted
		self.assertEqual(fast["lead"], bulk.name)

		slow_company, fast_company = (frappe.get_doc("XS Company", r["company"]) for r in (slow, fast))
		for field in COMPANY_FIELDS:
			self.assertEqual(slow_company.get(field), fast_company.get(field), field)
		self.assertEqual(fast_company.company_name, "Tvilling i bulk AS")
		self.assertEqual(fast_company.organisation_number, bulk.organisation_number)
		self.assertEqual(str(fast_company.lead), str(bulk.name))

		slow_contact, fast_contact = (frappe.get_doc("Contact", r["contact"]) for r in (slow, fast))
		for field in CONTACT_FIELDS:
			self.assertEqual(slow_contact.get(field), fast_contact.get(field), field)
		self.assertEqual(fast_contact.name, f"Kari Nordmann-{fast['company']}")
		for table, fields in (
			("Contact Email", ("email_id", "is_primary")),
			("Contact Phone", ("phone", "is_primary_phone", "is_primary_mobile_no")),
		):
			self.assertEqual(
				children("Contact", slow_contact.name, table, fields),
				children("Contact", fast_contact.name, table, fields),
				table,
			)
		self.assertEqual(
			children(
				"Contact", fast_contact.name, "Dynamic Link", ("link_doctype", "link_name", "link_title")
			),
			[("XS Company", str(fast["company"]), "Tvilling i bulk AS")],
		)

		slow_opportunity, fast_opportunity = (
			frappe.get_doc("XS Opportunity", r["opportunity"]) for r in (slow, fast)
		)
		for field in OPPORTUNITY_FIELDS:
			self.assertEqual(slow_opportunity.get(field), fast_opportunity.get(field), field)
		self.assertEqual(
			(str(fast_opportunity.company), fast_opportunity.contact), (str(fast["company"]), fast["contact"])
		)

		self.assertEqual(
			count_activities("XS Lead", bulk.name), dict.fromkeys(count_activities("XS Lead", one.name), 0)
		)
		self.assertEqual(
			count_activities("XS Company", fast["company"]), count_activities("XS Company", slow["company"])
		)
		self.assertEqual(
			frappe.db.get_value("XS Company", fast["company"], "_assign"),
			frappe.db.get_value("XS Company", slow["company"], "_assign"),
		)
		titles = frappe.get_all(
			"Communication Link",
			filters={"link_doctype": "XS Company", "link_name": str(fast["company"])},
			pluck="link_title",
		)
		self.assertEqual(titles, ["Tvilling i bulk AS"])

		slow_lead, fast_lead = (frappe.get_doc("XS Lead", lead.name) for lead in (one, bulk))
		self.assertEqual(fast_lead.deactivated, slow_lead.deactivated)
		self.assertEqual(str(fast_lead.converted_company), str(fast["company"]))
		self.assertEqual(fast_lead.converted_contact, fast["contact"])
		self.assertEqual(str(fast_lead.converted_opportunity), str(fast["opportunity"]))
		self.assertTrue(fast_lead.converted_on)

	def test_reused_company_and_contact_keep(self):
		number = unique_organisation_number()
		first = make_convertible_lead(organisation_number=number, email="kari@gjenbruk.no")
		existing = convert_lead(first.name)
		second = make_convertible_lead(
			organisation_number=number, email="Kari@Gjenbruk.no", company_name="Igjen AS"
		)
		(fast,), leftover = convert_chunk([second.name], parse_options({"lead_action": "Keep"}))
		self.assertEqual(leftover, [])
		self.assertEqual((fast["company"], fast["contact"]), (existing["company"], existing["contact"]))
		self.assertEqual(frappe.db.get_value("XS Lead", second.name, "deactivated"), 0)


class TestFastPathLeftovers(IntegrationTestCase):
	def test_what_it_leaves_to_the_one_by_one_path(self):
		options = parse_options({})
		plain = make_convertible_lead(company_name="Vanlig AS")
		converted_before = make_convertible_lead(company_name="Før AS")
		convert_lead(converted_before.name, {"lead_action": "Keep"})
		number = unique_organisation_number()
		twin_a = make_convertible_lead(company_name="Tvilling A AS", organisation_number=number)
		twin_b = make_convertible_lead(company_name="Tvilling B AS", organisation_number=number)
		no_person = make_convertible_lead(company_name="Uten Person AS", first_name="", last_name="")

		converted, leftover = convert_chunk(
			[plain.name, 55555555, converted_before.name, twin_a.name, twin_b.name, no_person.name], options
		)
		self.assertEqual([row["lead"] for row in converted], [plain.name, twin_a.name, no_person.name])
		self.assertIsNone(converted[2]["contact"])
		self.assertEqual(leftover, [55555555, converted_before.name, twin_b.name])

		# the one-by-one path then reuses the twin's company and reports the others
		summary = convert_in_chunks([twin_b.name, 55555555, converted_before.name], options)
		self.assertEqual(summary["converted"][0]["company"], converted[1]["company"])
		self.assertEqual([row["lead"] for row in summary["failed"]], [55555555, converted_before.name])

	def test_delete_and_missing_rights_go_one_by_one(self):
		lead = make_convertible_lead()
		self.assertEqual(
			convert_chunk([lead.name], parse_options({"lead_action": "Delete"})), ([], [lead.name])
		)
		with as_user(make_user("xs.fast.outsider@example.com")):
			self.assertEqual(convert_chunk([lead.name], parse_options({})), ([], [lead.name]))

	def test_a_failing_write_rolls_the_whole_chunk_back(self):
		leads = [make_convertible_lead(company_name=f"Rulles tilbake {i} AS") for i in range(3)]
		for lead in leads:
			add_one_of_each("XS Lead", lead.name)
		companies = frappe.db.count("XS Company")
		contacts = frappe.db.count("Contact")
		with mock.patch(
			"xs_leads.services.fast_conversion._record_conversions", side_effect=RuntimeError("disk full")
		):
			converted, leftover = convert_chunk([lead.name for lead in leads], parse_options({}))
		self.assertEqual((converted, leftover), ([], [lead.name for lead in leads]))
		self.assertEqual((frappe.db.count("XS Company"), frappe.db.count("Contact")), (companies, contacts))
		for lead in leads:
			self.assertEqual(
				count_activities("XS Lead", lead.name),
				dict.fromkeys(count_activities("XS Lead", lead.name), 1),
			)
			self.assertFalse(frappe.db.get_value("XS Lead", lead.name, "converted_on"))
