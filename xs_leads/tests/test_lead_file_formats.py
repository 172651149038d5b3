"""Reading and writing lead files without a database: encodings, rows, values, headers, vCards."""

import codecs
import datetime
import unittest

import vobject

from xs_leads.domain import semicolon_csv, values
from xs_leads.domain.file_columns import header_key, keys_for, match_header
from xs_leads.domain.normalise import InvalidValue, normalise_phone
from xs_leads.domain.vcard import lead_vcard, leads_vcards

NORWEGIAN_TEXT = "Navn;Notat\nÆrlig Øl & Å AS;«Blåbær» – 5 €\n"


class TestDecoding(unittest.TestCase):
	def test_each_encoding_is_recognised_with_norwegian_letters(self):
		cases = {
			"UTF-8": NORWEGIAN_TEXT.encode("utf-8"),
			"UTF-8 with BOM": codecs.BOM_UTF8 + NORWEGIAN_TEXT.encode("utf-8"),
			"Windows-1252": NORWEGIAN_TEXT.encode("cp1252"),
		}
		for name, data in cases.items():
			with self.subTest(name):
				text, _encoding = semicolon_csv.decode(data)
				self.assertEqual(text, NORWEGIAN_TEXT)
		self.assertEqual(semicolon_csv.decode(cases["Windows-1252"])[1], semicolon_csv.WINDOWS_1252)

	def test_iso_8859_1_without_windows_only_characters(self):
		text = "Navn\nSjøfart på Ålesund AS\n"
		decoded, encoding = semicolon_csv.decode(text.encode("latin-1"))
		self.assertEqual(decoded, text)
		self.assertEqual(encoding, semicolon_csv.ISO_8859_1)

	def test_bom_is_not_part_of_the_first_header(self):
		text, encoding = semicolon_csv.decode(codecs.BOM_UTF8 + b"Navn;E-post\n")
		self.assertEqual(text, "Navn;E-post\n")
		self.assertEqual(encoding, semicolon_csv.UTF_8)


class TestRows(unittest.TestCase):
	def test_crlf_lf_quotes_and_line_breaks_with_line_numbers(self):
		text = 'Navn;Notat\r\n"Fisk; og Vilt AS";"Sa ""hei""\r\nneste linje"\r\n\r\n;;\nBygg AS;ok\n'
		rows = list(semicolon_csv.read_rows(text))
		self.assertEqual(
			rows,
			[
				(1, ["Navn", "Notat"]),
				(2, ["Fisk; og Vilt AS", 'Sa "hei"\r\nneste linje']),
				(6, ["Bygg AS", "ok"]),
			],
		)

	def test_unterminated_quote_names_its_line(self):
		with self.assertRaises(semicolon_csv.UnreadableFile) as caught:
			list(semicolon_csv.read_rows('Navn\nA\n"B;\n'))
		self.assertEqual(caught.exception.line, 3)

	def test_written_text_has_bom_semicolons_and_crlf(self):
		text = semicolon_csv.to_text([["Navn", "Notat"], ["A;B", 'si "ja"']])
		self.assertEqual(text, '\ufeffNavn;Notat\r\n"A;B";"si ""ja"""\r\n')


class TestFormulaInjection(unittest.TestCase):
	def test_formula_cells_are_neutralised_and_restored(self):
		for value in ('=HYPERLINK("http://x")', "+4722334455", "-2+3", "@SUM(A1)", "\tx", "\rx"):
			with self.subTest(value=value):
				neutral = semicolon_csv.neutralise_formula(value)
				self.assertEqual(neutral, "'" + value)
				self.assertEqual(semicolon_csv.restore_formula(neutral), value)

	def test_ordinary_text_is_untouched(self):
		for value in ("Fisk AS", "'sitat'", "", "'"):
			self.assertEqual(semicolon_csv.neutralise_formula(value), value)
			self.assertEqual(semicolon_csv.restore_formula(value), value)


class TestValues(unittest.TestCase):
	def test_numbers_in_norwegian_and_international_forms(self):
		for text in (
			"1 234 567,50",
			"1.234.567,50",
			"1234567.5",
			"1\u00a0234\u00a0567,5",
			"1,234,567.50",
			"1234567,5",
		):
			with self.subTest(text=text):
				self.assertEqual(values.parse_number(text), 1234567.5)
		self.assertEqual(values.parse_number("-12,5"), -12.5)
		self.assertEqual(values.parse_number("1.5"), 1.5)
		self.assertEqual(values.parse_int("1 200"), 1200)

	def test_malformed_numbers_are_refused(self):
		for text in ("abc", "1,2,3", "12 34", "1.23.4", "", "1,5 kr", "1.234,5,6"):
			with self.subTest(text=text), self.assertRaises(InvalidValue):
				values.parse_number(text)
		with self.assertRaises(InvalidValue):
			values.parse_int("2,5")

	def test_dates(self):
		expected = datetime.date(2025, 3, 9)
		for text in ("09.03.2025", "9.3.2025", "09.03.25", "2025-03-09"):
			with self.subTest(text=text):
				self.assertEqual(values.parse_date(text), expected)
		self.assertEqual(values.parse_date("01.01.85"), datetime.date(1985, 1, 1))
		for text in ("31.02.2025", "2025/03/09", "9 mars"):
			with self.subTest(text=text), self.assertRaises(InvalidValue):
				values.parse_date(text)

	def test_date_times(self):
		self.assertEqual(values.parse_datetime("09.03.2025 14:30"), datetime.datetime(2025, 3, 9, 14, 30))
		self.assertEqual(
			values.parse_datetime("2025-03-09T14:30:05.25"), datetime.datetime(2025, 3, 9, 14, 30, 5, 250000)
		)
		self.assertEqual(values.parse_datetime("09.03.2025"), datetime.datetime(2025, 3, 9))

	def test_checks(self):
		for text in ("Ja", "yes", "1", "x", "X", "TRUE"):
			self.assertEqual(values.parse_check(text), 1, text)
		for text in ("Nei", "no", "0", "", " "):
			self.assertEqual(values.parse_check(text), 0, text)
		with self.assertRaises(InvalidValue):
			values.parse_check("kanskje")

	def test_written_values_read_back_exactly(self):
		for number in (2670791.5, 0.1, 12.0, 1e-05, 123456789012.25):
			self.assertEqual(values.parse_number(values.format_number(number)), number)
		self.assertEqual(values.format_number(2670791.5), "2670791,5")
		moment = datetime.datetime(2025, 3, 9, 14, 30, 5, 120000)
		self.assertEqual(values.parse_datetime(values.format_datetime(moment)), moment)
		self.assertEqual(values.format_date(datetime.date(2025, 3, 9)), "09.03.2025")


class TestHeaders(unittest.TestCase):
	def test_labels_in_any_language_and_case_or_fieldname_in_any_order(self):
		keys = keys_for({"company_name": ["Name", "Navn"], "email": ["E-mail", "E-post"]})
		fieldnames, unknown, repeated = match_header(["E-POST", " navn ", "company_name", "Region"], keys)
		self.assertEqual(fieldnames, ["email", "company_name", None, None])
		self.assertEqual(unknown, [(3, "Region")])
		self.assertEqual(repeated, [(2, "company_name")])
		self.assertEqual(header_key("\ufeff Navn *"), "navn")


class TestNorwegianPhoneShortcuts(unittest.TestCase):
	"""normalise_phone skips phonenumbers' parse for "+47" + 8 digits and for 8 national digits."""

	@staticmethod
	def fully_parsed(value: str) -> str:
		import phonenumbers

		try:
			parsed = phonenumbers.parse(value, "NO")
		except phonenumbers.NumberParseException:
			return value
		if not phonenumbers.is_valid_number(parsed):
			return value
		return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)

	def test_shortcuts_agree_with_full_parsing(self):
		import random

		rnd = random.Random(7)
		samples = [
			"+4722334455",
			"+4791234567",
			"+4701234567",
			"+4779123456",
			"22 33 44 55",
			"912 34 567",
			"12345678",
		]
		for _ in range(3000):
			digits = "".join(rnd.choice("0123456789") for _ in range(8))
			samples += ["+47" + digits, digits, " ".join([digits[:2], digits[2:4], digits[4:6], digits[6:]])]
			samples.append(f"{digits[:3]} {digits[3:5]} {digits[5:]}")
		for value in samples:
			self.assertEqual(normalise_phone(value), self.fully_parsed(value), value)


class TestVCard(unittest.TestCase):
	def test_card_parses_back_with_escaped_text(self):
		lead = {
			"company_name": "Fisk; og, Vilt\\ AS",
			"first_name": "Åse",
			"last_name": "Øye",
			"job_title": "Daglig leder",
			"email": "ase@fisk.no",
			"phone": "+4722334455",
			"direct_phone": "+4722334400",
			"mobile": "+4791234567",
			"fax": "+4722334456",
			"website": "https://fisk.no",
			"note": "Linje 1\nLinje 2; med, tegn",
			"organisation_number": "923609016",
		}
		card = vobject.readOne(lead_vcard(lead))
		self.assertEqual(card.n.value.family, "Øye")
		self.assertEqual(card.n.value.given, "Åse")
		self.assertEqual(card.fn.value, "Åse Øye")
		self.assertEqual(card.org.value, ["Fisk; og, Vilt\\ AS"])
		self.assertEqual(card.title.value, "Daglig leder")
		self.assertEqual(card.email.value, "ase@fisk.no")
		self.assertEqual(card.url.value, "https://fisk.no")
		self.assertEqual(card.note.value, "Linje 1\nLinje 2; med, tegn")
		self.assertEqual(card.contents["x-organisation-number"][0].value, "923609016")
		phones = {tel.value: tel.params["TYPE"] for tel in card.tel_list}
		self.assertIn("CELL", phones["+4791234567"])
		self.assertIn("FAX", phones["+4722334456"])
		self.assertIn("WORK", phones["+4722334455"])

	def test_company_without_person_and_several_cards(self):
		text = leads_vcards([{"company_name": "Bygg AS"}, {"company_name": "Rør AS", "first_name": "Per"}])
		cards = list(vobject.readComponents(text))
		self.assertEqual([c.fn.value for c in cards], ["Bygg AS", "Per"])
		self.assertEqual(cards[0].org.value, ["Bygg AS"])


if __name__ == "__main__":
	unittest.main()
