"""Lead search against a real site: the index kept up to date, every criterion, paging, totals, permissions.

Each class creates its leads once (changes are rolled back per class, as on v15) with company names
sharing a made-up marker word, and searches with that word among the criteria, so that other leads
on the test site do not count.
"""

from unittest.mock import patch

import frappe

from xs_leads.api.search import InvalidSearchCriteria, search_leads
from xs_leads.demo.generator import generate_leads
from xs_leads.demo.loader import insert_leads
from xs_leads.domain.search_criteria import parse_criteria
from xs_leads.lead_search import engine, index
from xs_leads.testing import IntegrationTestCase, as_user
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_lead, make_user

SALES_USER = "xs.search.sales@example.com"
OTHER_SALES_USER = "xs.search.other@example.com"


def names(result: dict) -> set[int]:
	return {lead["name"] for lead in result["leads"]}


class TestIndexUpkeep(IntegrationTestCase):
	def found(self, **criteria) -> set[int]:
		return names(search_leads(criteria, page_length=100))

	def test_new_lead_is_found_by_part_of_a_word_in_any_case(self):
		lead = make_lead(company_name="Qvxfjord Sjømat AS")
		for query in ("qvxfj", "QVXFJORD", "sjømat qvx", "SJØMAT"):
			self.assertIn(lead.name, self.found(company_name=query), query)
		self.assertNotIn(lead.name, self.found(company_name="qvxfjord sjomat"))  # ø is not o

	def test_changed_lead_is_found_under_its_new_values_only(self):
		lead = make_lead(company_name="Qvxalpha AS", classification="Hot")
		lead.company_name = "Qvxbeta AS"
		lead.classification = "Cold"
		lead.save()
		self.assertEqual(self.found(company_name="qvxalpha"), set())
		self.assertEqual(self.found(company_name="qvxbeta", classification="Cold"), {lead.name})
		self.assertEqual(self.found(company_name="qvxbeta", classification="Hot"), set())

	def test_deleted_lead_is_gone(self):
		lead = make_lead(company_name="Qvxgamma AS")
		lead.delete()
		self.assertEqual(self.found(company_name="qvxgamma"), set())

	def test_compaction_keeps_every_answer(self):
		first = make_lead(company_name="Qvxdelta AS", classification="Hot")
		second = make_lead(company_name="Qvxdelta Bygg AS")
		index.compact_changes()
		self.assertEqual(frappe.db.sql(f"select count(*) from {index._table(index.CHANGE_TABLE)}")[0][0], 0)
		self.assertEqual(self.found(company_name="qvxdelta"), {first.name, second.name})
		second.classification = "Hot"
		second.save()  # a change on top of compacted postings
		first.delete()
		self.assertEqual(self.found(company_name="qvxdelta", classification="Hot"), {second.name})
		index.compact_changes()
		self.assertEqual(self.found(company_name="qvxdelta", classification="Hot"), {second.name})

	def test_bulk_loaded_leads_are_indexed(self):
		rows = list(generate_leads(40, seed=99))
		insert_leads(iter(rows), len(rows))
		newest = frappe.get_all("XS Lead", order_by="name desc", limit=40, pluck="name")
		row, name = rows[-1], newest[0]
		found = self.found(
			company_name=row["company_name"], classification=row["classification"], industry=row["industry"]
		)
		self.assertIn(name, found)

	def test_rebuild_gives_the_same_answers(self):
		make_lead(company_name="Qvxepsilon AS", classification="Hot", employees=12)
		make_lead(company_name="Qvxepsilon Bygg AS", first_name="Kari", last_name="Olsen")
		queries = [
			{"company_name": "qvxepsilon"},
			{"company_name": "qvxepsilon", "classification": "Hot"},
			{"company_name": "qvxepsilon", "contact_person": "olsen"},
			{"company_name": "qvxepsilon", "employees": [">", 10]},
		]
		before = [self.found(**q) for q in queries]
		index.rebuild()
		self.assertEqual([self.found(**q) for q in queries], before)

	def test_reindex_after_a_write_past_the_controller(self):
		lead = make_lead(company_name="Qvxzeta AS")
		frappe.db.set_value("XS Lead", lead.name, "company_name", "Qvxeta AS", update_modified=False)
		self.assertEqual(self.found(company_name="qvxeta"), set())  # the index does not know yet
		index.reindex_leads([lead.name])
		self.assertEqual(self.found(company_name="qvxeta"), {lead.name})
		self.assertEqual(self.found(company_name="qvxzeta"), set())


class TestCriteria(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(SALES_USER, "XS Sales User")
		make_user(OTHER_SALES_USER, "XS Sales User")
		cls.a = make_lead(
			company_name="Zqmark Nordfisk AS",
			contact_status="Reached",
			classification="Hot",
			industry="Construction",
			responsible=SALES_USER,
			employees=60,
			annual_revenue=8_000_000,
			first_name="Kari",
			last_name="Olsen",
			email="kari.olsen@nordfisk.no",
			phone="912 34 567",
			organisation_number="923609016",
			subject="Ønsker tilbud",
			note="Ring etter nyttår.",
		).name
		cls.b = make_lead(
			company_name="Zqmark Østfold Bygg ANS",
			industry="Construction",
			responsible=OTHER_SALES_USER,
			employees=5,
			annual_revenue=2_000_000,
			first_name="Per",
			last_name="Hansen",
		).name
		cls.c = make_lead(
			company_name="ZQMARK Åkerbruk DA",
			contact_status="Unreachable",
			classification="Cold",
			industry="Agriculture, forestry and fishing",
			responsible=SALES_USER,
			employees=200,
			annual_revenue=50_000_000,
			first_name="Ola",
			last_name="Karlsen",
		).name
		cls.d = make_lead(
			company_name="Zqmark Bø Regnskap AS",
			contact_status="Reached",
			classification="Hot",
			responsible=SALES_USER,
			deactivated=1,
			employees=50,
			annual_revenue=10_000_000,
		).name
		cls.e = make_lead(company_name="Zqmark Bo Transport AS", classification="Cold", employees=51).name

	def found(self, **criteria) -> set[int]:
		result = search_leads({"company_name": "zqmark", **criteria}, page_length=100)
		self.assertFalse(result["total_is_estimate"])
		self.assertEqual(result["total"], len(result["leads"]))
		return names(result)

	def test_no_other_criterion(self):
		self.assertEqual(self.found(), {self.a, self.b, self.c, self.d, self.e})

	def test_each_comparison_alone(self):
		self.assertEqual(self.found(contact_status="Reached"), {self.a, self.d})
		self.assertEqual(self.found(contact_status="Not Contacted"), {self.b, self.e})
		self.assertEqual(self.found(classification="Hot"), {self.a, self.d})
		self.assertEqual(self.found(classification="Not Set"), {self.b})
		self.assertEqual(self.found(responsible=SALES_USER), {self.a, self.c, self.d})
		self.assertEqual(self.found(industry="Construction"), {self.a, self.b})

	def test_each_operator_on_employees(self):
		self.assertEqual(self.found(employees=[">", 50]), {self.a, self.c, self.e})
		self.assertEqual(self.found(employees=["<", 50]), {self.b})
		self.assertEqual(self.found(employees=["=", 50]), {self.d})
		self.assertEqual(self.found(employees=["!=", 50]), {self.a, self.b, self.c, self.e})
		# ranges through the middle of an index bucket (50–74) are exact too
		self.assertEqual(self.found(employees=["=", 60]), {self.a})
		self.assertEqual(self.found(employees=[">", 55]), {self.a, self.c})
		self.assertEqual(self.found(employees=["<", 55]), {self.b, self.d, self.e})

	def test_figures_through_a_bucket_are_exact_without_other_criteria(self):
		"""With no other criterion to narrow a bucket (50–74), its part is read from the figure's index."""
		with patch.object(engine, "CANDIDATE_LIMIT", 0):
			plan = engine.make_plan(parse_criteria({"employees": ["=", 60]}, {}))
			self.assertTrue(plan.exact)
			self.assertIn(self.a, plan.candidates)
			self.assertNotIn(self.e, plan.candidates)  # 51: same bucket, another figure
			self.assertEqual(self.found(employees=[">", 55]), {self.a, self.c})

	def test_each_operator_on_annual_revenue(self):
		self.assertEqual(self.found(annual_revenue=["<", 10_000_000]), {self.a, self.b, self.e})
		self.assertEqual(self.found(annual_revenue=[">", 10_000_000]), {self.c})
		self.assertEqual(self.found(annual_revenue=["=", "10 000 000"]), {self.d})
		self.assertEqual(self.found(annual_revenue=["!=", 8_000_000]), {self.b, self.c, self.d, self.e})
		self.assertEqual(self.found(annual_revenue=["=", 8_000_000]), {self.a})
		self.assertEqual(self.found(annual_revenue=[">", 1_999_999.5]), {self.a, self.b, self.c, self.d})

	def test_company_name_is_case_insensitive_and_aeoeaa_aware(self):
		self.assertEqual(self.found(company_name="zqmark ØSTFOLD"), {self.b})
		self.assertEqual(self.found(company_name="zqmark åker"), {self.c})
		self.assertEqual(self.found(company_name="zqmark bø"), {self.d})
		self.assertEqual(self.found(company_name="zqmark bo"), {self.e})
		self.assertEqual(self.found(company_name="zqmark fisk"), {self.a})

	def test_contact_person_first_last_or_both_in_either_order(self):
		self.assertEqual(self.found(contact_person="Kari Olsen"), {self.a})
		self.assertEqual(self.found(contact_person="olsen kari"), {self.a})
		self.assertEqual(self.found(contact_person="kar"), {self.a, self.c})
		self.assertEqual(self.found(contact_person="hansen"), {self.b})
		self.assertEqual(self.found(contact_person="Kari Hansen"), set())

	def test_subject_and_note(self):
		self.assertEqual(self.found(subject="TILBUD"), {self.a})
		self.assertEqual(self.found(note="nyttår ring"), {self.a})
		self.assertEqual(self.found(note="nyttar"), set())

	def test_text_across_name_number_person_email_and_phone(self):
		for query in ("nordfisk", "kari olsen", "kari.ol", "912 34", "+47 912 34 567", "923 609"):
			self.assertEqual(self.found(text=query), {self.a}, query)
		self.assertEqual(self.found(text="qzxjv"), set())

	def test_mine_and_active(self):
		with as_user(SALES_USER):
			self.assertEqual(self.found(mine=True), {self.a, self.c, self.d})
			self.assertEqual(self.found(mine=True, active=True), {self.a})
		self.assertEqual(self.found(active=True), {self.a, self.b, self.e})
		self.assertEqual(self.found(active=False), {self.a, self.b, self.c, self.d, self.e})

	def test_criteria_combine(self):
		with as_user(SALES_USER):
			self.assertEqual(self.found(classification="Hot", employees=[">", 50], mine=True), {self.a})
		self.assertEqual(
			self.found(industry="Construction", contact_person="per", employees=["<", 10]), {self.b}
		)
		self.assertEqual(
			self.found(text="912", classification="Hot", annual_revenue=["<", 9_000_000], active=1), {self.a}
		)
		self.assertEqual(self.found(industry="Construction", classification="Cold"), set())

	def test_checking_rows_one_by_one_gives_the_index_answers(self):
		"""Words found in too many vocabulary words are checked row by row: the answers must agree."""
		queries = [
			{"company_name": "zqmark ØSTFOLD"},
			{"contact_person": "olsen kari"},
			{"text": "kari.ol"},
			{"text": "912 34"},
			{"note": "nyttår"},
			{"text": "qzxjv"},
		]
		answers = [self.found(**q) for q in queries]
		# every word "too common": each lead of the site is a candidate, checked row by row
		with patch.object(engine, "MAX_TERM_WORDS", 0), patch.object(engine, "CANDIDATE_LIMIT", 10**9):
			self.assertEqual([self.found(**q) for q in queries], answers)

	def test_results_carry_the_list_fields(self):
		lead = search_leads({"company_name": "zqmark nordfisk"})["leads"][0]
		for fieldname in engine.LIST_FIELDS:
			self.assertIn(fieldname, lead)
		self.assertEqual(lead["name"], self.a)
		self.assertEqual(lead["classification"], "Hot")


class TestPagingAndTotals(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.leads = [make_lead(company_name=f"Zqpage {n:02d} AS", employees=n).name for n in range(25)]

	def test_pages_in_list_order_with_an_exact_total(self):
		first = search_leads({"company_name": "zqpage"}, start=0, page_length=10)
		last = search_leads({"company_name": "zqpage"}, start=20, page_length=10)
		self.assertEqual((first["total"], first["total_is_estimate"]), (25, False))
		self.assertEqual([lead["name"] for lead in first["leads"]], self.leads[::-1][:10])  # newest first
		self.assertEqual([lead["name"] for lead in last["leads"]], self.leads[::-1][20:])

	def test_order_by_another_field(self):
		result = search_leads({"company_name": "zqpage"}, page_length=3, order_by="company_name asc")
		self.assertEqual(
			[lead["company_name"] for lead in result["leads"]],
			["Zqpage 00 AS", "Zqpage 01 AS", "Zqpage 02 AS"],
		)
		result = search_leads({"company_name": "zqpage"}, page_length=2, order_by="employees desc")
		self.assertEqual([lead["employees"] for lead in result["leads"]], [24, 23])

	def test_large_results_are_walked_and_their_total_estimated(self):
		"""Past the candidate limit a restricted user's total is estimated from a sample, and says so."""
		with (
			patch.object(engine, "CANDIDATE_LIMIT", 5),
			patch.object(engine, "reads_every_lead", return_value=False),
		):
			result = search_leads({"company_name": "zqpage", "employees": [">", 4]}, page_length=7)
			# the sample covers all 25 candidates here, so the estimate is right
			self.assertEqual((result["total"], result["total_is_estimate"]), (20, True))
			self.assertEqual([lead["name"] for lead in result["leads"]], self.leads[::-1][:7])
			with patch.object(engine, "SAMPLE_SIZE", 10):
				estimate = search_leads({"company_name": "zqpage", "employees": [">", 4]})["total"]
			self.assertTrue(10 <= estimate <= 25, estimate)

	def test_large_exact_sets_are_paged_by_walking_the_sort_index(self):
		with patch.object(engine, "LOOKUP_LIMIT", 5):
			result = search_leads({"company_name": "zqpage"}, start=3, page_length=4)
		self.assertEqual((result["total"], result["total_is_estimate"]), (25, False))
		self.assertEqual([lead["name"] for lead in result["leads"]], self.leads[::-1][3:7])

	def test_estimates_are_rounded(self):
		self.assertEqual(engine.round_estimate(87.4), 87)
		self.assertEqual(engine.round_estimate(123_456), 120_000)
		self.assertEqual(engine.round_estimate(1_049_000), 1_000_000)


class TestBadInput(IntegrationTestCase):
	def assertRefused(self, expected_text, criteria=None, **kwargs):
		with self.assertRaises(InvalidSearchCriteria) as caught:
			search_leads(criteria, **kwargs)
		self.assertIn(expected_text, str(caught.exception))

	def test_unknown_key(self):
		self.assertRefused("colour", {"colour": "red"})

	def test_unknown_operator(self):
		self.assertRefused(">=", {"employees": [">=", 5]})

	def test_non_numeric_value(self):
		self.assertRefused("fifty", {"annual_revenue": ["<", "fifty"]})

	def test_unknown_select_value(self):
		self.assertRefused("Warm", {"classification": "Warm"})

	def test_invalid_json(self):
		self.assertRefused("JSON", '{"classification": ')

	def test_paging_and_order(self):
		self.assertRefused("500", {}, page_length=0)
		self.assertRefused("500", {}, page_length=501)
		self.assertRefused("negative", {}, start=-1)
		self.assertRefused("owner", {}, order_by="owner desc")
		self.assertRefused("modified sideways", {}, order_by="modified sideways")

	def test_json_criteria_and_text_numbers_are_accepted(self):
		result = search_leads(
			'{"classification": "Hot", "employees": [">", "5"]}', start="0", page_length="5"
		)
		self.assertLessEqual(len(result["leads"]), 5)


class TestPermissions(IntegrationTestCase):
	"""A search shows a user exactly what their list shows."""

	RESTRICTED = "xs.search.restricted@example.com"
	OUTSIDER = "xs.search.outsider@example.com"

	def setUp(self):
		make_user(self.RESTRICTED, "XS Sales User")
		make_user(self.OUTSIDER)
		self.construction = make_lead(company_name="Zqperm Bygg AS", industry="Construction").name
		self.farming = make_lead(
			company_name="Zqperm Gård AS", industry="Agriculture, forestry and fishing"
		).name
		self.unset = make_lead(company_name="Zqperm Uten Bransje AS").name
		frappe.permissions.add_user_permission("XS Industry", "Construction", self.RESTRICTED)

	def list_shows(self, filters) -> set[int]:
		return set(frappe.get_list("XS Lead", filters=filters, pluck="name", limit_page_length=0))

	def test_user_permission_limits_results_as_in_the_list(self):
		with as_user(self.RESTRICTED):
			result = search_leads({"company_name": "zqperm"})
			listed = self.list_shows([["company_name", "like", "%zqperm%"]])
		self.assertEqual(names(result), listed)
		self.assertIn(self.construction, listed)
		self.assertNotIn(self.farming, listed)
		self.assertEqual(result["total"], len(listed))

	def test_user_permission_holds_on_every_path(self):
		with as_user(self.RESTRICTED):
			listed = self.list_shows([["company_name", "like", "%zqperm%"]])
			with patch.object(engine, "CANDIDATE_LIMIT", 1):
				walked = search_leads({"company_name": "zqperm"})
			self.assertEqual(names(walked), listed)
			unrestricted = search_leads({"classification": "Not Set"}, page_length=500)
			self.assertNotIn(self.farming, names(unrestricted))

	def test_no_permission_is_refused_and_sharing_grants_it(self):
		with as_user(self.OUTSIDER), self.assertRaises(frappe.PermissionError):
			search_leads({"company_name": "zqperm"})
		frappe.share.add("XS Lead", self.farming, self.OUTSIDER, read=1)
		with as_user(self.OUTSIDER):
			result = search_leads({"company_name": "zqperm"})
		self.assertEqual(names(result), {self.farming})
