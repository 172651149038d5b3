import frappe

from xs_leads.testing import IntegrationTestCase
from xs_leads.tests.activity_factories import unique_organisation_number


def make_company(**fields):
	return frappe.get_doc({"doctype": "XS Company", "company_name": "Fjordkraft ASA", **fields}).insert()


class TestXSCompany(IntegrationTestCase):
	def test_organisation_number_is_normalised_and_checked(self):
		number = unique_organisation_number()
		spaced = f"{number[:3]} {number[3:6]} {number[6:]}"
		self.assertEqual(make_company(organisation_number=spaced).organisation_number, number)
		with self.assertRaisesRegex(frappe.ValidationError, "123456789"):
			make_company(organisation_number="123456789")

	def test_organisation_number_is_unique_when_set(self):
		number = unique_organisation_number()
		first = make_company(organisation_number=number)
		with self.assertRaisesRegex(frappe.ValidationError, number):
			make_company(company_name="Kopi AS", organisation_number=f"{number[:3]} {number[3:]}")
		first.save()  # its own number is no duplicate

	def test_many_companies_without_organisation_number(self):
		make_company(organisation_number="")
		second = make_company(company_name="Uten Nummer AS")
		self.assertIsNone(second.organisation_number)

	def test_defaults_and_phone_normalisation(self):
		company = make_company(phone="22 33 44 55", website="fjordkraft.no")
		self.assertEqual((company.relation_type, company.phone), ("Customer", "+4722334455"))
		self.assertEqual(company.website, "https://fjordkraft.no")
