"""What free-text search matches (xs_leads.domain.search_text), without a database."""

import unittest

from xs_leads.domain.search_text import (
	all_words_occur,
	lead_matches_text,
	normalise_text,
	number_query,
	query_words,
	words,
)


class TestNormalise(unittest.TestCase):
	def test_case_is_folded_for_norwegian_letters_too(self):
		self.assertEqual(normalise_text("ÆRLIG ØSTFOLD ÅKERBRUK"), "ærlig østfold åkerbruk")

	def test_norwegian_letters_stay_letters_of_their_own(self):
		self.assertEqual(normalise_text("Bø Ås Lærdal"), "bø ås lærdal")
		self.assertNotEqual(normalise_text("Bø"), normalise_text("Bo"))

	def test_other_accents_are_dropped(self):
		self.assertEqual(normalise_text("Kafé Crème Müller"), "kafe creme muller")

	def test_swedish_and_german_letters_count_as_norwegian_ones(self):
		self.assertEqual(normalise_text("Björk Mälardalen"), "bjørk mælardalen")

	def test_decomposed_input_equals_composed(self):
		self.assertEqual(normalise_text("A\u030asen"), normalise_text("Åsen"))

	def test_empty(self):
		self.assertEqual(normalise_text(None), "")
		self.assertEqual(normalise_text(""), "")


class TestWords(unittest.TestCase):
	def test_split_at_anything_but_letters_and_digits(self):
		self.assertEqual(words("Nord-Fisk A/S, avd. 2"), ["nord", "fisk", "a", "s", "avd", "2"])
		self.assertEqual(words("kari.olsen@nordfisk.no"), ["kari", "olsen", "nordfisk", "no"])
		self.assertEqual(words("snake_case"), ["snake", "case"])

	def test_query_words_are_distinct_in_order(self):
		self.assertEqual(query_words("Fisk fisk  NORD"), ["fisk", "nord"])

	def test_long_words_are_cut(self):
		self.assertEqual(len(words("x" * 100)[0]), 60)


class TestNumberQuery(unittest.TestCase):
	def test_phone_like_queries_become_digits(self):
		self.assertEqual(number_query("912 34 567"), "91234567")
		self.assertEqual(number_query("+47 912 34 567"), "4791234567")
		self.assertEqual(number_query("0047 912"), "47912")
		self.assertEqual(number_query("(22) 33-44"), "223344")

	def test_text_and_short_numbers_are_not_numbers(self):
		self.assertIsNone(number_query("Nordfisk 912"))
		self.assertIsNone(number_query("12"))
		self.assertIsNone(number_query(""))


LEAD = {
	"company_name": "Ærlige Nordfisk Åkerbruk AS",
	"first_name": "Kari Anne",
	"last_name": "Østby",
	"email": "kari.ostby@fjordlaks.no",
	"phone": "+4722334455",
	"mobile": "+4791234567",
	"direct_phone": "",
	"organisation_number": "923609016",
	"subject": "Ønsker tilbud",
	"note": "Ring etter nyttår.",
}


class TestLeadMatchesText(unittest.TestCase):
	def assertFinds(self, query):
		self.assertTrue(lead_matches_text(query, LEAD), query)

	def assertMisses(self, query):
		self.assertFalse(lead_matches_text(query, LEAD), query)

	def test_part_of_a_company_word(self):
		self.assertFinds("fisk")
		self.assertFinds("ÅKER")
		self.assertMisses("aker")  # å is not a

	def test_contact_person_either_order(self):
		self.assertFinds("østby kari")
		self.assertFinds("Anne Østby")
		self.assertMisses("Kari Olsen")

	def test_every_word_must_occur(self):
		self.assertFinds("nordfisk kari")
		self.assertMisses("nordfisk hansen")

	def test_email_by_the_start_of_its_words(self):
		self.assertFinds("kari.ostby")
		self.assertFinds("ostby")  # only the e-mail has it without ø
		self.assertFinds("fjordl")
		self.assertMisses("laks")  # inside an e-mail word only

	def test_phone_and_organisation_number_by_leading_digits(self):
		self.assertFinds("912 34")
		self.assertFinds("+47 912 34 567")
		self.assertFinds("0047 22 33")
		self.assertFinds("923 609")
		self.assertMisses("345 67")  # digits in the middle of a number
		self.assertMisses("923 609 017")

	def test_subject_and_note_are_not_part_of_text(self):
		self.assertMisses("tilbud")
		self.assertMisses("nyttår")


class TestAllWordsOccur(unittest.TestCase):
	def test_substring_of_words_any_order(self):
		field = words("Vestfold Bygg og Anlegg AS")
		self.assertTrue(all_words_occur("bygg vest", field))
		self.assertTrue(all_words_occur("anl", field))
		self.assertFalse(all_words_occur("bygg øst", field))

	def test_empty_query_matches(self):
		self.assertTrue(all_words_occur("", []))
