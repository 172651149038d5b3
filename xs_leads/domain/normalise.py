"""Normalisation of the values a lead's fields hold: organisation numbers, phones, websites.

Pure functions taking and returning plain values; the XS Lead controller turns their
`InvalidValue` errors into translated messages naming the field.
"""

import phonenumbers
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.no import orgnr

DEFAULT_PHONE_REGION = "NO"


class InvalidValue(ValueError):
	"""A value that cannot be normalised into a valid one."""


def normalise_organisation_number(value: str | None) -> str:
	"""A Norwegian organisation number as 9 digits ("923 609 016" → "923609016"); "" stays "".

	Raises InvalidValue when it is not 9 digits with a valid MOD11 check digit.
	"""
	value = (value or "").strip()
	if not value:
		return ""
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
