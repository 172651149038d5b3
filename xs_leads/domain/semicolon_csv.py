"""Semicolon-separated files as Norwegian spreadsheets write and read them.

Excel on a Norwegian Windows saves "CSV" with semicolons, decimal commas and, depending on the
version, UTF-8 (with a byte order mark) or Windows-1252; older systems export ISO-8859-1. These
functions recognise the encoding without asking, read rows with their line numbers, write files
Excel opens with æøå intact, and neutralise cells a spreadsheet would run as formulas.
"""

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator

DELIMITER = ";"
BOM = "\ufeff"
UTF_8 = "UTF-8"
WINDOWS_1252 = "Windows-1252"
ISO_8859_1 = "ISO-8859-1"

# Bytes 0x80–0x9F are printable characters (€, ‚, ", …) only in Windows-1252; in ISO-8859-1 they are
# control characters no spreadsheet writes. Five of them are undefined in Windows-1252.
_WINDOWS_1252_ONLY = re.compile(rb"[\x80-\x9f]")
_UNDEFINED_IN_WINDOWS_1252 = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")

# A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV injection")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_ESCAPE = "'"


class UnreadableFile(ValueError):
	"""The file is not a semicolon-separated text file this module can read."""

	def __init__(self, reason: str, line: int | None = None):
		super().__init__(reason)
		self.reason = reason
		self.line = line


def decode(data: bytes) -> tuple[str, str]:
	"""The text of a file and the name of its encoding: UTF-8 (with or without BOM), else Windows-1252
	or ISO-8859-1 (told apart by the bytes only Windows-1252 uses)."""
	if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
		return data.decode("utf-16"), "UTF-16"
	if data.startswith(codecs.BOM_UTF8):
		data = data[len(codecs.BOM_UTF8) :]
	try:
		return data.decode("utf-8"), UTF_8
	except UnicodeDecodeError:
		pass
	if b"\x00" in data[:4096]:
		raise UnreadableFile("binary")
	if _WINDOWS_1252_ONLY.search(data) and not _UNDEFINED_IN_WINDOWS_1252.search(data):
		return data.decode("cp1252"), WINDOWS_1252
	return data.decode("latin-1"), ISO_8859_1


def read_rows(text: str) -> Iterator[tuple[int, list[str]]]:
	"""(line number in the file, cells) of each row; blank rows (no cell with text) are skipped.

	CRLF and LF both end a row; a quoted cell may hold semicolons, doubled quotes and line breaks,
	so a row may span several lines: its number is the line it starts on.
	"""
	reader = csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER, quotechar='"', strict=True)
	next_line = 1
	while True:
		try:
			cells = next(reader)
		except StopIteration:
			return
		except csv.Error as e:
			raise UnreadableFile(str(e), line=next_line)
		line, next_line = next_line, reader.line_num + 1
		if any(cell.strip() for cell in cells):
			yield line, cells


def neutralise_formula(value: str) -> str:
	"""Text a spreadsheet would run as a formula, made inert with a leading apostrophe."""
	if value and value.startswith(FORMULA_TRIGGERS):
		return FORMULA_ESCAPE + value
	return value


def restore_formula(value: str) -> str:
	"""The text `neutralise_formula` was given (the importer's side of the round trip)."""
	if value.startswith(FORMULA_ESCAPE) and value[1:2] and value[1:].startswith(FORMULA_TRIGGERS):
		return value[1:]
	return value


def writer(stream: io.TextIOBase):
	"""A csv writer for semicolon files with CRLF line ends, as Excel writes them."""
	return csv.writer(stream, delimiter=DELIMITER, quotechar='"', lineterminator="\r\n")


def to_text(rows: Iterable[Iterable[str]], with_bom: bool = True) -> str:
	"""Rows of already formatted cells as the text of a semicolon file (BOM first, for Excel)."""
	out = io.StringIO()
	if with_bom:
		out.write(BOM)
	writer(out).writerows(rows)
	return out.getvalue()
