"""The duplicate check on a site: the key index kept on save, candidates among leads, companies
and contact persons, permissions, the warning on save, the backfill, the demo loader, the scan."""

from unittest.mock import patch

import frappe

from xs_leads.api.duplicates import find_duplicates
from xs_leads.demo.generator import generate_leads
from xs_leads.demo.loader import insert_leads
from xs_leads.services import duplicate_index, duplicate_scan, duplicate_search
from xs_leads.testing import IntegrationTestCase, as_user
from xs_leads.xs_leads.doctype.xs_lead.test_xs_lead import make_lead, make_user
from xs_leads.xs_leads.report.xs_lead_duplicates import xs_lead_duplicates

KEY_TABLE = duplicate_index.KEY_TABLE


def keys_of(doctype: str, name) -> set[str]:
	return set(
		frappe.db.sql(
			f"SELECT match_key FROM {duplicate_index.quoted(KEY_TABLE)} "
			"WHERE reference_doctype = %s AND reference_name = %s",
			(doctype, str(name)),
			pluck=True,
		)
	)


def candidates(doctype="XS Lead", name=None, values=None, limit=20) -> list[dict]:
	return find_duplicates(doctype=doctype, name=name, values=values, limit=limit)


def names_of(found: list[dict], doctype: str = "XS Lead") -> list:
	return [c["name"] for c in found if c["doctype"] == doctype]


def make_contact(
	first_name: str, last_name: str, email: str | None = None, phone: str | None = None, **fields
):
	doc = frappe.get_doc({"doctype": "Contact", "first_name": first_name, "last_name": last_name, **fields})
	if email:
		doc.append("email_ids", {"email_id": email, "is_primary": 1})
	if phone:
		doc.append("phone_nos", {"phone": phone, "is_primary_phone": 1})
	return doc.insert()


class TestKeyIndex(IntegrationTestCase):
	def test_keys_follow_the_lead_through_insert_update_and_delete(self):
		lead = make_lead(company_name="Kvitfjell Rørleggerservice AS", organisation_number="923 609 016")
		keys = keys_of("XS Lead", lead.name)
		self.assertIn("org:923609016", keys)
		self.assertIn("name:kvitfjellrorleggerservice", keys)

		lead.company_name = "Svartfjell Snekkeri AS"
		lead.save()
		keys = keys_of("XS Lead", lead.name)
		self.assertIn("name:svartfjellsnekkeri", keys)
		self.assertNotIn("name:kvitfjellrorleggerservice", keys)

		frappe.delete_doc("XS Lead", lead.name)
		self.assertEqual(keys_of("XS Lead", lead.name), set())

	def test_contact_keys_hold_its_emails_and_normalised_phones(self):
		contact = make_contact("Kari", "Kvitfjell", "Kari@Kvitfjell.no", "22 33 44 55")
		keys = keys_of("Contact", contact.name)
		self.assertIn("mail:kari@kvitfjell.no", keys)
		self.assertIn("tel:4722334455", keys)
		self.assertIn("person:karikvitfjell", keys)

	def test_backfill_rebuilds_the_keys_of_records_saved_without_them(self):
		lead = make_lead(company_name="Kvitfjell Rørleggerservice AS")
		duplicate_index.delete_keys("XS Lead", [lead.name])
		self.assertEqual(keys_of("XS Lead", lead.name), set())
		counts = duplicate_index.rebuild_index(["XS Lead"])
		self.assertGreaterEqual(counts["XS Lead"], 1)
		self.assertIn("name:kvitfjellrorleggerservice", keys_of("XS Lead", lead.name))

	def test_companies_and_contacts_of_a_bulk_conversion_are_indexed(self):
		"""The bulk job's fast path inserts them with SQL, past the doc_events."""
		from xs_leads.domain.conversion import parse_options
		from xs_leads.services.fast_conversion import convert_chunk

		lead = make_lead(
			company_name="Bulkfjell Rørleggerservice AS",
			first_name="Kari",
			last_name="Bulkfjell",
			email="kari@bulkfjell.no",
		)
		(converted,), leftover = convert_chunk([lead.name], parse_options({"lead_action": "Keep"}))
		self.assertEqual(leftover, [])
		self.assertIn("name:bulkfjellrorleggerservice", keys_of("XS Company", converted["company"]))
		self.assertIn("mail:kari@bulkfjell.no", keys_of("Contact", converted["contact"]))
		found = {(c["doctype"], c["name"]) for c in candidates(name=lead.name)}
		self.assertIn(("XS Company", converted["company"]), found)
		self.assertIn(("Contact", converted["contact"]), found)

	def test_demo_loader_indexes_the_leads_it_inserts(self):
		planted: list[tuple[int, int]] = []
		rows = list(generate_leads(300, seed=5, planted_duplicates=planted))
		first = frappe.db.get_next_sequence_val("XS Lead") + 1
		insert_leads(iter(rows), len(rows))
		duplicate_index.clear_token_weights()
		duplicate, original = planted[0]
		self.assertTrue(keys_of("XS Lead", first + duplicate))
		found = candidates(name=first + duplicate)
		self.assertIn(first + original, names_of(found), rows[duplicate]["company_name"])


class TestFindDuplicates(IntegrationTestCase):
	def setUp(self):
		duplicate_index.clear_token_weights()

	def test_norwegian_variants_of_a_name_are_found_with_their_similarity(self):
		original = make_lead(company_name="Bjørke & Sønn Rørleggerservice AS")
		variants = [
			make_lead(company_name=name)
			for name in (
				"BJØRKE OG SØNN RØRLEGGERSERVICE A/S",
				"Bjoerke & Soenn Roerleggerservice",
				"Bjørke &  Sønn Rørleggersevrice AS",
				"AS Bjørke og Sønn Rørleggerservice",
			)
		]
		found = candidates(name=original.name)
		self.assertEqual(set(names_of(found)), {v.name for v in variants})
		for candidate in found:
			self.assertGreaterEqual(candidate["score"], 85)
			self.assertTrue(any(r.startswith("name ") for r in candidate["reasons"]), candidate)
		self.assertEqual(set(found[0]), {"doctype", "name", "title", "score", "reasons"})

	def test_the_record_itself_is_never_a_candidate(self):
		lead = make_lead(company_name="Kvitfjell Rørleggerservice AS", organisation_number="923609016")
		self.assertNotIn(lead.name, names_of(candidates(name=lead.name)))

	def test_same_organisation_number_under_another_name(self):
		first = make_lead(company_name="Kvitfjell Rørleggerservice AS", organisation_number="923609016")
		second = make_lead(company_name="Havbruk Vest AS", organisation_number="923 609 016")
		found = candidates(name=first.name)
		match = next(c for c in found if c["name"] == second.name)
		self.assertGreaterEqual(match["score"], 95)
		self.assertIn("same organisation number", match["reasons"])

	def test_email_and_phone_matches(self):
		first = make_lead(company_name="Kvitfjell AS", email="post@kvitfjell.no", phone="22 33 55 03")
		by_email = make_lead(company_name="Helt Annet Navn AS", email="Post@Kvitfjell.no")
		by_phone = make_lead(company_name="Tredje Firma AS", mobile="+47 22335503")
		found = {c["name"]: c for c in candidates(name=first.name)}
		self.assertIn("same e-mail", found[by_email.name]["reasons"])
		self.assertIn("same phone", found[by_phone.name]["reasons"])
		self.assertGreater(found[by_email.name]["score"], found[by_phone.name]["score"])

	def test_unsaved_values_are_checked_before_the_first_save(self):
		lead = make_lead(company_name="Ramfjell Rørleggerservice AS", phone="+4722335501")
		found = candidates(values={"company_name": "Ramfjel Rørleggerservice", "phone": "22 33 55 01"})
		self.assertEqual(names_of(found), [lead.name])
		self.assertEqual(set(found[0]["reasons"]), {"same phone", found[0]["reasons"][1]})

	def test_candidates_from_contacts(self):
		lead = make_lead(
			company_name="Kvitfjell AS", first_name="Kari", last_name="Kvitfjell", email="kari@kvitfjell.no"
		)
		by_email = make_contact("Kari", "Kvitfjell", "kari@kvitfjell.no")
		make_contact("Per", "Hansen", "per@annet.no")
		found = candidates(name=lead.name)
		contact = next(c for c in found if c["doctype"] == "Contact")
		self.assertEqual(contact["name"], by_email.name)
		self.assertEqual(set(contact["reasons"]), {"same e-mail", "same contact person"})
		self.assertEqual(names_of(found, "Contact"), [by_email.name])

	def test_candidates_from_companies_and_checking_a_company(self):
		lead = make_lead(company_name="Kvitfjell Rørleggerservice AS", organisation_number="923609016")
		by_number = frappe.get_doc(
			{
				"doctype": "XS Company",
				"company_name": "Kvitfjell Holding AS",
				"organisation_number": "923609016",
			}
		).insert()
		by_name = frappe.get_doc(
			{"doctype": "XS Company", "company_name": "KVITFJELL RØRLEGGERSERVICE"}
		).insert()
		found = {c["name"]: c for c in candidates(name=lead.name) if c["doctype"] == "XS Company"}
		self.assertIn("same organisation number", found[by_number.name]["reasons"])
		self.assertIn("name 100% similar", found[by_name.name]["reasons"])
		self.assertIn("org:923609016", keys_of("XS Company", by_number.name))
		of_company = candidates(doctype="XS Company", name=by_name.name)
		self.assertIn(lead.name, names_of(of_company))
		self.assertNotIn(by_name.name, names_of(of_company, "XS Company"))

	def test_a_generic_name_does_not_flood_the_list(self):
		builders = ["Bergen", "Oslo", "Molde", "Voss", "Odda", "Bodø", "Hamar", "Skien", "Moss", "Alta"]
		for place in builders:
			make_lead(company_name=f"{place} Bygg AS")
			make_lead(company_name=f"Bygg {place} AS")
		make_lead(company_name="Bygg og Anlegg AS")
		query = make_lead(company_name="Bygg AS")
		real = make_lead(company_name="Bygg A/S")
		duplicate_index.clear_token_weights()
		self.assertEqual(names_of(candidates(name=query.name)), [real.name])

	def test_the_informative_shared_word_ranks_first(self):
		query = make_lead(company_name="Rypefjell Bygg Service AS")
		generic = [make_lead(company_name=f"{place} Bygg Service AS") for place in ("Oslo", "Molde", "Voss")]
		rypefjell = make_lead(company_name="Rypefjell Bygg AS")
		typo = make_lead(company_name="Rypefjel Bygg Service A/S")
		ranked = [m.name for m in duplicate_search.find_duplicates("XS Lead", query.name, min_score=0)]
		self.assertEqual(ranked[0], str(typo.name))
		self.assertLess(
			ranked.index(str(rypefjell.name)),
			min(ranked.index(str(g.name)) for g in generic if str(g.name) in ranked),
			"sharing the rare word outweighs sharing the two generic ones",
		)
		self.assertEqual(names_of(candidates(name=query.name))[0], typo.name)

	def test_limit(self):
		lead = make_lead(company_name="Kvitfjell AS", phone="+4722335502")
		for i in range(4):
			make_lead(company_name=f"Firma {i} AS", phone="+4722335502")
		self.assertEqual(len(candidates(name=lead.name, limit=2)), 2)

	def test_bad_input_is_refused_with_a_message(self):
		with self.assertRaisesRegex(frappe.ValidationError, "not available"):
			candidates(doctype="ToDo", name="x")
		with self.assertRaisesRegex(frappe.ValidationError, "name of a record or the values"):
			candidates()
		with self.assertRaises(frappe.DoesNotExistError):
			candidates(name=987654321)


class TestPermissions(IntegrationTestCase):
	def test_user_without_lead_access_is_refused(self):
		lead = make_lead(company_name="Kvitfjell AS")
		user = make_user("xs.dup.nobody@example.com")
		with as_user(user), self.assertRaises(frappe.PermissionError):
			candidates(name=lead.name)
		with as_user(user), self.assertRaises(frappe.PermissionError):
			candidates(values={"company_name": "Kvitfjell AS"})

	def test_candidates_the_user_may_not_read_are_left_out(self):
		lead = make_lead(company_name="Kvitfjell AS", email="kari@kvitfjell.no")
		contact = make_contact("Kari", "Kvitfjell", "kari@kvitfjell.no")
		allowed = make_contact("Per", "Annen", "per@annen.no")
		self.assertEqual(names_of(candidates(name=lead.name), "Contact"), [contact.name])
		user = make_user("xs.dup.sales@example.com", "XS Sales User")
		frappe.get_doc(
			{"doctype": "User Permission", "user": user, "allow": "Contact", "for_value": allowed.name}
		).insert()  # the user may read this one contact only
		with as_user(user):
			self.assertFalse(frappe.has_permission("Contact", "read", doc=contact.name))
			found = candidates(name=lead.name)
		self.assertEqual(names_of(found, "Contact"), [])


class TestNoWarningOutsideRequests(IntegrationTestCase):
	def test_a_script_inserting_leads_pays_no_duplicate_check(self):
		"""The warning is for people saving in the Desk or over REST (see test_duplicates_rest)."""
		make_lead(company_name="Kvitfjell Rørleggerservice AS")
		frappe.clear_messages()
		with patch("xs_leads.services.duplicate_search.find_duplicates") as find:
			duplicate = make_lead(company_name="Kvitfjell Rørleggerservice A/S")
		find.assert_not_called()
		self.assertTrue(frappe.db.exists("XS Lead", duplicate.name))
		self.assertFalse([m for m in frappe.local.message_log if m.get("title") == "Possible Duplicate"])


class TestScan(IntegrationTestCase):
	def setUp(self):
		self.planted: list[tuple[int, int]] = []
		rows = list(generate_leads(400, seed=9, planted_duplicates=self.planted))
		self.first = frappe.db.get_next_sequence_val("XS Lead") + 1
		insert_leads(iter(rows), len(rows))
		duplicate_index.clear_token_weights()

	def planted_pairs(self) -> set[tuple[int, int]]:
		return {tuple(sorted((self.first + a, self.first + b))) for a, b in self.planted}

	def test_report_lists_the_planted_duplicates_of_a_small_base(self):
		_columns, data, _message = xs_lead_duplicates.execute({"threshold": 85})
		found = {tuple(sorted((row["lead"], row["other_lead"]))) for row in data}
		self.assertGreaterEqual(len(found & self.planted_pairs()), 0.9 * len(self.planted_pairs()))
		self.assertTrue(all(row["score"] >= 85 and row["reasons"] for row in data))
		self.assertEqual([row["score"] for row in data], sorted((row["score"] for row in data), reverse=True))

	def test_higher_threshold_lists_fewer_pairs(self):
		low = xs_lead_duplicates.execute({"threshold": 70})[1]
		high = xs_lead_duplicates.execute({"threshold": 95})[1]
		self.assertLess(len(high), len(low))

	def test_threshold_outside_the_range_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "between"):
			xs_lead_duplicates.execute({"threshold": 20})

	def test_background_scan_stores_its_pairs_for_the_report(self):
		scan = frappe.get_doc({"doctype": duplicate_scan.SCAN_DOCTYPE, "threshold": 85}).insert()
		self.addCleanup(self.remove_committed, scan.name)
		duplicate_scan.run_scan(scan.name)  # what the worker runs (it commits)
		scan.reload()
		self.assertEqual(scan.status, "Completed")
		self.assertGreaterEqual(scan.leads_scanned, 400)
		self.assertEqual(scan.pairs_found, len(scan.pairs))
		_columns, data, message = xs_lead_duplicates.execute({"threshold": 85, "scan": scan.name})
		self.assertEqual(len(data), scan.pairs_found)
		self.assertIn(str(scan.name), message)
		self.assertTrue(self.planted_pairs() & {tuple(sorted((r["lead"], r["other_lead"]))) for r in data})
		inline = xs_lead_duplicates.execute({"threshold": 85})[1]
		self.assertEqual(
			{(r["lead"], r["other_lead"], r["score"]) for r in data},
			{(r["lead"], r["other_lead"], r["score"]) for r in inline},
		)

	def remove_committed(self, scan):
		"""run_scan commits the test's leads with the scan: remove them."""
		frappe.db.rollback()
		names = list(range(self.first, self.first + 400))
		frappe.db.delete("XS Lead", {"name": ("in", names)})
		duplicate_index.delete_keys("XS Lead", names)
		frappe.delete_doc(duplicate_scan.SCAN_DOCTYPE, scan, force=True)
		frappe.db.commit()
