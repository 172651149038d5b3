"""What "free text" means in lead search: normalising, splitting into words, and matching.

Text is compared in a normal form: case folded (Æ→æ, Ø→ø, Å→å too), with accents dropped (é→e, ü→u)
except on the Norwegian letters æ, ø and å, which stay letters of their own ("Bø" is not "Bo"); the
Swedish/German ö and ä count as ø and æ, as in Norwegian sorting. A text splits into words at anything
that is not a letter or a digit.

A query matches a field when each of its words occurs inside one of the field's words, in any order
("fisk" finds "Nordfisk AS", "olsen kari" finds Kari Olsen). E-mail addresses match by the start of one
of their words ("kari" finds "kari.olsen@nordfisk.no"), phone numbers and organisation numbers by their
leading digits, with or without the country code ("912 34", "+47 912 34" and "004791234" all find
+4791234567).

The search index (xs_leads.lead_search.index) stores the words this module produces and answers
exactly these rules; `lead_matches_text` states them over a plain row, for checking rows one by one.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping

# words longer than this are cut for the index; queries are cut the same way
MAX_WORD_LENGTH = 60
# digits a phone-like query needs before it is looked up as a number (fewer would match most numbers)
MIN_NUMBER_DIGITS = 3

_KEPT = frozenset("æøå")
_NORDIC = {"ö": "ø", "ä": "æ", "œ": "ø"}
_WORD = re.compile(r"[^\W_]+")
_PHONE_LIKE = re.compile(r"[\d\s+\-().\/]+")
_NOT_DIGIT = re.compile(r"\D")


def _fold_character(ch: str) -> str:
	if ch in _KEPT:
		return ch
	if ch in _NORDIC:
		return _NORDIC[ch]
	decomposed = unicodedata.normalize("NFKD", ch)
	return "".join(c for c in decomposed if not unicodedata.combining(c)) or ch


# casefolded Latin letters with diacritics (U+00C0–U+024F) and their folded forms, built once
_FOLD_TABLE = {
	ord(ch): folded
	for ch in (chr(code).casefold() for code in range(0xC0, 0x250))
	if len(ch) == 1 and (folded := _fold_character(ch)) != ch
}


def normalise_text(value: str | None) -> str:
	"""`value` in the form that search compares: case folded, accents dropped except on æ, ø, å."""
	if not value:
		return ""
	if value.isascii():
		return value.lower()
	if not unicodedata.is_normalized("NFC", value):
		value = unicodedata.normalize("NFC", value)
	folded = value.casefold().translate(_FOLD_TABLE)
	if folded.isascii():
		return folded
	# letters outside the table (rare): fold each one the slow way
	return "".join(_fold_character(ch) if ord(ch) > 0x24F else ch for ch in folded)


def words(value: str | None) -> list[str]:
	"""The normalised words of a text, in order, each cut to MAX_WORD_LENGTH."""
	return [w[:MAX_WORD_LENGTH] for w in _WORD.findall(normalise_text(value))]


def query_words(query: str | None) -> list[str]:
	"""The distinct words of a search query, in order."""
	return list(dict.fromkeys(words(query)))


def number_query(query: str | None) -> str | None:
	"""The digits of a query that looks like a phone or organisation number ("+47 912 34 567"), else None.

	A leading international call prefix "00" is dropped, so "0047 912..." and "+47 912..." agree.
	"""
	query = (query or "").strip()
	if not query or not _PHONE_LIKE.fullmatch(query):
		return None
	digits = _NOT_DIGIT.sub("", query)
	if digits.startswith("00"):
		digits = digits[2:]
	return digits if len(digits) >= MIN_NUMBER_DIGITS else None


def phone_prefixes(digits: str) -> tuple[str, ...]:
	"""How a number query starts the stored (E.164) phone numbers: national digits, or with country code."""
	return (f"+47{digits}", f"+{digits}")


# --- Matching, as the index answers it -------------------------------------------------------------------


def word_contains(term: str, field_words: Iterable[str]) -> bool:
	return any(term in w for w in field_words)


def word_starts(term: str, field_words: Iterable[str]) -> bool:
	return any(w.startswith(term) for w in field_words)


def all_words_occur(query: str | None, field_words: Iterable[str]) -> bool:
	"""True when every word of `query` occurs inside a word of the field (an empty query matches)."""
	field_words = list(field_words)
	return all(word_contains(term, field_words) for term in query_words(query))


def number_matches(digits: str, phones: Iterable[str | None], organisation_number: str | None) -> bool:
	if (organisation_number or "").startswith(digits):
		return True
	prefixes = phone_prefixes(digits)
	return any((phone or "").startswith(prefixes) for phone in phones)


PHONE_FIELDS = ("phone", "direct_phone", "mobile")


def lead_matches_text(query: str | None, lead: Mapping) -> bool:
	"""Whether the `text` criterion finds `lead` (a mapping of XS Lead field values).

	A number-like query finds leads whose phone or organisation number starts with it. Otherwise, and
	also for number-like queries, each word of the query must occur in the company name or the contact
	person's name, or start a word of the e-mail address (or, if all digits, start a phone number).
	"""
	digits = number_query(query)
	phones = [lead.get(f) for f in PHONE_FIELDS]
	if digits and number_matches(digits, phones, lead.get("organisation_number")):
		return True
	name_words = words(lead.get("company_name")) + person_words(lead)
	email_words = words(lead.get("email"))
	for term in query_words(query):
		if word_contains(term, name_words) or word_starts(term, email_words):
			continue
		if term.isdigit() and len(term) >= MIN_NUMBER_DIGITS:
			if number_matches(term, phones, lead.get("organisation_number")):
				continue
		return False
	return True


def person_words(lead: Mapping) -> list[str]:
	return words(lead.get("first_name")) + words(lead.get("last_name"))


# --- Fields of the search index --------------------------------------------------------------------------

# field codes of the search index (stored in its rows: do not renumber)
COMPANY, PERSON, SUBJECT, NOTE, EMAIL = 1, 2, 3, 4, 5
INDEXED_FIELDS = {
	COMPANY: ("company_name",),
	PERSON: ("first_name", "last_name"),
	SUBJECT: ("subject",),
	NOTE: ("note",),
	EMAIL: ("email",),
}
# how a field's words are looked up: by any part (substring) or, for e-mail words, by their start
SUBSTRING_WORDS, PREFIX_WORDS = 0, 1
