"""Writers that pass by the XS Lead controller (the CSV importer, the bulk conversion's fast path)
keep the lead search index as the controller's on_update does."""

import frappe

from xs_leads.api.search import search_leads
from xs_leads.domain.conversion import parse_options
from xs_leads.services.fast_conversion import convert_chunk
from xs_leads.testing import IntegrationTestCase
from xs_leads.tests.activity_factories import make_convertible_lead
from xs_leads.tests.test_lead_import import ImportTestCase


def found(criteria: dict) -> list:
	return [lead["name"] for lead in search_leads(criteria, page_length=50)["leads"]]


class TestImportKeepsTheSearchIndex(ImportTestCase):
	def test_imported_and_updated_leads_are_found_by_their_new_words(self):
		result = self.run_file("Navn;Emne\nQwertzfjord Import AS;Ring om kvartz\n")
		self.assertEqual(result["summary"]["created"], 1)
		(name,) = frappe.get_all("XS Lead", filters={"company_name": "Qwertzfjord Import AS"}, pluck="name")
		self.assertEqual(found({"company_name": "qwertzfjord"}), [name])
		self.assertEqual(found({"subject": "kvartz"}), [name])

		update = self.run_file(
			f"ID;Navn;Emne\n{name};Qwertzfjord Import AS;Ring om plutonix\n", update_existing=1
		)
		self.assertEqual(update["summary"]["updated"], 1)
		self.assertEqual(found({"subject": "plutonix"}), [name])
		self.assertEqual(found({"subject": "kvartz"}), [])


class TestFastConversionKeepsTheSearchIndex(IntegrationTestCase):
	def test_a_deactivated_lead_leaves_the_active_leads(self):
		lead = make_convertible_lead(company_name="Aktivtest Xylofon AS")
		self.assertEqual(found({"company_name": "xylofon", "active": 1}), [lead.name])
		converted, leftover = convert_chunk([lead.name], parse_options({"lead_action": "Deactivate"}))
		self.assertEqual((len(converted), leftover), (1, []))
		self.assertEqual(found({"company_name": "xylofon", "active": 1}), [])
		self.assertEqual(found({"company_name": "xylofon"}), [lead.name])
