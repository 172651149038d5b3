"""Writers that pass by the XS Lead controller (the CSV importer, the bulk conversion's fast path)
keep the lead search index and the duplicate-check keys as the controller and its doc events do."""

import frappe

from xs_leads.api.duplicates import find_duplicates
from xs_leads.api.search import search_leads
from xs_leads.domain.conversion import parse_options
from xs_leads.services.fast_conversion import convert_chunk
from xs_leads.testing import IntegrationTestCase
from xs_leads.tests.activity_factories import make_convertible_lead, unique_organisation_number
from xs_leads.tests.test_lead_import import ImportTestCase
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_lead


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


class TestImportKeepsTheDuplicateKeys(ImportTestCase):
	def test_an_imported_lead_meets_its_duplicate(self):
		number = unique_organisation_number()
		existing = make_lead(company_name="Dobbeltføring Eksisterende AS", organisation_number=number)
		self.run_file(f"Navn;Organisation Number\nHelt Annet Navn AS;{number}\n")
		(name,) = frappe.get_all("XS Lead", filters={"company_name": "Helt Annet Navn AS"}, pluck="name")
		candidates = find_duplicates(doctype="XS Lead", name=name)
		self.assertIn(("XS Lead", str(existing.name)), [(c["doctype"], str(c["name"])) for c in candidates])


class TestFastConversionKeepsTheSearchIndex(IntegrationTestCase):
	def test_a_deactivated_lead_leaves_the_active_leads(self):
		lead = make_convertible_lead(company_name="Aktivtest Xylofon AS")
		self.assertEqual(found({"company_name": "xylofon", "active": 1}), [lead.name])
		converted, leftover = convert_chunk([lead.name], parse_options({"lead_action": "Deactivate"}))
		self.assertEqual((len(converted), leftover), (1, []))
		self.assertEqual(found({"company_name": "xylofon", "active": 1}), [])
		self.assertEqual(found({"company_name": "xylofon"}), [lead.name])
