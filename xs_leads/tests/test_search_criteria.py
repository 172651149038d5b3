"""Parsing and checking lead search criteria (xs_leads.domain.search_criteria), without a database."""

import unittest

from xs_leads.domain.search_criteria import (
	Criteria,
	InvalidCriterion,
	criteria_to_dict,
	parse_criteria,
)

OPTIONS = {
	"contact_status": ["Not Contacted", "Reached", "Unreachable"],
	"classification": ["Not Set", "Hot", "Cold"],
}


def parse(raw):
	return parse_criteria(raw, OPTIONS)


class TestParseCriteria(unittest.TestCase):
	def test_every_key_is_optional(self):
		self.assertTrue(parse({}).is_empty())
		self.assertTrue(parse(None).is_empty())

	def test_all_keys_combined(self):
		criteria = parse(
			{
				"contact_status": "Reached",
				"classification": "Hot",
				"responsible": "kari@example.com",
				"industry": "Construction",
				"company_name": " bygg ",
				"contact_person": "Kari Olsen",
				"subject": "tilbud",
				"note": "nyttår",
				"text": "912",
				"employees": [">", 50],
				"annual_revenue": ["<", "10 000 000"],
				"mine": True,
				"active": "1",
			}
		)
		self.assertEqual(
			criteria.equal,
			{
				"contact_status": "Reached",
				"classification": "Hot",
				"responsible": "kari@example.com",
				"industry": "Construction",
			},
		)
		self.assertEqual(criteria.texts["company_name"], "bygg")
		self.assertEqual(criteria.numbers, {"employees": (">", 50.0), "annual_revenue": ("<", 10_000_000.0)})
		self.assertTrue(criteria.mine)
		self.assertTrue(criteria.active)

	def test_empty_values_mean_not_searched(self):
		criteria = parse({"industry": "", "company_name": "  ", "employees": None, "mine": None, "active": 0})
		self.assertTrue(criteria.is_empty())

	def test_each_operator(self):
		for op in (">", "<", "=", "!="):
			self.assertEqual(parse({"employees": [op, 3]}).numbers["employees"], (op, 3.0))

	def test_numbers_as_text_with_decimal_comma(self):
		self.assertEqual(parse({"annual_revenue": ["=", "12,5"]}).numbers["annual_revenue"], ("=", 12.5))

	def test_numbers_as_text_are_accepted(self):
		self.assertEqual(parse({"text": 923609016}).texts["text"], "923609016")

	def test_round_trip(self):
		raw = {"classification": "Hot", "employees": ["!=", 5.0], "subject": "x", "mine": True}
		self.assertEqual(criteria_to_dict(parse(raw)), raw)
		self.assertEqual(parse(criteria_to_dict(Criteria())), Criteria())


class TestBadCriteria(unittest.TestCase):
	def assertProblem(self, raw, problem, key=None):
		with self.assertRaises(InvalidCriterion) as caught:
			parse(raw)
		self.assertEqual(caught.exception.problem, problem)
		if key:
			self.assertEqual(caught.exception.key, key)

	def test_unknown_key(self):
		self.assertProblem({"colour": "red"}, "unknown_key", "colour")

	def test_unknown_operator(self):
		for op in (">=", "like", "", None):
			self.assertProblem({"employees": [op, 5]}, "unknown_operator", "employees")

	def test_non_numeric_values(self):
		for value in ("fifty", "", "5e3x", True, None, [5], float("nan"), float("inf")):
			self.assertProblem({"annual_revenue": ["<", value]}, "not_a_number", "annual_revenue")

	def test_number_criteria_need_a_pair(self):
		for value in (50, ">50", [">"], [">", 1, 2], {"op": ">"}):
			self.assertProblem({"employees": value}, "not_a_pair", "employees")

	def test_unknown_select_value(self):
		self.assertProblem({"classification": "Warm"}, "unknown_option", "classification")
		self.assertProblem({"contact_status": "reached"}, "unknown_option", "contact_status")

	def test_texts_must_be_text(self):
		self.assertProblem({"company_name": ["bygg"]}, "not_a_text", "company_name")
		self.assertProblem({"industry": 5}, "not_a_text", "industry")

	def test_too_long_text(self):
		self.assertProblem({"note": "x" * 201}, "text_too_long", "note")

	def test_flags(self):
		self.assertProblem({"mine": "maybe"}, "not_a_flag", "mine")
		self.assertProblem({"active": 2}, "not_a_flag", "active")

	def test_not_a_mapping(self):
		self.assertProblem(["classification", "Hot"], "not_a_mapping")
