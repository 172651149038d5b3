"""Rules about calls and e-mail, without a database."""

import datetime
import unittest

from xs_leads.domain.activities import contact_status_after_call, email_direction, newest_first


class TestContactStatusAfterCall(unittest.TestCase):
	def test_first_call_outcomes(self):
		self.assertEqual(contact_status_after_call("Not Contacted", "Reached"), "Reached")
		self.assertEqual(contact_status_after_call("Not Contacted", "Not Interested"), "Unreachable")
		self.assertEqual(contact_status_after_call("Not Contacted", "Wrong Number"), "Unreachable")
		self.assertEqual(contact_status_after_call(None, "Reached"), "Reached")

	def test_nobody_reached_leaves_the_status(self):
		self.assertIsNone(contact_status_after_call("Not Contacted", "No Answer"))
		self.assertIsNone(contact_status_after_call("Not Contacted", "Busy"))

	def test_a_lead_already_contacted_keeps_its_status(self):
		self.assertIsNone(contact_status_after_call("Reached", "Not Interested"))
		self.assertIsNone(contact_status_after_call("Unreachable", "Reached"))


class TestEmail(unittest.TestCase):
	def test_direction(self):
		self.assertEqual(email_direction("Received", ""), "received")
		self.assertEqual(email_direction("Sent", "Sent"), "sent")
		self.assertEqual(email_direction("Sent", None), "sent")
		self.assertEqual(email_direction("Sent", "Scheduled"), "draft")

	def test_newest_first_with_undated_last(self):
		old, new = datetime.datetime(2025, 1, 1), datetime.datetime(2026, 1, 1)
		rows = [{"name": "a", "date": old}, {"name": "b", "date": None}, {"name": "c", "date": new}]
		self.assertEqual([r["name"] for r in newest_first(iter(rows))], ["c", "a", "b"])
