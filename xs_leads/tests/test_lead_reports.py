"""The three lead reports, number cards and global search, on leads whose figures are known."""

import frappe
from frappe.desk.query_report import run
from frappe.utils import add_days, today

from xs_leads.api import dashboard
from xs_leads.api.search import list_view_page
from xs_leads.lead_search import global_search
from xs_leads.testing import IntegrationTestCase, as_user
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_lead, make_user

SELLER = "xs.report.seller@example.com"
OTHER = "xs.report.other@example.com"


class TestLeadReports(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(SELLER, "XS Sales User")
		make_user(OTHER, "XS Sales User")
		known = [
			# status, classification, deactivated, source, industry
			("Not Contacted", "Hot", 0, "Web", "Construction"),
			("Not Contacted", "Not Set", 0, "Web", "Construction"),
			("Reached", "Hot", 0, "Phone", "Construction"),
			("Reached", "Cold", 1, "Phone", "Education"),
			("Unreachable", "Cold", 0, "Web", "Construction"),
		]
		for n, (status, classification, deactivated, source, industry) in enumerate(known):
			make_lead(
				company_name=f"Zqrep {n} AS",
				contact_status=status,
				classification=classification,
				deactivated=deactivated,
				source=source,
				industry=industry,
				responsible=SELLER,
			)
		make_lead(
			company_name="Zqrep Annen AS", classification="Hot", responsible=OTHER, industry="Construction"
		)

	def report(self, name, **filters):
		return run(name, filters={"responsible": SELLER, **filters})

	def test_status_and_classification(self):
		result = self.report("Leads by Status and Classification")
		rows = {row["status"]: row for row in result["result"] if isinstance(row, dict) and row.get("status")}
		self.assertEqual(
			(rows["Not Contacted"]["hot"], rows["Not Contacted"]["not_set"], rows["Not Contacted"]["total"]),
			(1, 1, 2),
		)
		self.assertEqual((rows["Reached"]["hot"], rows["Reached"]["cold"]), (1, 1))
		self.assertEqual(rows["Unreachable"]["total"], 1)
		datasets = {d["name"]: d["values"] for d in result["chart"]["data"]["datasets"]}
		self.assertEqual(datasets["Hot"], [1, 1, 0])

	def test_industry_filter(self):
		result = self.report("Leads by Status and Classification", industry="Education")
		totals = [row["total"] for row in result["result"] if isinstance(row, dict) and row.get("status")]
		self.assertEqual(totals, [0, 1, 0])

	def test_period_filter(self):
		later = add_days(today(), 1)
		result = self.report("Leads by Status and Classification", from_date=later)
		self.assertEqual(
			sum(
				row.get("total", 0) for row in result["result"] if isinstance(row, dict) and row.get("status")
			),
			0,
		)
		result = self.report("Leads by Status and Classification", from_date=today(), to_date=today())
		self.assertEqual(
			sum(row["total"] for row in result["result"] if isinstance(row, dict) and row.get("status")), 5
		)

	def test_per_responsible(self):
		result = self.report("Leads per Responsible")
		row = next(r for r in result["result"] if isinstance(r, dict) and r.get("responsible") == SELLER)
		# open: not deactivated and not unreachable
		self.assertEqual(
			(row["open"], row["hot"], row["contacted"], row["unreachable"], row["total"]), (3, 2, 2, 1, 5)
		)
		self.assertEqual(len(result["chart"]["data"]["labels"]), 1)

	def test_sources_per_month(self):
		result = self.report("Lead Sources")
		rows = {r["source"]: r for r in result["result"] if isinstance(r, dict) and r.get("source")}
		self.assertEqual((rows["Web"]["leads"], rows["Web"]["contacted"]), (3, 0))
		self.assertEqual(
			(rows["Phone"]["leads"], rows["Phone"]["contacted"], rows["Phone"]["contacted_share"]),
			(2, 2, 100),
		)
		self.assertEqual(rows["Web"]["month"], today()[:7])

	def test_reports_respect_user_permissions(self):
		frappe.permissions.add_user_permission("XS Industry", "Education", SELLER)
		try:
			with as_user(SELLER):
				result = self.report("Leads per Responsible")
		finally:
			frappe.db.delete("User Permission", {"user": SELLER})
			frappe.clear_cache(user=SELLER)
		row = next(r for r in result["result"] if isinstance(r, dict) and r.get("responsible") == SELLER)
		self.assertEqual(row["total"], 1)

	def test_number_cards(self):
		with as_user(SELLER):
			self.assertEqual(dashboard.my_open_leads(), 3)
		with as_user(OTHER):
			self.assertEqual(dashboard.my_open_leads(), 1)
		hot_before = dashboard.hot_leads()
		make_lead(company_name="Zqrep Ny Het AS", classification="Hot")
		self.assertEqual(dashboard.hot_leads(), hot_before + 1)

	def test_global_search_finds_leads_by_name_number_person_email_and_phone(self):
		lead = make_lead(
			company_name="Zqglobal Fjordlaks AS",
			organisation_number="876543206",  # used by no other test: global search has no rollback
			first_name="Synnøve",
			last_name="Zqglobalsen",
			email="synnove@zqglobal-fjordlaks.no",
			mobile="+4791234599",
		)
		from frappe.utils.global_search import delete_for_document, search

		# MariaDB keeps __global_search outside the test's transaction (MyISAM): remove the entry after
		self.addCleanup(delete_for_document, lead)
		global_search.index_leads([lead.name])
		for query in (
			"Zqglobal Fjordlaks",
			"876543206",
			"Zqglobalsen",
			"synnove@zqglobal-fjordlaks.no",
			"+4791234599",
		):
			found = [str(r.name) for r in search(query, doctype="XS Lead", limit=100)]
			self.assertIn(str(lead.name), found, query)


class TestListViewPage(IntegrationTestCase):
	"""The Desk list's data through the search: its filters read as criteria, its answer shape."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.hot = make_lead(company_name="Zqlist Østfold AS", classification="Hot", employees=70).name
		cls.cold = make_lead(company_name="Zqlist Vestfold AS", classification="Cold", employees=3).name

	def test_filters_and_text_criteria(self):
		result = list_view_page(
			fields='["`tabXS Lead`.`name`", "`tabXS Lead`.`company_name`", "`tabXS Lead`.`_comments`", "count(*)"]',
			filters='[["XS Lead", "company_name", "like", "%zqlist%"], ["XS Lead", "employees", ">", 50]]',
			order_by="`tabXS Lead`.`modified` desc",
			start=0,
			page_length=20,
			with_comment_count=1,
		)
		self.assertEqual(result["keys"][:2], ["name", "company_name"])
		self.assertEqual([row[0] for row in result["values"]], [self.hot])
		self.assertEqual((result["total"], result["total_is_estimate"]), (1, False))
		self.assertIn("_comment_count", result["keys"])

	def test_criteria_beside_the_filters(self):
		result = list_view_page(
			fields=["name"],
			filters=[["XS Lead", "company_name", "like", "%zqlist%"]],
			criteria={"text": "VESTFOLD"},
		)
		self.assertEqual([row[0] for row in result["values"]], [self.cold])

	def test_other_filters_still_apply(self):
		result = list_view_page(
			fields=["name"],
			filters=[
				["XS Lead", "company_name", "like", "%zqlist%"],
				["XS Lead", "website", "is", "not set"],
			],
			order_by="employees asc",
		)
		self.assertEqual([row[0] for row in result["values"]], [self.cold, self.hot])


class TestConvertedThisMonthCard(IntegrationTestCase):
	def test_counts_the_leads_converted_this_month(self):
		from xs_leads.api.conversion import convert_lead
		from xs_leads.tests.activity_factories import make_convertible_lead

		card = frappe.get_doc("Number Card", "Converted This Month")
		self.assertEqual(card.method, "xs_leads.api.dashboard.converted_this_month")
		self.assertIn(
			"Converted This Month",
			[c.number_card_name for c in frappe.get_doc("Workspace", "XS Leads").number_cards],
		)
		before = dashboard.converted_this_month()
		lead = make_convertible_lead(company_name="Kortet Konvertert AS")
		convert_lead(lead.name, {"lead_action": "Keep"})
		self.assertEqual(dashboard.converted_this_month(), before + 1)
		with as_user(make_user("xs.card.outsider@example.com")), self.assertRaises(frappe.PermissionError):
			dashboard.converted_this_month()
