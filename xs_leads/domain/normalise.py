"""Normalisation of the values a lead's fields hold: organisation numbers, phones, websites.

Pure functions taking and returning plain values; the XS Lead controller turns their
`InvalidValue` errors into translated messages naming the field.
"""

import re

import phonenumbers
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.no import orgnr

DEFAULT_PHONE_REGION = "NO"
# "+47" and eight digits is already what `normalise_phone` returns for it, valid or not: Norway and
# Svalbard (which share +47) have no national prefix for parsing to strip, so the E.164 form of a
# valid number is the text itself, and an invalid one is kept as typed. Skipping the parse saves
# ~25 µs a number (a bulk import of exported leads holds hundreds of thousands).
_NORWEGIAN_E164 = re.compile(r"\+47[0-9]{8}")
# Eight digits (spaces allowed) not starting with 0, as typed in Norway: what `phonenumbers.parse`
# makes of it with region NO is exactly PhoneNumber(47, <the digits>) (no country code, no national
# prefix to strip, no leading zero), so the parse is skipped and only the validity check is run.
_NORWEGIAN_NATIONAL = re.compile(r"[1-9][0-9 ]{7,20}")


class InvalidValue(ValueError):
	"""A value that cannot be normalised into a valid one."""


def normalise_organisation_number(value: str | None) -> str:
	"""A Norwegian organisation number as 9 digits ("923 609 016" → "923609016"); "" stays "".

	Raises InvalidValue when it is not 9 digits with a valid MOD11 check digit.
	"""
	value = (value or "").strip()
	if not value:
		return ""
	if len(value) == 9 and value.isascii() and value.isdigit() and orgnr.checksum(value) == 0:
		return value  # what `validate` returns for it, without its regex clean-up (bulk imports)
	try:
		return orgnr.validate(value)
	except StdnumValidationError as e:
		raise InvalidValue(str(e)) from e


def normalise_phone(value: str | None, region: str = DEFAULT_PHONE_REGION) -> str:
	"""A phone number in international form ("22 33 44 55" → "+4722334455", E.164).

	Numbers that do not parse as valid are kept as typed (trimmed): a call list must never
	lose a number because it is written in an unexpected way.
	"""
	value = (value or "").strip()
	if not value:
		return ""
	if region == DEFAULT_PHONE_REGION:
		if _NORWEGIAN_E164.fullmatch(value):
			return value
		if _NORWEGIAN_NATIONAL.fullmatch(value):
			digits = value.replace(" ", "")
			if len(digits) == 8:
				number = phonenumbers.PhoneNumber(country_code=47, national_number=int(digits))
				return "+47" + digits if phonenumbers.is_valid_number(number) else value
	try:
		parsed = phonenumbers.parse(value, region)
	except phonenumbers.NumberParseException:
		return value
	if not phonenumbers.is_valid_number(parsed):
		return value
	return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def normalise_website(value: str | None) -> str:
	"""A website as a URL: "www.example.no" → "https://www.example.no"; "" stays "".

	Raises InvalidValue for text that cannot be a web address (spaces, no dot in the host).
	"""
	value = (value or "").strip()
	if not value:
		return ""
	if "://" not in value:
		value = "https://" + value
	scheme, _, rest = value.partition("://")
	host = rest.split("/", 1)[0]
	if scheme.lower() not in ("http", "https") or " " in value or "." not in host.strip("."):
		raise InvalidValue(value)
	return f"{scheme.lower()}://{rest}"
