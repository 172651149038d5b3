"""Lead search criteria: the keys a search accepts, their values, and how they are checked.

`parse_criteria(raw, select_options)` turns a criteria dict (as sent by the Desk's Search dialog or a
REST client) into a `Criteria`, or raises `InvalidCriterion` naming the key and what is wrong with it.
Every key is optional; empty values (None, "", []) mean "not searched for". Frappe-free: the caller
passes the Select fields' options and turns the exception into a translated message.
"""

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

EQUAL_KEYS = ("contact_status", "classification", "responsible", "industry")
TEXT_KEYS = ("company_name", "contact_person", "subject", "note", "text")
NUMBER_KEYS = ("employees", "annual_revenue")
FLAG_KEYS = ("mine", "active")
KEYS = EQUAL_KEYS + TEXT_KEYS + NUMBER_KEYS + FLAG_KEYS
OPERATORS = (">", "<", "=", "!=")
MAX_TEXT_LENGTH = 200

_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_SPACES = re.compile(r"[\s\u00a0\u202f]")
_TRUE = (True, 1, "1", "true", "True", "yes")
_FALSE = (False, 0, "0", "false", "False", "no")


class InvalidCriterion(ValueError):
	"""A criterion the search cannot use. `problem` is one of PROBLEMS; `key` and `value` say where."""

	PROBLEMS = (
		"not_a_mapping",
		"unknown_key",
		"unknown_option",
		"not_a_text",
		"text_too_long",
		"not_a_pair",
		"unknown_operator",
		"not_a_number",
		"not_a_flag",
	)

	def __init__(self, problem: str, key: str | None = None, value=None):
		assert problem in self.PROBLEMS, problem
		super().__init__(f"{problem}: {key}={value!r}")
		self.problem, self.key, self.value = problem, key, value


@dataclass(frozen=True)
class Criteria:
	equal: dict[str, str] = field(default_factory=dict)  # field -> value
	numbers: dict[str, tuple[str, float]] = field(default_factory=dict)  # field -> (operator, value)
	texts: dict[str, str] = field(default_factory=dict)  # criterion key -> query
	mine: bool = False
	active: bool = False

	def is_empty(self) -> bool:
		return not (self.equal or self.numbers or self.texts or self.mine or self.active)


def _is_empty(value) -> bool:
	return value is None or (isinstance(value, str) and not value.strip()) or value == []


def parse_number(key: str, value) -> float:
	if isinstance(value, bool):
		raise InvalidCriterion("not_a_number", key, value)
	if isinstance(value, int | float):
		number = float(value)
	elif isinstance(value, str) and _NUMBER.fullmatch(_SPACES.sub("", value)):
		number = float(_SPACES.sub("", value).replace(",", "."))
	else:
		raise InvalidCriterion("not_a_number", key, value)
	if not math.isfinite(number):
		raise InvalidCriterion("not_a_number", key, value)
	return number


def parse_flag(key: str, value) -> bool:
	if value in _TRUE and not isinstance(value, float):
		return True
	if value in _FALSE and not isinstance(value, float):
		return False
	raise InvalidCriterion("not_a_flag", key, value)


def parse_criteria(raw, select_options: Mapping[str, Sequence[str]]) -> Criteria:
	"""A `Criteria` from a dict of criteria; raises InvalidCriterion on the first bad key or value."""
	if raw is None:
		raw = {}
	if not isinstance(raw, Mapping):
		raise InvalidCriterion("not_a_mapping", None, raw)
	equal, numbers, texts, flags = {}, {}, {}, {}
	for key, value in raw.items():
		if key not in KEYS:
			raise InvalidCriterion("unknown_key", key, value)
		if key in FLAG_KEYS:
			flags[key] = False if value is None else parse_flag(key, value)
		elif _is_empty(value):
			continue
		elif key in EQUAL_KEYS:
			if not isinstance(value, str):
				raise InvalidCriterion("not_a_text", key, value)
			value = value.strip()
			if key in select_options and value not in select_options[key]:
				raise InvalidCriterion("unknown_option", key, value)
			equal[key] = value
		elif key in TEXT_KEYS:
			if isinstance(value, int | float) and not isinstance(value, bool):
				value = str(value)
			if not isinstance(value, str):
				raise InvalidCriterion("not_a_text", key, value)
			if len(value) > MAX_TEXT_LENGTH:
				raise InvalidCriterion("text_too_long", key, value)
			texts[key] = value.strip()
		else:  # NUMBER_KEYS
			if not isinstance(value, list | tuple) or len(value) != 2:
				raise InvalidCriterion("not_a_pair", key, value)
			operator, number = value
			if operator not in OPERATORS:
				raise InvalidCriterion("unknown_operator", key, operator)
			numbers[key] = (operator, parse_number(key, number))
	return Criteria(equal, numbers, texts, flags.get("mine", False), flags.get("active", False))


def criteria_to_dict(criteria: Criteria) -> dict:
	"""The criteria as a plain dict again (what `parse_criteria` accepts)."""
	out: dict = dict(criteria.equal)
	out.update(criteria.texts)
	out.update({key: [op, number] for key, (op, number) in criteria.numbers.items()})
	if criteria.mine:
		out["mine"] = True
	if criteria.active:
		out["active"] = True
	return out


# --- List filters ----------------------------------------------------------------------------------------

# text criteria the list shows as a "like" filter on a field of their own
LIKE_FILTER_KEYS = ("company_name", "subject", "note")


def _unwrap_like(value) -> str | None:
	if not isinstance(value, str) or len(value) < 2 or not (value.startswith("%") and value.endswith("%")):
		return None
	inner = value[1:-1]
	return inner if inner and "%" not in inner and "_" not in inner else None


# the two filters the "active leads" quick filter sets
ACTIVE_FILTERS = (("deactivated", "=", "0"), ("contact_status", "!=", "Unreachable"))


def _criterion_of(fieldname: str, operator: str, value, user: str) -> tuple[str, object] | None:
	"""The criterion a single list filter expresses, if any."""
	if fieldname == "responsible" and operator == "=" and value == user:
		return "mine", True
	if fieldname in EQUAL_KEYS and operator == "=":
		return fieldname, value
	if fieldname in NUMBER_KEYS and operator in OPERATORS:
		return fieldname, [operator, value]
	if fieldname in LIKE_FILTER_KEYS and operator == "like" and _unwrap_like(value):
		return fieldname, _unwrap_like(value)
	return None


def split_list_filters(filters, user: str) -> tuple[dict, list]:
	"""(criteria, other filters) from the Desk list's filters ([doctype, field, operator, value] or
	[field, operator, value]): the filters the search understands become criteria, in the form
	`parse_criteria` accepts; the rest stay filters for the list's own query.
	"""
	criteria: dict = {}
	rest: list = []
	active_parts: list = []
	for f in filters or []:
		if not isinstance(f, list | tuple) or len(f) not in (3, 4):
			rest.append(f)
			continue
		fieldname, operator, value = f[-3], str(f[-2]).lower(), f[-1]
		if (fieldname, operator, str(value)) in ACTIVE_FILTERS:
			active_parts.append(f)
			continue
		found = _criterion_of(fieldname, operator, value, user)
		if found and found[0] not in criteria:
			criteria[found[0]] = found[1]
		else:
			rest.append(f)
	if {f[-3] for f in active_parts} == {"deactivated", "contact_status"}:
		criteria["active"] = True
	else:  # half of "active" is an ordinary filter
		rest += active_parts
	return criteria, rest
