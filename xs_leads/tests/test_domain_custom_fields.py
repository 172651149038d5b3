"""Which custom field values a conversion copies, without a database."""

import unittest

from xs_leads.domain.custom_fields import copyable_fieldnames, values_to_copy


def field(fieldname, fieldtype="Data", options=None):
	return {"fieldname": fieldname, "fieldtype": fieldtype, "options": options}


class TestCopyableFieldnames(unittest.TestCase):
	def test_same_name_and_type_is_copied(self):
		source = [field("custom_vat_zone"), field("custom_rating", "Int")]
		target = [field("custom_rating", "Int"), field("custom_vat_zone")]
		self.assertEqual(copyable_fieldnames(source, target), ["custom_vat_zone", "custom_rating"])

	def test_other_type_or_missing_field_is_not(self):
		source = [field("custom_rating", "Int"), field("custom_only_on_lead")]
		target = [field("custom_rating", "Data")]
		self.assertEqual(copyable_fieldnames(source, target), [])

	def test_links_must_point_to_the_same_doctype(self):
		source = [field("custom_partner", "Link", "Supplier"), field("custom_region", "Link", "Territory")]
		target = [field("custom_partner", "Link", "Customer"), field("custom_region", "Link", "Territory")]
		self.assertEqual(copyable_fieldnames(source, target), ["custom_region"])

	def test_layout_fields_are_never_copied(self):
		source = [field("custom_group", "Section Break"), field("custom_tab", "Tab Break")]
		self.assertEqual(copyable_fieldnames(source, source), [])


class TestValuesToCopy(unittest.TestCase):
	def test_empty_values_are_left_out(self):
		source = {"custom_a": "x", "custom_b": "", "custom_c": None, "custom_d": 0}
		self.assertEqual(
			values_to_copy(source, ["custom_a", "custom_b", "custom_c", "custom_d"]),
			{"custom_a": "x", "custom_d": 0},
		)
