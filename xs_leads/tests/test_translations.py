"""The app's gettext catalog (xs_leads/locale) covers every user-facing source string.

The strings are collected the way Frappe's `bench generate-pot` does it (frappe/gettext/translate.py
with the extractors in frappe/gettext/extractors), plus the values Frappe shows translated but no
extractor finds: the module name and the seeded master records.

- Python: `_("...")` / `_lt("...")` calls (babel's python extractor), test files and testing.py excluded
- JavaScript: `__("...")` calls
- DocType JSON: the DocType's name and description, field labels, descriptions and Select options,
  connection groups, and the app's own role names
- Workspace and report JSON: a workspace's name and its cards', links' and shortcuts' labels, a
  report's name (Frappe's workspace and report extractors)
- modules.txt, and the seeded records in domain/masters.py and the roles in install.py

When a string is added or changed, add it to locale/main.pot and translate it in locale/nb.po.
Frappe reads compiled .mo files: `bench build` (or `bench compile-po-to-mo --app xs_leads`) builds them.
"""

import ast
import json
import re
import unittest
from collections import Counter
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_python
from babel.messages.jslexer import tokenize, unquote_string
from babel.messages.pofile import read_po

APP_DIR = Path(__file__).resolve().parents[1]  # the xs_leads Python package
SOURCE_ROOT = APP_DIR.parent  # locations in the catalog are relative to this (as in Frappe)
LOCALE_DIR = APP_DIR / "locale"
POT_PATH = LOCALE_DIR / "main.pot"
LOCALES = ("nb",)

# Roles that Frappe itself defines (and translates); any other role in a permission is the app's own.
FRAPPE_ROLES = frozenset(
	{"Administrator", "All", "Desk User", "Guest", "System Manager", "Website Manager", "Workspace Manager"}
)
# Select fields whose options are not words (as in Frappe's extractor)
EXCLUDE_SELECT_OPTIONS = frozenset(
	{
		"naming_series",
		"number_format",
		"float_precision",
		"currency_precision",
		"minimum_password_score",
		"icon",
	}
)
# Each list in domain/masters.py and how to get the record's name (its translatable title) from an item
MASTER_LISTS = {
	"LEAD_SOURCES": ("XS Lead Source", lambda item: item),
	"NACE_SECTIONS": ("XS Industry", lambda item: item[1]),
}

PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[sd]")


def _location(path: Path) -> str:
	return path.relative_to(SOURCE_ROOT).as_posix()


def _source_files(pattern: str):
	for path in sorted(APP_DIR.rglob(pattern)):
		parts = path.relative_to(APP_DIR).parts[:-1]
		# like Frappe's directory filter: skip hidden and private folders (__pycache__), and built assets
		if any(p.startswith((".", "_")) or p in ("node_modules", "dist") for p in parts):
			continue
		yield path


def extract_python_messages():
	"""(msgid, context, location, lineno, comment) of `_()` calls, like Frappe's python extractor."""
	for path in _source_files("*.py"):
		if path.name.startswith("test_") or path == APP_DIR / "testing.py":
			continue
		with open(path, "rb") as f:
			for lineno, _funcname, messages, _comments in extract_python(
				f, {"_": None, "_lt": None}, (), {"encoding": "utf-8"}
			):
				context = None
				if isinstance(messages, tuple | list):
					# `_("message", context="...")`: the last string is the context
					if len(messages) > 1 and messages[-1]:
						context = messages[-1]
					messages = messages[0]
				if messages:
					yield messages, context, _location(path), lineno, None


def _js_string(token) -> str | None:
	"""The value of a string literal token; None for anything else, or a template with ${...}."""
	if token.type == "string" or (token.type == "template_string" and "${" not in token.value):
		return unquote_string(token.value)
	return None


def _js_translate_calls(code: str):
	"""(lineno, message, context) of `__("message")` and `__("message", <replacements>, "context")`.

	Walks the tokens of babel's JavaScript lexer (which Frappe's extractor also uses), so comments,
	regular expression literals and method calls named `__` are not mistaken for calls.
	"""
	tokens = [
		t
		for t in tokenize(code, jsx=True, dotted=True, template_string=True)
		if t.type not in ("linecomment", "multilinecomment")
	]
	for i, token in enumerate(tokens[:-3]):
		if not (token.type == "name" and token.value == "__" and tokens[i + 1].value == "("):
			continue
		message = _js_string(tokens[i + 2])
		if message is None or tokens[i + 3].value not in (")", ","):
			continue  # not a literal (a variable, an expression or a concatenation)
		context = None
		if tokens[i + 3].value == ",":
			# skip the replacements argument, then take a literal third argument as the context
			depth, j = 0, i + 4
			while j < len(tokens) - 2:
				value = tokens[j].value if tokens[j].type == "operator" else None
				if value in ("(", "[", "{"):
					depth += 1
				elif value in (")", "]", "}"):
					depth -= 1
					if depth < 0:
						break
				elif value == "," and depth == 0:
					if tokens[j + 2].value in (")", ","):
						context = _js_string(tokens[j + 1])
					break
				j += 1
		yield token.lineno, message, context


def extract_javascript_messages():
	"""(msgid, context, location, lineno, comment) of `__()` calls with a literal first argument."""
	for path in _source_files("*.js"):
		for lineno, message, context in _js_translate_calls(path.read_text(encoding="utf-8")):
			if message:
				yield message, context, _location(path), lineno, None


def extract_doctype_messages():
	"""(msgid, context, location, lineno, comment) from DocType JSON, like Frappe's doctype extractor."""
	for path in _source_files("*.json"):
		if path.parent.parent.name != "doctype" or path.stem != path.parent.name:
			continue
		data = json.loads(path.read_text(encoding="utf-8"))
		location = _location(path)
		doctype = data["name"]

		yield doctype, None, location, None, "Name of a DocType"
		if data.get("description"):
			yield data["description"], None, location, None, "Description of a DocType"

		for field in data.get("fields", []):
			fieldtype, fieldname, label = field.get("fieldtype"), field.get("fieldname"), field.get("label")
			if label:
				comment = f"Label of the {fieldname} ({fieldtype}) field in DocType '{doctype}'"
				yield label, None, location, None, comment
			_label = label or fieldname
			if field.get("description"):
				comment = f"Description of the '{_label}' ({fieldtype}) field in DocType '{doctype}'"
				yield field["description"], None, location, None, comment
			options = field.get("options")
			if options and fieldtype == "Select" and fieldname not in EXCLUDE_SELECT_OPTIONS:
				comment = f"Option for the '{_label}' ({fieldtype}) field in DocType '{doctype}'"
				for option in options.split("\n"):
					if option and not option.isdigit():
						yield option, None, location, None, comment
			elif options and fieldtype == "HTML":
				comment = f"Content of the '{_label}' ({fieldtype}) field in DocType '{doctype}'"
				yield options, None, location, None, comment

		for link in data.get("links", []):
			if link.get("group"):
				yield link["group"], None, location, None, f"Group in {doctype}'s connections"

		for perm in data.get("permissions", []):
			if perm.get("role") and perm["role"] not in FRAPPE_ROLES:
				yield perm["role"], None, location, None, "Name of a role"


def extract_workspace_and_report_messages():
	"""(msgid, context, location, lineno, comment) from workspace and report JSON, like Frappe's
	workspace and report extractors: a workspace's name, its number cards', links' and shortcuts'
	labels; a report's name."""
	for path in _source_files("*.json"):
		if path.parent.parent.name not in ("workspace", "report") or path.stem != path.parent.name:
			continue
		data = json.loads(path.read_text(encoding="utf-8"))
		location = _location(path)
		if data.get("doctype") == "Report":
			yield data["report_name"], None, location, None, "Name of a report"
		elif data.get("doctype") == "Workspace":
			name = data.get("label")
			yield name, None, location, None, "Name of a Workspace"
			for card in data.get("number_cards", []):
				if card.get("label"):
					yield (
						card["label"],
						None,
						location,
						None,
						f"Label of a number card in the {name} Workspace",
					)
			for link in data.get("links", []):
				if link.get("label"):
					yield (
						link["label"],
						None,
						location,
						None,
						f"Label of a {link.get('type')} in the {name} Workspace",
					)
			for shortcut in data.get("shortcuts", []):
				if shortcut.get("label"):
					yield (
						shortcut["label"],
						None,
						location,
						None,
						f"Label of a shortcut in the {name} Workspace",
					)


def _module_level_literals(path: Path) -> dict[str, tuple[object, int]]:
	"""UPPER_CASE = <literal> assignments of a module: {name: (value, lineno)}."""
	literals = {}
	for node in ast.parse(path.read_text(encoding="utf-8")).body:
		if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
			name = node.targets[0].id
			if name.isupper():
				try:
					literals[name] = (ast.literal_eval(node.value), node.lineno)
				except ValueError:
					continue
	return literals


def extract_data_messages():
	"""(msgid, context, location, lineno, comment) of the module name, seeded masters and roles."""
	modules_txt = APP_DIR / "modules.txt"
	for lineno, line in enumerate(modules_txt.read_text(encoding="utf-8").splitlines(), 1):
		if line.strip():
			yield line.strip(), None, _location(modules_txt), lineno, "Name of a module"

	masters = APP_DIR / "domain" / "masters.py"
	for name, (items, lineno) in _module_level_literals(masters).items():
		if not isinstance(items, list | tuple):
			continue
		if name not in MASTER_LISTS:
			raise AssertionError(f"{_location(masters)}: add {name} to MASTER_LISTS in {Path(__file__).name}")
		doctype, title_of = MASTER_LISTS[name]
		for item in items:
			yield title_of(item), None, _location(masters), lineno, f"Default record of DocType '{doctype}'"

	install = APP_DIR / "install.py"
	roles, lineno = _module_level_literals(install).get("ROLES", ((), None))
	for role in roles:
		yield role, None, _location(install), lineno, "Name of a role"


def collect_source_messages() -> dict[tuple[str, str | None], list[tuple[str, int | None, str | None]]]:
	"""{(msgid, context): [(location, lineno, comment), ...]} of all the app's translatable strings."""
	messages = {}
	for extractor in (
		extract_doctype_messages,
		extract_python_messages,
		extract_javascript_messages,
		extract_workspace_and_report_messages,
		extract_data_messages,
	):
		for msgid, context, location, lineno, comment in extractor():
			messages.setdefault((msgid, context), []).append((location, lineno, comment))
	return messages


def read_catalog(path: Path) -> Catalog:
	with open(path, "rb") as f:
		return read_po(f, abort_invalid=True)


def catalog_keys(catalog: Catalog) -> set[tuple[str, str | None]]:
	return {(message.id, message.context) for message in catalog if message.id}


def placeholders(text: str) -> Counter:
	return Counter(PLACEHOLDER.findall(text))


def describe(keys) -> str:
	return "\n".join(f"  {msgid!r}" + (f" (context {ctx!r})" if ctx else "") for msgid, ctx in sorted(keys))


def is_translated(catalog: Catalog, key: tuple[str, str | None]) -> bool:
	message = catalog.get(*key)
	return bool(message and message.string and message.string.strip())


class TestTranslations(unittest.TestCase):
	longMessage = False  # the messages below list the strings; unittest's repr of the set adds nothing

	@classmethod
	def setUpClass(cls):
		cls.source = collect_source_messages()
		cls.pot = read_catalog(POT_PATH)

	def test_extraction_finds_the_known_strings(self):
		"""Guards the extractors themselves: one string of each kind, and none of Frappe's own roles."""
		for key in (
			("XS Lead", None),  # DocType name
			("Organisation Number", None),  # field label
			("Not Contacted", None),  # Select option
			("XS Sales Manager", None),  # role
			("XS Leads", None),  # module
			("Referral", None),  # seeded lead source
			("Real estate activities", None),  # seeded industry (NACE section L)
			("{0} cannot be negative", None),  # Python _()
			("Hot: high potential to become a customer", None),  # JavaScript __() in public/js
			("Export vCard", None),  # JavaScript __() late in a file with regular expressions and HTML
		):
			self.assertIn(key, self.source, f"{key[0]!r} not extracted")
		self.assertNotIn(("System Manager", None), self.source, "Frappe's own role extracted")

	def test_template_lists_exactly_the_source_strings(self):
		pot_keys = catalog_keys(self.pot)
		source_keys = set(self.source)
		missing, stale = source_keys - pot_keys, pot_keys - source_keys
		self.assertFalse(missing, f"Strings missing from {_location(POT_PATH)}:\n{describe(missing)}")
		self.assertFalse(
			stale, f"Strings in {_location(POT_PATH)} no longer in the source:\n{describe(stale)}"
		)

	def test_locales(self):
		pot_keys = catalog_keys(self.pot)
		for locale in LOCALES:
			po_path = LOCALE_DIR / f"{locale}.po"
			where = _location(po_path)
			catalog = read_catalog(po_path)
			headers = dict(catalog.mime_headers)

			with self.subTest(locale=locale, check="header"):
				self.assertEqual(headers.get("Language"), locale, f"{where}: Language header")
				self.assertEqual(
					headers.get("Plural-Forms"), "nplurals=2; plural=(n != 1);", f"{where}: Plural-Forms"
				)
				self.assertIn("charset=utf-8", headers.get("Content-Type", "").lower(), f"{where}: charset")

			with self.subTest(locale=locale, check="same msgids as main.pot"):
				po_keys = catalog_keys(catalog)
				missing, extra = pot_keys - po_keys, po_keys - pot_keys
				self.assertFalse(missing, f"In main.pot but not in {where}:\n{describe(missing)}")
				self.assertFalse(extra, f"In {where} but not in main.pot:\n{describe(extra)}")

			with self.subTest(locale=locale, check="translated"):
				untranslated = {key for key in self.source if not is_translated(catalog, key)}
				self.assertFalse(untranslated, f"Untranslated in {where}:\n{describe(untranslated)}")
				fuzzy = {(m.id, m.context) for m in catalog if m.id and m.fuzzy}
				self.assertFalse(fuzzy, f"Fuzzy (unreviewed) entries in {where}:\n{describe(fuzzy)}")

			with self.subTest(locale=locale, check="placeholders"):
				mismatched = {
					(m.id, m.context)
					for m in catalog
					if m.id and m.string and placeholders(m.string) != placeholders(m.id)
				}
				self.assertFalse(
					mismatched,
					f"{where}: placeholders differ between msgid and msgstr:\n{describe(mismatched)}",
				)


if __name__ == "__main__":
	unittest.main()
