"""Duplicate detection on plain values (xs_leads.domain.duplicates): no Frappe, no site.

Norwegian company names as people type them: legal forms anywhere and in any spelling, æøå and
their ae/oe/aa spellings, "&" / "og", typos, case and spacing; exact organisation numbers,
e-mails and phones; generic names that must not flood the list.
"""

import unittest
from collections import Counter

from xs_leads.demo.generator import generate_leads
from xs_leads.domain.duplicates import (
	KEY_CAP,
	MatchRecord,
	TokenWeights,
	duplicate_pairs,
	match_keys,
	name_tokens,
	prepare,
	query_keys,
	rank,
	score,
	split_name,
)


def lead(name: str, company: str = "", **fields) -> object:
	return prepare(MatchRecord("XS Lead", name, title=company, company_name=company, **fields))


def weights_of(*companies: str) -> TokenWeights:
	"""Word weights as a base holding these names (plus 1,000 others with no word in common) gives them."""
	frequencies = Counter(token for company in companies for token in set(name_tokens(company)))
	return TokenWeights(frequencies, total=len(companies) + 1000)


def reason_kinds(reasons) -> set[str]:
	return {reason.kind for reason in reasons}


class TestNameNormalisation(unittest.TestCase):
	def test_legal_forms_are_ignored_wherever_they_stand_and_however_spelt(self):
		expected = ["nordfisk"]
		for name in (
			"Nordfisk AS",
			"Nordfisk A/S",
			"NORDFISK  a.s.",
			"nordfisk",
			"AS Nordfisk",
			"Nordfisk ASA",
			"Nordfisk ENK",
			"Nordfisk DA",
			"Nordfisk ANS",
			"Nordfisk SA",
			"Nordfisk BA",
			"Nordfisk KS",
			"Nordfisk IKS",
			"Nordfisk Aksjeselskap",
			"Nordfisk Norsk filial",
		):
			with self.subTest(name=name):
				self.assertEqual(name_tokens(name), expected)

	def test_letters_and_their_spellings_are_alike(self):
		self.assertEqual(name_tokens("Bjørke Ålesund Sæther"), name_tokens("Bjoerke Aalesund Saether"))
		self.assertEqual(name_tokens("Bjørke Ålesund"), name_tokens("Bjorke Alesund"))
		self.assertEqual(name_tokens("Kafé Tromsø"), name_tokens("Kafe Tromso"))

	def test_and_og_ampersand_are_alike(self):
		self.assertEqual(name_tokens("Hansen & Sønn AS"), ["hansen", "sonn"])
		self.assertEqual(name_tokens("Hansen og Sønn"), ["hansen", "sonn"])
		self.assertEqual(name_tokens("Hansen and Sønn A/S"), ["hansen", "sonn"])

	def test_punctuation_and_spacing_are_folded(self):
		self.assertEqual(name_tokens("  Midt-Norge   Bygg, Drift  "), ["midt", "norge", "bygg", "drift"])

	def test_a_surname_that_folds_into_a_legal_form_is_kept(self):
		self.assertEqual(name_tokens("Aas Bygg AS"), ["as", "bygg"])

	def test_foreign_forms_are_set_apart_only_at_the_end(self):
		self.assertEqual(split_name("Baltic Staffing UAB NUF"), (["baltic", "staffing"], "uab"))
		self.assertEqual(
			split_name("Skagerrak Seafood Sp. z o.o. NUF"), (["skagerrak", "seafood"], "sp z oo")
		)
		self.assertEqual(name_tokens("AB Trevare AS"), ["ab", "trevare"])

	def test_a_name_of_nothing_but_forms_keeps_its_words(self):
		self.assertEqual(name_tokens("AS"), ["as"])


class TestScores(unittest.TestCase):
	def setUp(self):
		self.weights = weights_of("Nordfisk AS", "Bergen Bygg AS", "Fjordkraft ASA")

	def test_same_organisation_number_under_another_name_is_strong(self):
		value, reasons = score(
			lead("1", "Nordfisk AS", organisation_number="923609016"),
			lead("2", "Havbruk Vest AS", organisation_number="923 609 016"),
			self.weights,
		)
		self.assertGreaterEqual(value, 95)
		self.assertEqual(reason_kinds(reasons), {"organisation_number"})

	def test_same_email_and_same_phone_count_on_their_own(self):
		email, reasons = score(
			lead("1", "Nordfisk AS", emails=("Post@Nordfisk.no",)),
			lead("2", "Sjømat Nord AS", emails=("post@nordfisk.no ",)),
			self.weights,
		)
		self.assertGreaterEqual(email, 85)
		self.assertIn("email", reason_kinds(reasons))
		phone, reasons = score(
			lead("1", "Nordfisk AS", phones=("+4722334455",)),
			lead("2", "Kari Olsen", phones=("+47 22 33 44 55",)),
			self.weights,
		)
		self.assertGreaterEqual(phone, 80)
		self.assertEqual(reason_kinds(reasons), {"phone"})

	def test_two_exact_matches_score_higher_than_one(self):
		one, _ = score(
			lead("1", "Nordfisk AS", phones=("+4722334455",)),
			lead("2", "Nordfisk AS", phones=("+4722334455",)),
			self.weights,
		)
		two, _ = score(
			lead("1", "Nordfisk", phones=("+4722334455",), organisation_number="923609016"),
			lead("2", "Havbruk", phones=("+4722334455",), organisation_number="923609016"),
			self.weights,
		)
		self.assertGreater(two, 95)
		self.assertEqual(one, 100)

	def test_variants_of_one_name_match_with_the_similarity_as_reason(self):
		original = lead("1", "Bjørke & Sønn Rørleggerservice AS")
		for variant, at_least in (
			("BJØRKE & SØNN RØRLEGGERSERVICE A/S", 100),
			("Bjoerke og Sonn Rorleggerservice", 100),
			("Bjørke & Sønn  Rørleggerservice", 100),
			("Bjørke & Sønn Rørleggersevrice AS", 90),  # two letters swapped
			("Bjørke & Sønn Rørleggeservice AS", 90),  # a letter dropped
			("Bjrøke & Sønn Rørleggerservice AS", 85),
		):
			with self.subTest(variant=variant):
				value, reasons = score(original, lead("2", variant), self.weights)
				self.assertGreaterEqual(value, at_least)
				name_reason = next(r for r in reasons if r.kind == "name")
				self.assertGreaterEqual(name_reason.similarity, at_least)

	def test_names_spaced_or_glued_differently_match(self):
		for a, b in (("Nord Fisk AS", "Nordfisk AS"), ("FjordbyggAS", "Fjordbygg AS")):
			with self.subTest(a=a, b=b):
				self.assertGreaterEqual(score(lead("1", a), lead("2", b), self.weights)[0], 90)

	def test_different_companies_do_not_match(self):
		value, _ = score(lead("1", "Nordfisk AS"), lead("2", "Fjordkraft ASA"), self.weights)
		self.assertLess(value, 50)

	def test_a_place_added_to_a_name_is_a_weaker_match(self):
		exact, _ = score(lead("1", "Nordfisk AS"), lead("2", "Nordfisk A/S"), self.weights)
		with_place, _ = score(lead("1", "Nordfisk AS"), lead("2", "Nordfisk Kragerø AS"), self.weights)
		self.assertLess(with_place, exact)
		self.assertLess(with_place, 85)

	def test_the_same_contact_person_alone_is_only_a_hint(self):
		value, reasons = score(
			lead("1", "Nordfisk AS", person_name="Kari Olsen"),
			lead("2", "Fjordkraft ASA", person_name="Kari  Olsen"),
			self.weights,
		)
		self.assertIn("person", reason_kinds(reasons))
		self.assertLess(value, 60)

	def test_other_foreign_forms_weaken_an_equal_name(self):
		same, _ = score(
			lead("1", "Compass Education Ltd NUF"), lead("2", "Compass Education Ltd"), self.weights
		)
		other, _ = score(
			lead("1", "Compass Education Ltd NUF"), lead("2", "Compass Education AB NUF"), self.weights
		)
		self.assertEqual(same, 100)
		self.assertLess(other, same)


class TestGenericNames(unittest.TestCase):
	"""'Bygg AS' shares its only word with thousands of builders: they must not flood its list."""

	def setUp(self):
		builders = [f"{place} Bygg AS" for place in ("Bergen", "Oslo", "Molde", "Voss", "Odda", "Bodø")]
		builders += [f"Bygg og {trade} AS" for trade in ("Anlegg", "Tak", "Maling")]
		self.others = [lead(str(i), name) for i, name in enumerate(builders, 10)]
		self.weights = weights_of(*builders, *(f"Firma{i} Bygg AS" for i in range(300)), "Bygg AS")

	def test_only_the_real_duplicate_is_listed(self):
		query = lead("1", "Bygg AS")
		duplicate = lead("2", "Bygg A/S")
		matches = rank(query, [*self.others, duplicate], self.weights, min_score=70, limit=20)
		self.assertEqual([m.name for m in matches], ["2"])

	def test_the_informative_shared_word_ranks_first(self):
		query = lead("1", "Bergen Bygg Service AS")
		candidates = [
			lead("2", "Bergen Bygg AS"),
			lead("3", "Oslo Bygg Service AS"),
			lead("4", "Bergen Byg Service A/S"),
		]
		matches = rank(query, candidates, self.weights, min_score=0, limit=20)
		self.assertEqual(matches[0].name, "4")
		self.assertEqual(matches[1].name, "2", "sharing the rare place outweighs sharing the generic words")

	def test_a_generic_exact_name_scores_below_an_informative_one(self):
		generic, _ = score(lead("1", "Bygg AS"), lead("2", "Bygg A/S"), self.weights)
		informative, _ = score(lead("1", "Fjordheim Bygg AS"), lead("2", "Fjordheim Bygg A/S"), self.weights)
		self.assertLess(generic, informative)


class TestKeys(unittest.TestCase):
	def test_typos_still_share_a_key(self):
		for a, b in (
			("Nordfisk AS", "Nrodfisk AS"),
			("Nordfisk AS", "Nordfsk AS"),
			("Nordfisk AS", "Nordffisk AS"),
			("Olsen Elektro AS", "Olsne Elektro AS"),
			("Tindemontasje ANS", "Tindemontsaje ANS"),
			("Fjordbygg AS", "FjordbyggAS"),
		):
			with self.subTest(a=a, b=b):
				self.assertTrue(query_keys(lead("1", a)) & match_keys(lead("2", b)))

	def test_record_itself_is_never_its_own_candidate(self):
		record = lead("1", "Nordfisk AS")
		self.assertEqual(rank(record, [record], TokenWeights(), min_score=0, limit=5), [])


class TestDuplicatePairs(unittest.TestCase):
	def test_finds_the_planted_near_duplicates_of_the_demo_data(self):
		planted: list[tuple[int, int]] = []
		rows = list(generate_leads(4000, seed=11, planted_duplicates=planted))
		records = [
			prepare(
				MatchRecord(
					"XS Lead",
					str(i),
					company_name=row["company_name"],
					person_name=f"{row['first_name']} {row['last_name']}",
					organisation_number=row["organisation_number"],
					emails=(row["email"],),
					phones=(row["phone"], row["direct_phone"], row["mobile"]),
				)
			)
			for i, row in enumerate(rows)
		]
		frequencies = Counter(token for record in records for token in set(record.tokens))
		weights = TokenWeights(frequencies, len(records))
		found = {(i, j) for i, j, _score, _reasons in duplicate_pairs(records, weights, min_score=85)}
		self.assertGreater(len(planted), 100)
		recall = sum((min(a, b), max(a, b)) in found for a, b in planted) / len(planted)
		self.assertGreater(recall, 0.97)
		self.assertLess(len(found), 3 * len(planted), "pairs beyond the planted ones stay a minority")

	def test_a_key_shared_by_too_many_records_finds_nothing(self):
		records = [
			prepare(MatchRecord("XS Lead", str(i), company_name="Service AS")) for i in range(KEY_CAP + 1)
		]
		self.assertEqual(list(duplicate_pairs(records, TokenWeights(), min_score=50)), [])
