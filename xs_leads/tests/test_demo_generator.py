"""The demo lead generator: determinism, valid Norwegian data, realistic shares, near-duplicates.

Plain unit tests, free of Frappe and of a site; no timing assertions.
"""

import datetime
import json
import re
import unittest
from collections import Counter, defaultdict
from itertools import combinations, islice
from pathlib import Path

import phonenumbers
from rapidfuzz import fuzz
from stdnum.no import orgnr

from xs_leads.demo.generator import (
	DEFAULT_SEED,
	LEAD_FIELDS,
	LEAD_SOURCES,
	NACE_SECTIONS,
	generate_leads,
	organisation_number_check_digit,
)
from xs_leads.domain.normalise import normalise_organisation_number, normalise_phone, normalise_website

REFERENCE_TIME = datetime.datetime(2025, 6, 2, 9, 30)
PHONE_FIELDS = ("phone", "fax", "direct_phone", "mobile")
NON_TEXT_FIELDS = {
	"employees",
	"annual_revenue",
	"credit_worthy",
	"payment_remarks",
	"deactivated",
	"first_contact",
}
XS_LEAD_JSON = Path(__file__).parents[1] / "xs_leads" / "doctype" / "xs_lead" / "xs_lead.json"


def leads(count: int, seed: int = DEFAULT_SEED, **kwargs) -> list[dict]:
	return list(generate_leads(count, seed, reference_time=REFERENCE_TIME, **kwargs))


def normalised_name(name: str) -> str:
	return " ".join(name.casefold().split())


class TestDeterminism(unittest.TestCase):
	def test_same_seed_gives_the_same_rows(self):
		self.assertEqual(leads(500, seed=7), leads(500, seed=7))

	def test_default_seed(self):
		self.assertEqual(
			list(generate_leads(50, reference_time=REFERENCE_TIME)), leads(50, seed=DEFAULT_SEED)
		)

	def test_different_seeds_give_different_rows(self):
		first, second = leads(200, seed=1), leads(200, seed=2)
		self.assertNotEqual(first, second)
		self.assertNotEqual([r["company_name"] for r in first], [r["company_name"] for r in second])

	def test_first_rows_do_not_depend_on_count(self):
		# the loader tops a site up by generating n + m rows and skipping the n it has
		self.assertEqual(leads(1500)[:400], leads(400))

	def test_users_do_not_change_the_other_fields(self):
		without = leads(300)
		with_users = leads(300, users=["a@example.com", "b@example.com"])
		for plain, assigned in zip(without, with_users, strict=True):
			self.assertEqual({**plain, "responsible": ""}, {**assigned, "responsible": ""})

	def test_global_random_is_untouched(self):
		import random

		random.seed(1234)
		expected = random.random()
		random.seed(1234)
		leads(100)
		self.assertEqual(random.random(), expected)


class TestShape(unittest.TestCase):
	def test_exact_counts(self):
		for count in (0, 1, 1000):
			with self.subTest(count=count):
				self.assertEqual(len(leads(count)), count)
				self.assertEqual(sum(1 for _ in generate_leads(count, reference_time=REFERENCE_TIME)), count)

	def test_keys_are_the_xs_lead_fields(self):
		for row in leads(200):
			self.assertEqual(tuple(row), LEAD_FIELDS)
		doctype = json.loads(XS_LEAD_JSON.read_text(encoding="utf-8"))
		fieldnames = {field["fieldname"] for field in doctype["fields"]}
		self.assertLessEqual(set(LEAD_FIELDS), fieldnames, "every key must be a column of tabXS Lead")

	def test_masters(self):
		self.assertEqual([letter for letter, _ in NACE_SECTIONS], [chr(c) for c in range(ord("A"), ord("V"))])
		self.assertEqual(NACE_SECTIONS[0], ("A", "Agriculture, forestry and fishing"))
		self.assertEqual(NACE_SECTIONS[-1], ("U", "Activities of extraterritorial organisations and bodies"))
		self.assertEqual(
			LEAD_SOURCES, ["Phone", "Web", "Referral", "Trade fair", "Import", "Business register"]
		)

	def test_value_types_and_domains(self):
		industries = {name for _, name in NACE_SECTIONS}
		for row in leads(3000):
			self.assertIn(row["industry"], industries)
			self.assertIn(row["source"], LEAD_SOURCES)
			self.assertIn(row["contact_status"], ("Not Contacted", "Reached", "Unreachable"))
			self.assertIn(row["classification"], ("Not Set", "Hot", "Cold"))
			self.assertIn(row["gender"], ("Male", "Female", ""))
			for flag in ("credit_worthy", "payment_remarks", "deactivated"):
				self.assertIn(row[flag], (0, 1))
			self.assertIsInstance(row["employees"], int)
			self.assertTrue(1 <= row["employees"] <= 5000)
			self.assertIsInstance(row["annual_revenue"], float)
			self.assertGreater(row["annual_revenue"], 0)
			self.assertEqual(row["annual_revenue"], round(row["annual_revenue"]))
			self.assertTrue(row["company_name"].strip())
			for field in set(LEAD_FIELDS) - NON_TEXT_FIELDS:
				self.assertIsInstance(row[field], str, field)

	def test_every_industry_occurs(self):
		self.assertEqual(len({row["industry"] for row in leads(100_000)}), 21)


class TestNorwegianData(unittest.TestCase):
	@classmethod
	def setUpClass(cls):
		cls.rows = leads(10_000)

	def test_check_digit_matches_stdnum(self):
		for base in range(80_000_000, 100_000_000, 7_919):
			check = organisation_number_check_digit(base)
			valid = [digit for digit in range(10) if orgnr.is_valid(f"{base}{digit}")]
			self.assertEqual(valid, [] if check is None else [check], base)

	def test_organisation_numbers_are_valid_or_empty(self):
		numbers = [row["organisation_number"] for row in self.rows if row["organisation_number"]]
		self.assertGreater(len(numbers), 7000)
		for number in numbers:
			self.assertTrue(orgnr.is_valid(number), number)
			self.assertRegex(number, r"^[89]\d{8}$")

	def test_a_shared_organisation_number_is_one_company(self):
		# numbers repeat only where a near-duplicate copies its original
		by_number = defaultdict(list)
		for row in self.rows:
			if row["organisation_number"]:
				by_number[row["organisation_number"]].append(row)
		shared = [group for group in by_number.values() if len(group) > 1]
		self.assertLess(sum(len(group) - 1 for group in shared), 0.03 * len(self.rows))
		for group in shared:
			self.assertEqual(len({row["industry"] for row in group}), 1)

	def test_phones_are_valid_norwegian_numbers(self):
		for row in self.rows[:2000]:
			for field in PHONE_FIELDS:
				value = row[field]
				if not value:
					continue
				number = phonenumbers.parse(value, None)
				self.assertTrue(phonenumbers.is_valid_number(number), f"{field}: {value}")
				self.assertEqual(phonenumbers.region_code_for_number(number), "NO")
				self.assertEqual(
					phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), value
				)
			if row["mobile"]:
				number_type = phonenumbers.number_type(phonenumbers.parse(row["mobile"], None))
				self.assertEqual(number_type, phonenumbers.PhoneNumberType.MOBILE)
			if row["fax"]:
				number_type = phonenumbers.number_type(phonenumbers.parse(row["fax"], None))
				self.assertEqual(number_type, phonenumbers.PhoneNumberType.FIXED_LINE)

	def test_values_are_already_normalised(self):
		# the loader inserts rows without running the XS Lead controller
		for row in self.rows[:3000]:
			self.assertEqual(
				normalise_organisation_number(row["organisation_number"]), row["organisation_number"]
			)
			self.assertEqual(normalise_website(row["website"]), row["website"])
			for field in PHONE_FIELDS:
				self.assertEqual(normalise_phone(row[field]), row[field])

	def test_websites_and_emails(self):
		for row in self.rows:
			website, email = row["website"], row["email"]
			if website:
				self.assertRegex(website, r"^https?://(www\.)?[a-z0-9]+(-[a-z0-9]+)*\.(no|com)$")
			if not email:
				continue
			self.assertTrue(website, "an e-mail address needs the company's domain")
			local, domain = email.split("@")
			self.assertEqual(website.split("://")[1].removeprefix("www."), domain)
			self.assertRegex(email, r"^[a-z0-9.]+@[a-z0-9-]+\.(no|com)$")
			if local != "post":
				fold = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})
				expected = f"{row['first_name']}.{row['last_name']}".lower().translate(fold)
				self.assertEqual(local, expected)

	def test_norwegian_letters_occur(self):
		names = [row["company_name"] for row in self.rows]
		people = [f"{row['first_name']} {row['last_name']}" for row in self.rows]
		for letter in "æøå":
			with self.subTest(letter=letter):
				self.assertTrue(any(letter in name.lower() for name in names))
				self.assertTrue(any(letter in person.lower() for person in people))
		self.assertGreater(sum(1 for name in names if re.search("[æøåÆØÅ]", name)), 0.1 * len(names))

	def test_legal_forms(self):
		forms = Counter(name.split()[-1] for name in (row["company_name"] for row in self.rows))
		for form in ("AS", "ASA", "ANS", "DA", "ENK", "SA", "NUF"):
			self.assertGreater(forms[form], 0, form)
		self.assertGreater(forms["AS"], 0.5 * len(self.rows))

	def test_contact_person(self):
		gender_of = {}
		for row in self.rows:
			has_person = bool(row["first_name"])
			self.assertEqual(has_person, bool(row["last_name"]))
			self.assertEqual(has_person, bool(row["gender"]))
			if not has_person:
				self.assertEqual(row["job_title"], "")
				self.assertEqual((row["direct_phone"], row["mobile"]), ("", ""))
				self.assertIn(row["email"].split("@")[0], ("", "post"))
				continue
			# a first name always has the same gender
			self.assertEqual(gender_of.setdefault(row["first_name"], row["gender"]), row["gender"])
		self.assertEqual(gender_of["Kari"], "Female")
		self.assertEqual(gender_of["Bjørn"], "Male")

	def test_first_contact(self):
		earliest = REFERENCE_TIME - datetime.timedelta(days=731)
		for row in self.rows:
			if row["contact_status"] == "Not Contacted":
				self.assertIsNone(row["first_contact"])
			else:
				first_contact = row["first_contact"]
				self.assertIsInstance(first_contact, datetime.datetime)
				self.assertIsNone(first_contact.tzinfo)
				self.assertTrue(earliest <= first_contact < REFERENCE_TIME, first_contact)

	def test_responsible(self):
		users = ["ola@example.com", "kari@example.com", "per@example.com"]
		assigned = Counter(row["responsible"] for row in leads(3000, users=users))
		self.assertEqual(set(assigned), set(users))
		self.assertEqual({row["responsible"] for row in self.rows}, {""})
		self.assertEqual({row["responsible"] for row in leads(100, users=[])}, {""})

	def test_company_names_are_unique_apart_from_near_duplicates(self):
		names = Counter(row["company_name"] for row in self.rows)
		self.assertGreater(len(names), 0.99 * len(self.rows))


class TestShares(unittest.TestCase):
	@classmethod
	def setUpClass(cls):
		cls.rows = leads(10_000)

	def share(self, predicate) -> float:
		return sum(1 for row in self.rows if predicate(row)) / len(self.rows)

	def assertShare(self, predicate, expected: float, delta: float = 0.04):
		self.assertAlmostEqual(self.share(predicate), expected, delta=delta)

	def test_categorical_shares(self):
		for field, expected in (
			("contact_status", {"Not Contacted": 0.60, "Reached": 0.25, "Unreachable": 0.15}),
			("classification", {"Not Set": 0.60, "Hot": 0.20, "Cold": 0.20}),
		):
			for value, share in expected.items():
				with self.subTest(field=field, value=value):
					self.assertShare(lambda row, f=field, v=value: row[f] == v, share, delta=0.03)

	def test_empty_shares(self):
		for field, expected in (
			("website", 0.30),
			("organisation_number", 0.15),
			("fax", 0.85),
			("direct_phone", 0.40),
			("mobile", 0.20),
			("first_name", 0.10),
		):
			with self.subTest(field=field):
				self.assertShare(lambda row, f=field: not row[f], expected)
		self.assertEqual(self.share(lambda row: not row["phone"]), 0)
		self.assertShare(lambda row: not row["subject"], 0.25, delta=0.1)
		self.assertShare(lambda row: not row["note"], 0.55, delta=0.15)

	def test_flags(self):
		self.assertShare(lambda row: row["deactivated"], 0.05, delta=0.02)
		self.assertGreater(self.share(lambda row: row["credit_worthy"]), 0.8)
		self.assertLess(self.share(lambda row: row["payment_remarks"]), 0.2)
		self.assertGreater(self.share(lambda row: row["payment_remarks"]), 0)

	def test_sources(self):
		sources = Counter(row["source"] for row in self.rows)
		self.assertEqual(set(sources), set(LEAD_SOURCES))

	def test_size_is_skewed_and_revenue_follows_it(self):
		self.assertGreater(self.share(lambda row: row["employees"] <= 50), 0.8)
		self.assertGreater(self.share(lambda row: row["employees"] > 1000), 0)
		self.assertGreater(max(row["employees"] for row in self.rows), 1000)

		def mean_revenue(rows):
			return sum(row["annual_revenue"] for row in rows) / len(rows)

		small = [row for row in self.rows if row["employees"] <= 5]
		large = [row for row in self.rows if row["employees"] >= 100]
		self.assertGreater(mean_revenue(large), 10 * mean_revenue(small))


class TestNearDuplicates(unittest.TestCase):
	def test_near_duplicates_exist(self):
		"""At least 2% of 5,000 rows have a near-duplicate: another name with fuzz.ratio >= 85.

		Candidates are only compared within groups sharing their normalised first word.
		"""
		rows = leads(5000)
		groups = defaultdict(set)
		for row in rows:
			name = row["company_name"]
			groups[normalised_name(name).split()[0]].add(name)
		names_with_partner = set()
		for names in groups.values():
			for first, second in combinations(sorted(names), 2):
				if fuzz.ratio(normalised_name(first), normalised_name(second)) >= 85:
					names_with_partner.update((first, second))
		share = sum(1 for row in rows if row["company_name"] in names_with_partner) / len(rows)
		self.assertGreaterEqual(share, 0.02)
		self.assertLess(share, 0.2, "near-duplicates should stay the exception")

	def test_kinds_of_near_duplicates(self):
		names = [row["company_name"] for row in leads(20_000)]
		seen = set(names)
		self.assertTrue(any(name.endswith(" A/S") for name in names), "AS written as A/S")
		self.assertTrue(any(name != name.strip() or "  " in name for name in names), "extra whitespace")
		self.assertTrue(any(name.isupper() and len(name) > 6 for name in names), "upper case")
		self.assertTrue(any(name.removesuffix(" AS") + " ASA" in seen for name in names), "other legal form")


if __name__ == "__main__":
	unittest.main()
