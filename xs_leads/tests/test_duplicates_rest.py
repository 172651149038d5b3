"""Duplicate check, scan and merge over REST (token auth, the running test server), with and without
the rights they need; and two merges racing on one lead."""

import json
import threading
import time

import frappe
import requests

from xs_leads.testing import IntegrationTestCase, fresh_transaction, rest_server_url
from xs_leads.tests.test_rest_api import make_api_user

METHOD = "/api/method/"


class TestDuplicatesREST(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.base_url = rest_server_url()
		cls.sales_user = make_api_user("xs.rest.dup.user@example.com", "XS Sales User")
		cls.manager = make_api_user("xs.rest.dup.manager@example.com", "XS Sales Manager")
		cls.nobody = make_api_user("xs.rest.dup.nobody@example.com")
		cls.leads: list[int] = []

	@classmethod
	def tearDownClass(cls):
		with fresh_transaction():
			for name in cls.leads:
				frappe.delete_doc("XS Lead", name, force=True, ignore_missing=True)
			for scan in frappe.get_all(
				"XS Lead Duplicate Scan", filters={"owner": "xs.rest.dup.manager@example.com"}, pluck="name"
			):
				frappe.delete_doc("XS Lead Duplicate Scan", scan, force=True)
		super().tearDownClass()

	def lead(self, **fields) -> int:
		"""A committed lead (the server sees only committed data)."""
		doc = frappe.get_doc({"doctype": "XS Lead", **fields}).insert()
		frappe.db.commit()
		self.leads.append(doc.name)
		return doc.name

	def call(self, http_method: str, method: str, headers: dict | None, **kwargs) -> requests.Response:
		return requests.request(
			http_method, self.base_url + METHOD + method, headers=headers, timeout=60, **kwargs
		)

	def test_find_duplicates_of_a_saved_lead_and_of_unsaved_values(self):
		original = self.lead(company_name="Restfjell Rørleggerservice AS", organisation_number="988077917")
		twin = self.lead(company_name="RESTFJELL RØRLEGGERSERVICE A/S")
		response = self.call(
			"GET", "xs_leads.api.duplicates.find_duplicates", self.sales_user, params={"name": original}
		)
		self.assertEqual(response.status_code, 200, response.text)
		found = response.json()["message"]
		self.assertEqual([c["name"] for c in found if c["doctype"] == "XS Lead"], [twin])
		self.assertEqual(set(found[0]), {"doctype", "name", "title", "score", "reasons"})

		response = self.call(
			"POST",
			"xs_leads.api.duplicates.find_duplicates",
			self.sales_user,
			json={
				"values": {"company_name": "Ny Bedrift AS", "organisation_number": "988 077 917"},
				"limit": "5",
			},
		)
		self.assertEqual(response.status_code, 200, response.text)
		match = next(c for c in response.json()["message"] if c["name"] == original)
		self.assertIn("same organisation number", match["reasons"])

	def test_saving_a_new_lead_with_a_strong_candidate_warns_but_saves(self):
		original = self.lead(company_name="Varselfjell Rørleggerservice AS", organisation_number="988077917")
		response = requests.post(
			f"{self.base_url}/api/resource/XS Lead",
			headers=self.sales_user,
			json={"company_name": "Varselfjell Rørleggerservice A/S"},
			timeout=60,
		)
		self.assertEqual(response.status_code, 200, response.text)
		self.leads.append(response.json()["data"]["name"])
		messages = [json.loads(m) for m in json.loads(response.json().get("_server_messages") or "[]")]
		warnings = [m for m in messages if m.get("title") == "Possible Duplicate"]
		self.assertEqual(len(warnings), 1, messages)
		self.assertIn(f"/xs-lead/{original}", warnings[0]["message"])

		plain = requests.post(
			f"{self.base_url}/api/resource/XS Lead",
			headers=self.sales_user,
			json={"company_name": "Helt Ulik Bedrift AS"},
			timeout=60,
		)
		self.assertEqual(plain.status_code, 200, plain.text)
		self.leads.append(plain.json()["data"]["name"])
		self.assertNotIn("Possible Duplicate", plain.json().get("_server_messages") or "")

		update = requests.put(
			f"{self.base_url}/api/resource/XS Lead/{plain.json()['data']['name']}",
			headers=self.sales_user,
			json={"company_name": "Varselfjell Rørleggerservice"},
			timeout=60,
		)
		self.assertEqual(update.status_code, 200, update.text)
		self.assertNotIn("Possible Duplicate", update.json().get("_server_messages") or "", "only new leads")

	def test_find_duplicates_refuses_a_user_without_the_role(self):
		lead = self.lead(company_name="Restfjell AS")
		response = self.call(
			"GET", "xs_leads.api.duplicates.find_duplicates", self.nobody, params={"name": lead}
		)
		self.assertEqual(response.status_code, 403, response.text)
		self.assertEqual(
			self.call(
				"GET", "xs_leads.api.duplicates.find_duplicates", None, params={"name": lead}
			).status_code,
			403,
		)

	def test_preview_and_merge_as_manager_but_not_as_sales_user(self):
		source = self.lead(company_name="Restfjell A/S", email="post@restfjell.no")
		target = self.lead(company_name="Restfjell AS")
		args = {"source": source, "target": target}
		preview = self.call("GET", "xs_leads.api.merge.preview_merge", self.sales_user, params=args)
		self.assertEqual(preview.status_code, 200, preview.text)
		self.assertEqual(
			preview.json()["message"],
			{"target": target, "moved": {}, "filled": {"email": "post@restfjell.no"}},
		)

		refused = self.call("POST", "xs_leads.api.merge.merge_leads", self.sales_user, json=args)
		self.assertEqual(refused.status_code, 403, refused.text)
		self.assertEqual(
			self.call("POST", "xs_leads.api.merge.merge_leads", self.nobody, json=args).status_code, 403
		)
		with fresh_transaction():
			self.assertTrue(frappe.db.exists("XS Lead", source))

		done = self.call("POST", "xs_leads.api.merge.merge_leads", self.manager, json=args)
		self.assertEqual(done.status_code, 200, done.text)
		self.assertEqual(done.json()["message"]["filled"], {"email": "post@restfjell.no"})
		with fresh_transaction():
			self.assertFalse(frappe.db.exists("XS Lead", source))
			self.assertEqual(frappe.db.get_value("XS Lead", target, "email"), "post@restfjell.no")

	def test_refused_merges_answer_with_a_message(self):
		lead = self.lead(company_name="Restfjell AS")
		itself = self.call(
			"POST", "xs_leads.api.merge.merge_leads", self.manager, json={"source": lead, "target": lead}
		)
		self.assertEqual(itself.status_code, 417, itself.text)
		self.assertIn("itself", itself.text)
		missing = self.call(
			"POST", "xs_leads.api.merge.merge_leads", self.manager, json={"source": 987654321, "target": lead}
		)
		self.assertEqual(missing.status_code, 404, missing.text)
		self.assertIn("987654321", missing.text)

	def test_merge_waits_for_a_lock_and_fails_cleanly_when_the_other_merge_deleted_its_lead(self):
		"""The test holds the source's row lock as a first merge would, then deletes the source and
		commits: the server's merge, blocked on the lock meanwhile, must fail and write nothing."""
		source = self.lead(company_name="Racefjell A/S", email="post@racefjell.no")
		target = self.lead(company_name="Racefjell AS")
		frappe.db.get_value("XS Lead", source, "name", for_update=True)  # the first merge's lock
		answers = []
		racer = threading.Thread(
			target=lambda: answers.append(
				self.call(
					"POST",
					"xs_leads.api.merge.merge_leads",
					self.manager,
					json={"source": source, "target": target},
				)
			)
		)
		racer.start()
		time.sleep(2)  # the server's merge is now waiting for the lock
		self.assertFalse(answers, "the merge did not wait for the lock")
		frappe.delete_doc("XS Lead", source, force=True)  # the first merge finishing
		frappe.db.commit()
		racer.join(60)
		# MariaDB finds the row gone (404); PostgreSQL refuses to lock a row deleted since its snapshot
		self.assertIn(answers[0].status_code, (404, 417), answers[0].text)
		self.assertIn(str(source), answers[0].text)
		with fresh_transaction():
			self.assertFalse(frappe.db.get_value("XS Lead", target, "email"))
			self.assertFalse(frappe.get_all("XS Lead Merge", filters={"target": str(target)}))

	def test_a_change_made_while_the_merge_waited_is_not_lost(self):
		"""The merge finds its snapshot of the target stale once it has the lock, and fails cleanly."""
		source = self.lead(company_name="Racefjell A/S", email="post@racefjell.no")
		target = self.lead(company_name="Racefjell AS")
		frappe.db.get_value("XS Lead", source, "name", for_update=True)  # the first merge's lock
		answers = []
		racer = threading.Thread(
			target=lambda: answers.append(
				self.call(
					"POST",
					"xs_leads.api.merge.merge_leads",
					self.manager,
					json={"source": source, "target": target},
				)
			)
		)
		racer.start()
		time.sleep(2)
		lead = frappe.get_doc("XS Lead", target)
		lead.subject = "Endret av en annen"
		lead.save()
		frappe.db.commit()
		racer.join(60)
		answer = answers[0]
		with fresh_transaction():
			after = frappe.db.get_value("XS Lead", target, ["subject", "email"], as_dict=True)
			source_left = frappe.db.exists("XS Lead", source)
		self.assertEqual(after.subject, "Endret av en annen")
		self.assertEqual(answer.status_code, 417, answer.text)
		self.assertIn("changed", answer.text)
		self.assertEqual((after.email or None, bool(source_left)), (None, True))

	def test_duplicate_scan_runs_in_the_background_worker(self):
		first = self.lead(company_name="Skannefjell Rørleggerservice AS")
		second = self.lead(company_name="Skannefjell Rørleggerservice A/S")
		refused = self.call(
			"POST", "xs_leads.api.duplicates.start_duplicate_scan", self.nobody, json={"threshold": 90}
		)
		self.assertEqual(refused.status_code, 403, refused.text)
		started = self.call(
			"POST", "xs_leads.api.duplicates.start_duplicate_scan", self.manager, json={"threshold": 90}
		)
		self.assertEqual(started.status_code, 200, started.text)
		scan = started.json()["message"]["scan"]
		deadline = time.monotonic() + 120
		while time.monotonic() < deadline:
			record = requests.get(
				f"{self.base_url}/api/resource/XS Lead Duplicate Scan/{scan}",
				headers=self.manager,
				timeout=30,
			).json()["data"]
			if record["status"] in ("Completed", "Failed"):
				break
			time.sleep(1)
		self.assertEqual(record["status"], "Completed", record.get("error"))
		pairs = {(int(p["lead"]), int(p["other_lead"])) for p in record["pairs"]}
		self.assertIn((first, second), pairs)
		self.assertEqual(record["pairs_found"], len(record["pairs"]))
