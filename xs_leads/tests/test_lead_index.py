"""What the search index holds for a lead, and how figure criteria map to buckets (no database)."""

import unittest

from xs_leads.domain.lead_index import (
	FACET,
	bucket_of,
	bucket_range,
	facet_words,
	lead_entries,
	number_buckets,
)
from xs_leads.domain.search_text import COMPANY, EMAIL, NOTE, PERSON, SUBJECT

LEAD = {
	"company_name": "Ærlige Nordfisk Åkerbruk AS",
	"first_name": "Kari Anne",
	"last_name": "Østby",
	"email": "kari.ostby@fjordlaks.no",
	"subject": "Ønsker tilbud",
	"note": "Ring etter nyttår.",
	"contact_status": "Reached",
	"classification": "Hot",
	"industry": "Construction",
	"responsible": "kari@example.com",
	"deactivated": 0,
	"employees": 37,
	"annual_revenue": 12_500_000.0,
}


class TestLeadEntries(unittest.TestCase):
	def test_each_text_field_gets_its_words(self):
		found = lead_entries(LEAD)
		self.assertEqual(found[COMPANY], {"ærlige", "nordfisk", "åkerbruk", "as"})
		self.assertEqual(found[PERSON], {"kari", "anne", "østby"})
		self.assertEqual(found[EMAIL], {"kari", "ostby", "fjordlaks", "no"})
		self.assertEqual(found[SUBJECT], {"ønsker", "tilbud"})
		self.assertEqual(found[NOTE], {"ring", "etter", "nyttår"})

	def test_facets_name_each_filterable_value_once(self):
		self.assertEqual(
			facet_words(LEAD),
			{
				"contact_status=Reached",
				"classification=Hot",
				"industry=Construction",
				"responsible=kari@example.com",
				"deactivated=0",
				"employees~30",
				"annual_revenue~10000000",
			},
		)
		self.assertEqual(lead_entries(LEAD)[FACET], facet_words(LEAD))

	def test_empty_values_have_facets_too(self):
		words = facet_words({"company_name": "X AS"})
		self.assertIn("industry=", words)
		self.assertIn("deactivated=0", words)
		self.assertIn("employees~0", words)

	def test_empty_text_fields_are_left_out(self):
		self.assertEqual(set(lead_entries({"company_name": "X AS", "note": None})), {COMPANY, FACET})


class TestBuckets(unittest.TestCase):
	def test_bucket_range(self):
		self.assertEqual(bucket_range("employees~50"), ("employees", 50, 75))
		self.assertEqual(bucket_range("employees~0"), ("employees", None, 1))  # negative figures too
		self.assertEqual(bucket_range("employees~10000"), ("employees", 10000, None))
		self.assertEqual(bucket_range("annual_revenue~7500000"), ("annual_revenue", 7_500_000, 10_000_000))

	def test_bucket_of(self):
		self.assertEqual(bucket_of("employees", 50), 50)
		self.assertEqual(bucket_of("employees", 74), 50)
		self.assertEqual(bucket_of("employees", -3), 0)
		self.assertEqual(bucket_of("employees", 10**9), 10000)
		self.assertEqual(bucket_of("annual_revenue", 9_999_999.5), 7_500_000)

	def test_round_figures_are_exact(self):
		whole, partly = number_buckets("annual_revenue", "<", 10_000_000)
		self.assertEqual(partly, [])
		self.assertIn("annual_revenue~7500000", whole)
		self.assertNotIn("annual_revenue~10000000", whole)

	def test_range_through_a_bucket_leaves_it_partly(self):
		whole, partly = number_buckets("employees", ">", 50)
		self.assertEqual(partly, ["employees~50"])
		self.assertEqual(whole[0], "employees~75")

	def test_single_whole_numbers_are_exact(self):
		self.assertEqual(number_buckets("employees", "=", 5), (["employees~5"], []))
		whole, partly = number_buckets("employees", "!=", 5)
		self.assertNotIn("employees~5", whole + partly)

	def test_equal_inside_a_wide_bucket(self):
		self.assertEqual(number_buckets("employees", "=", 60), ([], ["employees~50"]))

	def test_every_value_is_covered(self):
		# whatever the condition, a lead that satisfies it lies in a whole or partly matching bucket
		for operator in (">", "<", "=", "!="):
			for number in (0, 1, 7, 50, 60, 12_345):
				whole, partly = number_buckets("employees", operator, number)
				for value in (0, 1, 2, 7, 8, 49, 50, 51, 60, 75, 12_344, 12_345, 12_346, 10**6):
					holds = {">": value > number, "<": value < number, "=": value == number}.get(
						operator, value != number
					)
					word = f"employees~{bucket_of('employees', value)}"
					if holds:
						self.assertIn(word, whole + partly, (operator, number, value))
					elif word in whole:
						self.fail(f"{value} lies in a whole bucket of employees {operator} {number}")
