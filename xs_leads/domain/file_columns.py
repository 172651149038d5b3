"""Matching a file's header row to fields: by label (any language given) or fieldname, any case."""

import re

_SPACES = re.compile(r"\s+")


def header_key(text: str) -> str:
	"""How a header or label is compared: case, surrounding quotes, spaces and a trailing * ignored."""
	return _SPACES.sub(" ", text.replace("\ufeff", "").strip().strip('"').rstrip("*").strip()).casefold()


def match_header(
	header: list[str], fieldname_by_key: dict[str, str]
) -> tuple[list[str | None], list[tuple[int, str]], list[tuple[int, str]]]:
	"""For each header cell, the fieldname it names (None where blank or unknown), then the unknown
	cells and the repeated ones, each as (position, header text)."""
	fieldnames: list[str | None] = []
	unknown, repeated, seen = [], [], set()
	for position, text in enumerate(header):
		key = header_key(text)
		fieldname = fieldname_by_key.get(key) if key else None
		if key and not fieldname:
			unknown.append((position, text))
		elif fieldname in seen:
			repeated.append((position, text))
			fieldname = None
		if fieldname:
			seen.add(fieldname)
		fieldnames.append(fieldname)
	return fieldnames, unknown, repeated


def keys_for(labels_by_fieldname: dict[str, list[str]]) -> dict[str, str]:
	"""{header key: fieldname} from each field's names; a key shared by two fields names neither."""
	found: dict[str, set[str]] = {}
	for fieldname, labels in labels_by_fieldname.items():
		for label in (fieldname, *labels):
			if label:
				found.setdefault(header_key(label), set()).add(fieldname)
	keys = {key: next(iter(names)) for key, names in found.items() if len(names) == 1}
	# a field's own name always wins over another field's label
	keys.update({header_key(fieldname): fieldname for fieldname in labels_by_fieldname})
	return keys
