"""Values as Norwegian and international spreadsheets write them, read and written.

Numbers: "1 234 567,50", "1.234.567,50", "1234567.5", "1,234,567.50", a (narrow) non-breaking
space as thousands separator. With one kind of separator only, a single comma or dot is the
decimal mark ("1,5" and "1.5" are both one and a half) and repeated ones group thousands.
Dates: dd.mm.yyyy, dd.mm.yy (00–69 → 2000s, 70–99 → 1900s) and ISO; date-times add HH:MM[:SS].
Checks: Ja/Nei, Yes/No, 1/0, x or blank.

The writers give the forms the readers read back exactly: decimal comma without grouping, dd.mm.yyyy.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from xs_leads.domain.normalise import InvalidValue

_THOUSANDS_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009'")
_NUMBER = re.compile(r"[+-]?[0-9.,]+")
_GROUPED = {".": re.compile(r"[0-9]{1,3}(\.[0-9]{3})+"), ",": re.compile(r"[0-9]{1,3}(,[0-9]{3})+")}
_SPACE_GROUPED = re.compile(r"[+-]?[0-9]{1,3}([ \u00a0\u202f\u2009'][0-9]{3})+([.,][0-9]*)?")

_NORWEGIAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d{1,6}))?)?")

TRUE_WORDS = frozenset({"ja", "j", "yes", "y", "1", "x", "true", "sann"})
FALSE_WORDS = frozenset({"nei", "n", "no", "0", "", "false", "usann"})
TWO_DIGIT_YEAR_PIVOT = 70


def parse_number(text: str) -> float:
	"""A number written in Norwegian or international form; raises InvalidValue otherwise."""
	return float(parse_decimal(text))


def parse_decimal(text: str) -> Decimal:
	raw = text.strip()
	if not raw:
		raise InvalidValue(text)
	if any(c in raw for c in " \u00a0\u202f\u2009'") and not _SPACE_GROUPED.fullmatch(raw):
		raise InvalidValue(text)  # spaces may only group thousands: "12 34" is not a number
	value = raw.translate(_THOUSANDS_SPACES)
	if not _NUMBER.fullmatch(value):
		raise InvalidValue(text)
	sign = ""
	if value[0] in "+-":
		sign, value = value[0].replace("+", ""), value[1:]
	decimal_mark = _decimal_mark(value)
	if decimal_mark:
		whole, _, fraction = value.rpartition(decimal_mark)
	else:
		whole, fraction = value, ""
	grouping = {".", ","} - {decimal_mark}
	for mark in grouping:
		if mark in whole:
			if not _GROUPED[mark].fullmatch(whole):
				raise InvalidValue(text)
			whole = whole.replace(mark, "")
	if not (whole or fraction) or not (whole + fraction).isdigit():
		raise InvalidValue(text)
	try:
		return Decimal(f"{sign}{whole or '0'}.{fraction or '0'}")
	except InvalidOperation:
		raise InvalidValue(text)


def _decimal_mark(value: str) -> str | None:
	if "," in value and "." in value:
		return "," if value.rfind(",") > value.rfind(".") else "."
	for mark in (",", "."):
		if mark in value:
			return mark if value.count(mark) == 1 else None
	return None


def parse_int(text: str) -> int:
	"""A whole number ("1 200", "1.200" with grouping, "12,0"); raises InvalidValue for fractions."""
	value = parse_decimal(text)
	if value != value.to_integral_value():
		raise InvalidValue(text)
	return int(value)


def parse_date(text: str) -> datetime.date:
	value = text.strip()
	match = _NORWEGIAN_DATE.fullmatch(value)
	try:
		if match:
			day, month, year = (int(g) for g in match.groups())
			if len(match.group(3)) == 2:
				year += 2000 if year < TWO_DIGIT_YEAR_PIVOT else 1900
			return datetime.date(year, month, day)
		match = _ISO_DATE.fullmatch(value)
		if match:
			return datetime.date(*(int(g) for g in match.groups()))
	except ValueError:
		pass
	raise InvalidValue(text)


def parse_datetime(text: str) -> datetime.datetime:
	"""A date-time ("31.12.2025 14:30", "2025-12-31T14:30:05"); a date alone is midnight."""
	value = text.strip()
	date_part, _, time_part = value.replace("T", " ", 1).partition(" ")
	date = parse_date(date_part)
	time_part = time_part.strip()
	if not time_part:
		return datetime.datetime.combine(date, datetime.time())
	match = _TIME.fullmatch(time_part)
	if not match:
		raise InvalidValue(text)
	hour, minute, second, fraction = match.groups()
	try:
		return datetime.datetime.combine(
			date,
			datetime.time(int(hour), int(minute), int(second or 0), int((fraction or "0").ljust(6, "0"))),
		)
	except ValueError:
		raise InvalidValue(text)


def parse_check(text: str) -> int:
	word = text.strip().casefold()
	if word in TRUE_WORDS:
		return 1
	if word in FALSE_WORDS:
		return 0
	raise InvalidValue(text)


def format_number(value, decimals: int | None = None) -> str:
	"""Decimal comma, no grouping ("2670791,5"): what Norwegian Excel reads as a number."""
	if value is None or value == "":
		return ""
	if decimals == 0 or (isinstance(value, int) and not isinstance(value, bool)):
		return str(round(value))
	text = format(Decimal(str(value)).normalize(), "f")
	if "." in text:
		text = text.rstrip("0").rstrip(".")
	return text.replace(".", ",")


def format_date(value: datetime.date | None) -> str:
	return value.strftime("%d.%m.%Y") if value else ""


def format_datetime(value: datetime.datetime | None) -> str:
	if not value:
		return ""
	text = value.strftime("%d.%m.%Y %H:%M:%S")
	return f"{text}.{value.microsecond:06d}".rstrip("0") if value.microsecond else text


def parse_time(text: str) -> datetime.time:
	match = _TIME.fullmatch(text.strip())
	if not match:
		raise InvalidValue(text)
	hour, minute, second, fraction = match.groups()
	try:
		return datetime.time(int(hour), int(minute), int(second or 0), int((fraction or "0").ljust(6, "0")))
	except ValueError:
		raise InvalidValue(text)


def format_time(value) -> str:
	if value is None or value == "":
		return ""
	if isinstance(value, datetime.timedelta):  # MariaDB returns TIME columns as durations
		seconds = int(value.total_seconds())
		return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
	return value.strftime("%H:%M:%S")
