"""Duplicate detection on plain values: normalised names, match keys and scores (free of Frappe).

A record (a lead, a company or a contact person) is described by a `MatchRecord`. `prepare()`
normalises it once: the name's words with case, spacing and punctuation folded, "&" / "og" /
"and" dropped, legal forms (AS, A/S, ASA, ENK, NUF...) dropped wherever they stand, and æ/ø/å
folded together with their ae/oe/aa (and plain a/o) spellings.

- `match_keys()` gives the keys an index stores per record: records sharing a key are candidates
  of each other. Exact keys (organisation number, e-mail, phone, the whole normalised name) and
  fuzzy ones (each word, the name's first and last letters, one-letter deletions of short names)
  so that a typo still shares a key with the original.
- `score()` compares two prepared records: 0–100 with the reasons. Exact organisation numbers,
  e-mails and phones count strongly on their own. Names are compared word by word, each word
  weighted by how informative it is (its inverse document frequency, `TokenWeights`), so that a
  generic word ("Bygg", "Service") shared by thousands of companies adds little.
"""

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

# Norwegian organisation forms (Brønnøysundregistrene), ignored wherever they stand in a name
NORWEGIAN_LEGAL_FORMS = frozenset(
	{
		"as", "asa", "ans", "da", "enk", "nuf", "sa", "ba", "ks", "se", "iks", "fli", "sti", "bbl", "brl",
		"kf", "fkf", "sf", "hf", "esek", "aksjeselskap", "allmennaksjeselskap", "enkeltpersonforetak",
		"samvirkeforetak",
	}
)  # fmt: skip
# Forms of foreign companies (a Norwegian branch is "<name> <foreign form> NUF"): ignored at the end
# of a name only, where they cannot be part of it
FOREIGN_LEGAL_FORMS = frozenset(
	{
		"ab", "aps", "oy", "oyj", "ltd", "limited", "plc", "inc", "llc", "corp", "gmbh", "bv", "nv", "uab",
		"sia", "oü", "ou", "sarl", "srl", "filial",
	}
)  # fmt: skip
# Forms of several words, ignored wherever they stand
LEGAL_FORM_PHRASES = (
	("norsk", "filial"),
	("norskregistrert", "utenlandsk", "foretak"),
	("ansvarlig", "selskap"),
)
FOREIGN_LEGAL_FORM_PHRASES = (("sp", "z", "oo"),)  # Polish "Sp. z o.o."
GLUED_LEGAL_FORMS = ("as", "asa", "ans", "da", "enk", "nuf")
CONNECTORS = frozenset({"og", "and", "und", "och"})  # "&" becomes "og" first

# Characters that join what they separate: "A/S", "A.S.", "D/A", "O'Neill", "o.o."
_JOINING = str.maketrans("", "", "./'’`´")
_SEPARATOR = re.compile(r"[\W_]+")
_NON_DIGIT = re.compile(r"\D+")
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "ä": "ae", "ö": "o", "ü": "u", "ß": "ss"})

MIN_FUZZY_KEY_LENGTH = 7  # names (without spaces) this long get first/last-letter keys
AFFIX_LENGTH = 5
SHORT_NAME_LENGTH = 8  # names up to this long get one-letter-deletion keys
COMPACT_MATCH_RATIO = 90  # names this similar with spaces removed ("Nord Fisk" / "Nordfisk")
# A key shared by more records than this says nothing ("tok:holding"): it finds no candidates
KEY_CAP = 100
# Keys that alone make two records worth scoring; others must also look alike (rapidfuzz prefilter)
EXACT_KEY_PREFIXES = ("org:", "mail:", "tel:", "name:")

# Scores of exact matches, each strong on its own
ORGANISATION_NUMBER_SCORE = 95
EMAIL_SCORE = 90
PHONE_SCORE = 80
PERSON_SCORE = 50  # the same contact person's name: a hint that adds to others, too weak alone
OTHER_FOREIGN_FORM_SHARE = 0.85
GENERIC_NAME_FLOOR = 0.7  # a name of only generic words scores at most this share of its similarity


@lru_cache(maxsize=200_000)
def fold_letters(word: str) -> str:
	"""æ → ae, ø/oe → o, å/aa → a, other accents dropped: "Bjørke", "Bjoerke" and "Bjorke" alike."""
	word = unicodedata.normalize("NFKD", word.translate(_LETTERS))
	word = "".join(c for c in word if not unicodedata.combining(c))
	return word.replace("aa", "a").replace("oe", "o")


def _words(text: str) -> list[str]:
	text = unicodedata.normalize("NFKC", text or "").casefold().replace("&", " og ").replace("+", " og ")
	return [w for w in _SEPARATOR.split(text.translate(_JOINING)) if w]


def _drop_phrases(words: list[str]) -> list[str]:
	for phrase in LEGAL_FORM_PHRASES:
		n = len(phrase)
		i = 0
		while i <= len(words) - n:
			if tuple(words[i : i + n]) == phrase:
				del words[i : i + n]
			else:
				i += 1
	return words


def split_name(name: str | None) -> tuple[list[str], str]:
	"""(informative words, foreign legal form) of a company name, normalised:
	"Bjørke & Sønn A/S" → (["bjorke", "sonn"], ""); "Baltic Staffing UAB NUF" → (["baltic", "staffing"], "uab").

	Legal forms are recognised before letters are folded, so "Aas Bygg AS" keeps "aas" (→ "as").
	A name made of nothing but legal forms and connectors keeps its words.
	"""
	words = [w for w in _words(name) if w not in CONNECTORS]
	kept = _drop_phrases(list(words))
	kept = [w for w in kept if w not in NORWEGIAN_LEGAL_FORMS]
	foreign_form = ""
	for phrase in FOREIGN_LEGAL_FORM_PHRASES:
		if len(kept) > len(phrase) and tuple(kept[-len(phrase) :]) == phrase:
			foreign_form = " ".join(kept[-len(phrase) :])
			del kept[-len(phrase) :]
	while len(kept) > 1 and kept[-1] in FOREIGN_LEGAL_FORMS:
		foreign_form = fold_letters(kept.pop())
	if not kept:
		kept = words
	return [folded for folded in (fold_letters(w) for w in kept) if folded], foreign_form


def name_tokens(name: str | None) -> list[str]:
	"""The informative words of a company name, normalised (see `split_name`)."""
	return split_name(name)[0]


def person_tokens(name: str | None) -> list[str]:
	"""A person's name as folded words: "Sølvi  Bøe" → ["solvi", "boe"]."""
	return [folded for folded in (fold_letters(w) for w in _words(name)) if folded]


def normalise_email(value: str | None) -> str:
	value = (value or "").strip().lower()
	return value if "@" in value else ""


def phone_digits(value: str | None) -> str:
	"""Digits of a phone number already in E.164 (the caller normalises): "+47 22 33 44 55" → "4722334455"."""
	digits = _NON_DIGIT.sub("", value or "")
	return digits if len(digits) >= 6 else ""


@dataclass(frozen=True)
class MatchRecord:
	"""What duplicate detection compares of a lead, a company or a contact person.

	`company_name` is the lead's or company's name (a contact's company); `person_name` the
	lead's contact person or the contact's own name. Phones are expected normalised (E.164).
	"""

	doctype: str
	name: str
	title: str = ""
	company_name: str = ""
	person_name: str = ""
	organisation_number: str = ""
	emails: tuple[str, ...] = ()
	phones: tuple[str, ...] = ()


@dataclass
class Prepared:
	record: MatchRecord
	tokens: list[str] = field(default_factory=list)
	compact: str = ""
	bare: str = ""  # compact without a legal form typed onto its end
	foreign_form: str = ""
	person: list[str] = field(default_factory=list)
	person_compact: str = ""
	organisation_number: str = ""
	emails: frozenset[str] = frozenset()
	phones: frozenset[str] = frozenset()

	@property
	def key(self) -> tuple[str, str]:
		return (self.record.doctype, str(self.record.name))


def prepare(record: MatchRecord) -> Prepared:
	tokens, foreign_form = split_name(record.company_name)
	person = person_tokens(record.person_name)
	return Prepared(
		record=record,
		tokens=tokens,
		compact="".join(tokens),
		bare=without_glued_form("".join(tokens)),
		foreign_form=foreign_form,
		person=person,
		person_compact="".join(person),
		organisation_number=_NON_DIGIT.sub("", record.organisation_number or ""),
		emails=frozenset(e for e in map(normalise_email, record.emails) if e),
		phones=frozenset(p for p in map(phone_digits, record.phones) if p),
	)


def _deletions(word: str) -> set[str]:
	return {word[:i] + word[i + 1 :] for i in range(len(word))}


def name_keys(prepared: Prepared) -> set[str]:
	"""Keys of the company name: whole, per word, and typo-tolerant ones."""
	compact = prepared.compact
	if len(compact) < 2:
		return set()
	keys = {f"name:{compact}"}
	keys.update(f"tok:{t}" for t in prepared.tokens if len(t) >= 2)
	if len(compact) <= SHORT_NAME_LENGTH:
		# one typo (a letter dropped, doubled or two swapped) leaves a common one-letter deletion
		keys.update(f"del:{d}" for d in _deletions(compact) if len(d) >= 3)
	if len(compact) >= MIN_FUZZY_KEY_LENGTH:
		# a typo changes a few neighbouring letters: the start or the end stays as it was
		keys.add(f"pre:{compact[:AFFIX_LENGTH]}")
		keys.add(f"suf:{compact[-AFFIX_LENGTH:]}")
	if len(compact) > SHORT_NAME_LENGTH:
		# two letters swapped or one doubled leave the set of letters as it was
		keys.add(f"abc:{''.join(sorted(set(compact)))}")
	keys.add(f"name:{prepared.bare}")  # "FjordbyggAS"
	return keys


def without_glued_form(compact: str) -> str:
	"""A name's letters without a legal form typed onto its end: "fjordbyggas" → "fjordbygg"."""
	if compact[-1:] not in ("s", "a", "k", "f"):
		return compact
	for form in GLUED_LEGAL_FORMS:
		if compact.endswith(form) and len(compact) - len(form) >= 4:
			return compact[: -len(form)]
	return compact


def match_keys(prepared: Prepared) -> set[str]:
	"""Every key of a record: records that share one are candidates of each other."""
	keys = name_keys(prepared)
	if prepared.organisation_number:
		keys.add(f"org:{prepared.organisation_number}")
	keys.update(f"mail:{e}" for e in prepared.emails)
	keys.update(f"tel:{p}" for p in prepared.phones)
	if len(prepared.person) >= 2:
		keys.add(f"person:{prepared.person_compact}")
	return keys


def query_keys(prepared: Prepared) -> set[str]:
	"""The keys to look up for a record: its own, plus its deletions matched against stored names."""
	keys = match_keys(prepared)
	compact = prepared.compact
	if 3 <= len(compact) <= SHORT_NAME_LENGTH + 1:
		# the stored name may be the query with a letter dropped, or the query's deletions
		keys.add(f"del:{compact}")
		keys.update(f"del:{d}" for d in _deletions(compact) if len(d) >= 3)
	return keys


class TokenWeights:
	"""How informative each name word is: log(1 + N / df), df the number of names holding it.

	`frequencies` need not list rare words: a word missing from it counts as held by one name.
	"""

	def __init__(self, frequencies: Mapping[str, int] | None = None, total: int = 0):
		self.frequencies = frequencies or {}
		self.total = max(total, max(self.frequencies.values(), default=0), 1)
		self._rare = math.log(1 + self.total)

	def __call__(self, token: str) -> float:
		df = self.frequencies.get(token)
		return math.log(1 + self.total / df) if df else self._rare

	@property
	def informative(self) -> float:
		"""The weight of shared words that identifies a name well (about one rare word)."""
		return 0.7 * self._rare


def word_similarity(x: str, y: str) -> float:
	"""1.0 for the same word; 1 - edits / length for words one typo apart (a letter dropped, added,
	changed, or two swapped; two typos in words of 8 letters or more); else 0."""
	if x == y:
		return 1.0
	shorter, longer = sorted((len(x), len(y)))
	if shorter < 3 or longer - shorter > 2:
		return 0.0
	allowed = 2 if shorter >= 8 else 1
	distance = OSA.distance(x, y, score_cutoff=allowed)
	return 1 - distance / longer if distance <= allowed else 0.0


def _matched_words(a: list[str], b: list[str]) -> list[tuple[str, str, float]]:
	"""Pairs of words of a and b that are the same or one typo apart, each word used once."""
	pairs = []
	for i, x in enumerate(a):
		for j, y in enumerate(b):
			similarity = word_similarity(x, y)
			if similarity:
				pairs.append((similarity, i, j))
	pairs.sort(key=lambda p: -p[0])
	used_a, used_b, matched = set(), set(), []
	for similarity, i, j in pairs:
		if i in used_a or j in used_b:
			continue
		used_a.add(i)
		used_b.add(j)
		matched.append((a[i], b[j], similarity))
	return matched


def name_similarity(a: list[str], b: list[str], weights: TokenWeights) -> tuple[float, float]:
	"""(similarity 0–1, weight of the shared words) of two names given as normalised words.

	The weight of the words both share (typos allowed) over the weight of the heavier name: a
	generic word shared by "Bygg" and "Bergen Bygg" is a small part of the latter (~0.3), and a
	place added to a name ("Nordfisk" / "Nordfisk Kragerø") halves it. Names the same without
	spaces ("Nord Fisk" / "Nordfisk", "FjordbyggAS" / "Fjordbygg AS") count as the same name.
	"""
	if not a or not b:
		return 0.0, 0.0
	compact_a, compact_b = "".join(a), "".join(b)
	weight_a, weight_b = {x: weights(x) for x in a}, {y: weights(y) for y in b}
	if compact_a == compact_b or without_glued_form(compact_a) == without_glued_form(compact_b):
		shared = min(sum(weight_a.values()), sum(weight_b.values()))
		return 1.0, shared
	shared = 0.0
	for x, y, strength in _matched_words(a, b):
		# a misspelt word is rare only because it is misspelt: it weighs what its match weighs
		weight = min(weight_a[x], weight_b[y])
		weight_a[x] = weight_b[y] = weight
		shared += strength * weight
	heavier = max(sum(weight_a.values()), sum(weight_b.values()))
	similarity = shared / heavier
	if len(a) != len(b) and min(len(compact_a), len(compact_b)) >= 6:
		ratio = fuzz.ratio(compact_a, compact_b)
		if ratio >= COMPACT_MATCH_RATIO and ratio / 100 > similarity:
			return ratio / 100, heavier
	return similarity, shared


@dataclass(frozen=True)
class Reason:
	"""Why two records look alike: `kind` is organisation_number, email, phone, name or person;
	`similarity` is a percentage for names."""

	kind: str
	similarity: int = 100


@dataclass(frozen=True)
class Match:
	doctype: str
	name: str
	title: str
	score: int
	reasons: tuple[Reason, ...]


def combine(scores: Iterable[float]) -> float:
	"""One score from several signals: the strongest, raised halfway to 100 by each further one."""
	total = 0.0
	for value in sorted(scores, reverse=True):
		total = value if not total else total + (100 - total) * value / 200
	return min(total, 100.0)


def score(query: Prepared, candidate: Prepared, weights: TokenWeights) -> tuple[int, tuple[Reason, ...]]:
	"""How likely `candidate` is a duplicate of `query` (0–100), and why."""
	signals, reasons = [], []
	if query.organisation_number and query.organisation_number == candidate.organisation_number:
		signals.append(ORGANISATION_NUMBER_SCORE)
		reasons.append(Reason("organisation_number"))
	if query.emails & candidate.emails:
		signals.append(EMAIL_SCORE)
		reasons.append(Reason("email"))
	if query.phones & candidate.phones:
		signals.append(PHONE_SCORE)
		reasons.append(Reason("phone"))

	similarity, shared = name_similarity(query.tokens, candidate.tokens, weights)
	if similarity > 0:
		informative = min(1.0, shared / weights.informative) if weights.informative else 1.0
		name_score = 100 * similarity * (GENERIC_NAME_FLOOR + (1 - GENERIC_NAME_FLOOR) * informative)
		if query.foreign_form and candidate.foreign_form and query.foreign_form != candidate.foreign_form:
			name_score *= OTHER_FOREIGN_FORM_SHARE  # "Compass Ltd" and "Compass AB": other countries
		signals.append(name_score)
		if similarity >= 0.5:
			reasons.append(Reason("name", round(100 * similarity)))

	if query.person_compact and candidate.person_compact:
		person_similarity = fuzz.ratio(query.person_compact, candidate.person_compact, score_cutoff=90)
		if person_similarity:
			signals.append(PERSON_SCORE * person_similarity / 100)
			reasons.append(Reason("person", round(person_similarity)))

	return round(combine(signals)), tuple(reasons)


def rank(
	query: Prepared,
	candidates: Iterable[Prepared],
	weights: TokenWeights,
	min_score: int,
	limit: int,
) -> list[Match]:
	"""The candidates scoring at least `min_score`, best first (ties by name), at most `limit`."""
	matches = []
	for candidate in candidates:
		if candidate.key == query.key:
			continue
		value, reasons = score(query, candidate, weights)
		if value >= min_score and reasons:
			record = candidate.record
			matches.append(Match(record.doctype, str(record.name), record.title, value, reasons))
	matches.sort(key=lambda m: (-m.score, m.doctype, m.name))
	return matches[:limit]


def duplicate_pairs(
	records: Sequence[Prepared],
	weights: TokenWeights,
	min_score: int,
	key_cap: int = KEY_CAP,
	progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[int, int, int, tuple[Reason, ...]]]:
	"""(i, j, score, reasons) for every pair of `records` (i < j, positions) scoring `min_score` or more.

	Only records sharing a key are compared, and of those sharing only fuzzy keys (a word, the
	start or end of the name) only the ones whose names rapidfuzz finds alike enough: the work grows
	with the number of records, not with its square. `progress(done)` is called every 1,000 records.
	"""
	postings: dict[str, list[int]] = defaultdict(list)
	record_keys = []
	for position, record in enumerate(records):
		keys = query_keys(record)
		record_keys.append(keys)
		for key in keys:
			postings[key].append(position)
	names = [" ".join(record.tokens) for record in records]
	prefilter_cutoff = max(min_score - 10, 0)

	for i, keys in enumerate(record_keys):
		if progress and i and not i % 1000:
			progress(i)
		exact, fuzzy = set(), set()
		for key in keys:
			members = postings[key]
			if 1 < len(members) <= key_cap:
				(exact if key.startswith(EXACT_KEY_PREFIXES) else fuzzy).update(members)
		exact = {j for j in exact if j > i}
		alike = {j: names[j] for j in fuzzy if j > i and j not in exact}
		if alike:
			found = process.extract(
				names[i], alike, scorer=fuzz.token_sort_ratio, score_cutoff=prefilter_cutoff, limit=None
			)
			exact.update(j for _name, _similarity, j in found)
		for j in sorted(exact):
			value, reasons = score(records[i], records[j], weights)
			if value >= min_score and reasons:
				yield i, j, value, reasons
