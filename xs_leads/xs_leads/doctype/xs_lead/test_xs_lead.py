import frappe
from frappe.utils import add_to_date, get_datetime, now_datetime

from xs_leads.testing import IntegrationTestCase


def make_lead(**fields):
	"""An XS Lead inserted with sensible defaults; any field can be overridden."""
	values = {"doctype": "XS Lead", "company_name": "Nordfisk AS"}
	values.update(fields)
	return frappe.get_doc(values).insert()


def make_user(email: str, *roles: str) -> str:
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": email.split("@")[0], "send_welcome_email": 0}
		)
		user.insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	user.remove_roles(*[r.role for r in user.roles])
	if roles:
		user.add_roles(*roles)
	return email


class TestXSLeadDefaults(IntegrationTestCase):
	def test_new_lead_is_not_contacted_and_not_classified(self):
		lead = make_lead()
		self.assertEqual(lead.contact_status, "Not Contacted")
		self.assertEqual(lead.classification, "Not Set")
		self.assertFalse(lead.first_contact)
		self.assertEqual(lead.deactivated, 0)

	def test_ids_are_numeric_and_increasing(self):
		first, second = make_lead(), make_lead(company_name="Fjordkraft ASA")
		self.assertIsInstance(first.name, int)
		self.assertGreater(second.name, first.name)
		self.assertEqual(frappe.db.get_value("XS Lead", second.name, "company_name"), "Fjordkraft ASA")

	def test_company_name_is_required(self):
		with self.assertRaises(frappe.MandatoryError):
			make_lead(company_name="")

	def test_owner_and_modified_by_are_recorded(self):
		lead = make_lead()
		self.assertEqual(lead.owner, "Administrator")
		self.assertEqual(lead.modified_by, "Administrator")
		self.assertTrue(lead.creation)


class TestOrganisationNumber(IntegrationTestCase):
	def test_spaces_are_removed(self):
		self.assertEqual(make_lead(organisation_number="923 609 016").organisation_number, "923609016")

	def test_valid_number_is_kept(self):
		self.assertEqual(make_lead(organisation_number="988077917").organisation_number, "988077917")

	def test_wrong_check_digit_is_refused_naming_the_field(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Organisation Number.*123456789"):
			make_lead(organisation_number="123456789")

	def test_wrong_length_and_letters_are_refused(self):
		for value in ("92360901", "9236090160", "92360901A"):
			with self.subTest(value=value), self.assertRaises(frappe.ValidationError):
				make_lead(organisation_number=value)

	def test_empty_is_allowed(self):
		self.assertEqual(make_lead(organisation_number="").organisation_number, "")


class TestContactDetails(IntegrationTestCase):
	def test_norwegian_phone_numbers_are_normalised(self):
		lead = make_lead(phone="22 33 44 55", mobile="(+47) 912 34 567", fax="0047 22334456")
		self.assertEqual(lead.phone, "+4722334455")
		self.assertEqual(lead.mobile, "+4791234567")
		self.assertEqual(lead.fax, "+4722334456")

	def test_foreign_number_keeps_its_country(self):
		self.assertEqual(make_lead(direct_phone="+46 8 123 456 78").direct_phone, "+46812345678")

	def test_unparseable_phone_is_kept_as_typed(self):
		lead = make_lead(phone="  sentralbord, spør etter Kari ", mobile="123")
		self.assertEqual(lead.phone, "sentralbord, spør etter Kari")
		self.assertEqual(lead.mobile, "123")

	def test_valid_email_is_accepted(self):
		self.assertEqual(make_lead(email=" kari.olsen@nordfisk.no ").email, "kari.olsen@nordfisk.no")

	def test_invalid_email_is_refused_naming_the_field(self):
		for value in ("kari.olsen", "kari@", "kari olsen@nordfisk.no"):
			with self.subTest(value=value), self.assertRaisesRegex(frappe.ValidationError, "E-mail"):
				make_lead(email=value)

	def test_website_becomes_a_url(self):
		self.assertEqual(make_lead(website="www.nordfisk.no").website, "https://www.nordfisk.no")
		self.assertEqual(make_lead(website="http://nordfisk.no/om").website, "http://nordfisk.no/om")

	def test_text_that_is_no_web_address_is_refused(self):
		for value in ("nordfisk", "ftp://nordfisk.no", "www.nord fisk.no"):
			with self.subTest(value=value), self.assertRaisesRegex(frappe.ValidationError, "Website"):
				make_lead(website=value)

	def test_negative_employees_and_revenue_are_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Number of Employees"):
			make_lead(employees=-1)
		with self.assertRaisesRegex(frappe.ValidationError, "Annual Revenue"):
			make_lead(annual_revenue=-100)

	def test_zero_and_positive_figures_are_accepted(self):
		lead = make_lead(employees=0, annual_revenue=12_500_000.5)
		self.assertEqual(lead.employees, 0)
		self.assertEqual(lead.annual_revenue, 12_500_000.5)


class TestFirstContact(IntegrationTestCase):
	def test_set_when_status_first_leaves_not_contacted(self):
		lead = make_lead()
		before = now_datetime().replace(microsecond=0)
		lead.contact_status = "Reached"
		lead.save()
		self.assertGreaterEqual(get_datetime(lead.first_contact), before)
		self.assertEqual(
			get_datetime(frappe.db.get_value("XS Lead", lead.name, "first_contact")),
			get_datetime(lead.first_contact),
		)

	def test_set_when_created_reached(self):
		self.assertTrue(make_lead(contact_status="Unreachable").first_contact)

	def test_typed_first_contact_is_kept(self):
		typed = add_to_date(now_datetime(), days=-3).replace(microsecond=0)
		lead = make_lead(contact_status="Reached", first_contact=typed)
		self.assertEqual(get_datetime(lead.first_contact), typed)

	def test_not_set_while_not_contacted(self):
		lead = make_lead()
		lead.subject = "Ring tilbake etter ferien"
		lead.save()
		self.assertFalse(lead.first_contact)

	def test_not_restamped_on_later_status_changes(self):
		lead = make_lead(contact_status="Reached")
		lead.first_contact = None
		lead.contact_status = "Unreachable"
		lead.save()
		self.assertFalse(lead.first_contact)


class TestPermissions(IntegrationTestCase):
	def setUp(self):
		self.sales_user = make_user("xs.sales.user@example.com", "XS Sales User")
		self.manager = make_user("xs.sales.manager@example.com", "XS Sales Manager")
		self.outsider = make_user("xs.outsider@example.com")

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_sales_user_can_create_read_and_edit(self):
		frappe.set_user(self.sales_user)
		lead = make_lead(company_name="Bergen Rørleggerservice AS")
		lead.subject = "Ønsker tilbud"
		lead.save()
		self.assertEqual(frappe.get_doc("XS Lead", lead.name).subject, "Ønsker tilbud")
		self.assertIn(lead.name, frappe.get_list("XS Lead", pluck="name"))

	def test_sales_user_cannot_delete(self):
		lead = make_lead()
		frappe.set_user(self.sales_user)
		with self.assertRaises(frappe.PermissionError):
			frappe.delete_doc("XS Lead", lead.name)
		frappe.set_user("Administrator")
		self.assertTrue(frappe.db.exists("XS Lead", lead.name))

	def test_manager_can_delete(self):
		lead = make_lead()
		frappe.set_user(self.manager)
		frappe.delete_doc("XS Lead", lead.name)
		self.assertFalse(frappe.db.exists("XS Lead", lead.name))

	def test_user_without_role_is_refused(self):
		lead = make_lead()
		frappe.set_user(self.outsider)
		self.assertFalse(frappe.has_permission("XS Lead", "read"))
		with self.assertRaises(frappe.PermissionError):
			make_lead()
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("XS Lead", lead.name).check_permission("read")

	def test_guest_is_refused(self):
		frappe.set_user("Guest")
		self.assertFalse(frappe.has_permission("XS Lead", "read"))
		with self.assertRaises(frappe.PermissionError):
			make_lead()
		with self.assertRaises(frappe.PermissionError):
			frappe.get_list("XS Lead")

	def test_role_permissions_match_the_design(self):
		def rights(role):
			perm = frappe.get_all(
				"DocPerm", filters={"parent": "XS Lead", "role": role, "permlevel": 0}, fields=["*"]
			)[0]
			return {p for p in ("read", "write", "create", "delete", "export", "import") if perm[p]}

		self.assertEqual(rights("XS Sales User"), {"read", "write", "create", "export"})
		self.assertEqual(
			rights("XS Sales Manager"), {"read", "write", "create", "delete", "export", "import"}
		)
