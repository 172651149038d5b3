"""Conversion options and the field mapping from a lead, without a database."""

import datetime
import unittest

from xs_leads.domain.conversion import (
	ConversionOptions,
	InvalidOption,
	activity_target,
	company_values,
	contact_values,
	opportunity_values,
	parse_options,
	wants_contact,
)

LEAD = {
	"name": 17,
	"company_name": "Nordfisk AS",
	"organisation_number": "923609016",
	"industry": "Fishing",
	"website": "https://nordfisk.no",
	"phone": "+4722334455",
	"fax": "",
	"employees": 12,
	"annual_revenue": 4_500_000,
	"credit_worthy": 1,
	"payment_remarks": 0,
	"responsible": "ola@example.com",
	"note": "Vil ha tilbud",
	"subject": "Fiskekasser",
	"source": "Referral",
	"first_name": "Kari",
	"last_name": "Nordmann",
	"job_title": "Innkjøpssjef",
	"gender": "Female",
	"email": "kari@nordfisk.no",
	"direct_phone": "+4722334456",
	"mobile": "+4791234567",
}


class TestParseOptions(unittest.TestCase):
	def test_defaults_when_nothing_is_given(self):
		for raw in (None, {}):
			options = parse_options(raw)
			self.assertEqual(options, ConversionOptions())
			self.assertTrue(options.create_company)
			self.assertEqual(options.company_type, "Customer")
			self.assertIsNone(options.create_contact)
			self.assertFalse(options.create_opportunity)
			self.assertEqual(options.lead_action, "Deactivate")
			self.assertEqual(options.lead_action_result, "deactivated")

	def test_flags_as_form_and_rest_clients_send_them(self):
		for value, expected in (
			(1, True),
			(0, False),
			("1", True),
			("0", False),
			(True, True),
			("false", False),
		):
			with self.subTest(value=value):
				self.assertIs(parse_options({"create_company": value}).create_company, expected)

	def test_zero_as_text_is_not_true(self):
		self.assertFalse(parse_options({"create_opportunity": "0"}).create_opportunity)

	def test_blank_values_take_the_default(self):
		options = parse_options({"company_type": "", "create_company": None, "opportunity_value": " "})
		self.assertEqual((options.company_type, options.create_company), ("Customer", True))
		self.assertIsNone(options.opportunity_value)

	def test_choices_are_matched_case_insensitively_and_returned_canonical(self):
		options = parse_options({"company_type": "customer and supplier", "lead_action": "delete"})
		self.assertEqual(options.company_type, "Customer and Supplier")
		self.assertEqual(options.lead_action_result, "deleted")

	def test_amounts_and_dates(self):
		options = parse_options({"opportunity_value": "250 000,50", "opportunity_close_date": "2026-12-31"})
		self.assertEqual(options.opportunity_value, 250000.5)
		self.assertEqual(options.opportunity_close_date, datetime.date(2026, 12, 31))

	def test_bad_values_name_the_option_and_value(self):
		cases = {
			"company_type": ("Customerish", "choice"),
			"lead_action": ("Archive", "choice"),
			"create_company": ("maybe", "flag"),
			"create_contact": (2, "flag"),
			"opportunity_value": ("lots", "number"),
			"opportunity_close_date": ("31.12.2026", "date"),
		}
		for option, (value, reason) in cases.items():
			with self.subTest(option=option), self.assertRaises(InvalidOption) as caught:
				parse_options({option: value})
			self.assertEqual((caught.exception.option, caught.exception.value), (option, value))
			self.assertEqual(caught.exception.reason, reason)

	def test_negative_value_and_unknown_option_are_refused(self):
		with self.assertRaises(InvalidOption) as caught:
			parse_options({"opportunity_value": -5})
		self.assertEqual(caught.exception.reason, "negative")
		with self.assertRaises(InvalidOption) as caught:
			parse_options({"create_compnay": 1})
		self.assertEqual((caught.exception.option, caught.exception.reason), ("create_compnay", "unknown"))

	def test_choice_error_lists_the_choices(self):
		with self.assertRaises(InvalidOption) as caught:
			parse_options({"company_type": "X"})
		self.assertIn("Neither", caught.exception.choices)


class TestMapping(unittest.TestCase):
	def test_contact_is_made_by_default_only_when_the_lead_names_a_person(self):
		options = ConversionOptions()
		self.assertTrue(wants_contact(options, LEAD))
		self.assertFalse(wants_contact(options, {**LEAD, "first_name": "", "last_name": " "}))
		self.assertFalse(wants_contact(ConversionOptions(create_contact=False), LEAD))

	def test_company_takes_the_business_fields_and_options(self):
		options = ConversionOptions(company_type="Supplier", company_category="Partner")
		values = company_values(LEAD, options)
		self.assertEqual(values["company_name"], "Nordfisk AS")
		self.assertEqual(values["organisation_number"], "923609016")
		self.assertEqual(values["annual_revenue"], 4_500_000)
		self.assertEqual((values["relation_type"], values["category"]), ("Supplier", "Partner"))
		self.assertEqual(values["lead"], 17)
		self.assertNotIn("email", values)

	def test_a_deleted_lead_is_not_linked(self):
		self.assertNotIn("lead", company_values(LEAD, ConversionOptions(lead_action="Delete")))
		self.assertNotIn(
			"lead", opportunity_values(LEAD, ConversionOptions(lead_action="Delete"), None, None)
		)

	def test_contact_gets_person_phones_email_and_company_link(self):
		values = contact_values(LEAD, company=5, company_title="Nordfisk AS")
		self.assertEqual((values["first_name"], values["last_name"]), ("Kari", "Nordmann"))
		self.assertEqual(values["designation"], "Innkjøpssjef")
		self.assertEqual(values["email_ids"], [{"email_id": "kari@nordfisk.no", "is_primary": 1}])
		self.assertEqual(
			values["phone_nos"],
			[
				{"phone": "+4722334456", "is_primary_phone": 1},
				{"phone": "+4791234567", "is_primary_mobile_no": 1},
			],
		)
		self.assertEqual(
			values["links"], [{"link_doctype": "XS Company", "link_name": 5, "link_title": "Nordfisk AS"}]
		)

	def test_contact_with_only_a_last_name_uses_it_as_first_name(self):
		values = contact_values({**LEAD, "first_name": ""}, company=None)
		self.assertEqual((values["first_name"], values["last_name"]), ("Nordmann", ""))
		self.assertEqual(values["links"], [])

	def test_opportunity_title_value_and_close_date(self):
		options = ConversionOptions(
			opportunity_title="Kasser 2027",
			opportunity_value=99.0,
			opportunity_close_date=datetime.date(2027, 1, 1),
		)
		values = opportunity_values(LEAD, options, 5, "Kari Nordmann-5")
		self.assertEqual(values["title"], "Kasser 2027")
		self.assertEqual((values["company"], values["contact"]), (5, "Kari Nordmann-5"))
		self.assertEqual(
			(values["expected_value"], values["status"], values["source"]), (99.0, "Open", "Referral")
		)
		self.assertEqual(opportunity_values(LEAD, ConversionOptions(), None, None)["title"], "Fiskekasser")
		self.assertEqual(
			opportunity_values({**LEAD, "subject": ""}, ConversionOptions(), None, None)["title"],
			"Nordfisk AS",
		)

	def test_activities_go_to_the_company_else_contact_else_opportunity(self):
		self.assertEqual(activity_target(5, "C", 9), ("XS Company", 5))
		self.assertEqual(activity_target(None, "C", 9), ("Contact", "C"))
		self.assertEqual(activity_target(None, None, 9), ("XS Opportunity", 9))
		self.assertIsNone(activity_target(None, None, None))
