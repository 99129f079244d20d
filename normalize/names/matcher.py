"""Finding names in text: exact variants in one pass, then near-misses, then the identity policy.

The text is cut into word tokens once; a capitalised token whose key starts a known spelling
tries the longest n-gram first, so "Kim Young-ho" wins over anything shorter. A token that
matches nothing may be a near-miss ("Saigu"): a candidate only when its sound key is one edit
from a surname or place, it is no English word and nobody's name in its own right (the name
veto list), and not a female form of a male surname (Lavrova is not Lavrov).

A change claims that the mention *is* the entity, so it is made only when identity is beyond
reasonable doubt (see identity.py): a listed or standard spelling with no other name attached,
or a doubtful one (near miss, foreign-press or accent-only spelling, generated Korean
romanisation, a common surname) with the entity's own given name attached, the rest of the place
name, or the entity's role in the same sentence. Being named elsewhere in the text is no
evidence. Everything weaker is an `info` finding with a suggestion.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import partial
from typing import Callable, NamedTuple

import regex

from ..edits import Edit, Finding, LineIndex
from .gazetteer import Entity, Gazetteer
from .identity import (TITLES, another_name_before, context_evidence, introduced_as_someone_else, kept,
                       longer_name_after)
from .index import FuzzyTarget, Hit, NameIndex
from .phonetic import deletions, distance, fold, sound_key, within_one
from .variants import SPLIT_RE, EXPLICIT, LOSSY, name_parts
from .words import is_common_word, is_known_name, is_known_word

CATEGORY = "transliteration"
# Names are capitalised words, the lowercase half of a hyphenated name ("Jong-un") and the
# lowercase particles inside some ("bin Salman", "al-Assad"). Only those become tokens: the
# regex engine skips lowercase prose, and two tokens with a lowercase word between them are
# not adjacent (the separator check fails).
_WINDOW_BEFORE = 32  # given names and titles before a candidate
_WINDOW_AFTER = 40  # the rest of a multi-word name after it
_PARTICLE_WORD_RE = regex.compile(r"\w+")
_NEXT_WORD_RE = regex.compile(r"(?:[ \u00a0\u2010\u2011-]|\r?\n)+(\w+)")
_PAIR_OPENERS = frozenset(" \u00a0\u2010\u2011-\r\n")
NO, YES, PREFIX, CANONICAL = 0, 1, 2, 3
_CAPITAL_WORD_RE = regex.compile(r"\b\p{Lu}\w*")
_CAPITAL_RE = regex.compile(r"\b\p{Lu}\w*(?:['’ʼ]\w+)*")
# Marks no name spans: none is a word character, a space, a hyphen or an apostrophe to either
# regex engine (characters not listed here are taken to be part of a name's stretch of text).
_PUNCTUATION_RE = re.compile(r"[.,;:!?()\[\]{}\"“”„«»‹›/\\|<>=+*&%$#@~^`…•·—–]")
_HYPHEN_TAIL_RE = regex.compile(r"[-\u2010\u2011](\w+(?:['’ʼ]\w+)*)")
PARTICLES = frozenset({"al", "el", "bin", "bint", "ibn", "abu", "abd", "ul", "ud", "de", "da", "di", "do", "dos",
                       "du", "del", "della", "der", "den", "van", "von", "la", "le", "ter", "ten", "zu", "y", "e"})
_GAP_PARTICLES_RE = regex.compile(r"[ \u00a0]+((?:\w+[ \u00a0-])+)$")
_GAP_OPENERS = frozenset(" \u00a0")  # first and last characters a gap _GAP_PARTICLES_RE matches
_GAP_CLOSERS = frozenset(" \u00a0-\n")  # ($ also matches before a final line break)
_HYPHENS = frozenset("-\u2010\u2011")
_SEPARATORS = frozenset({" ", "-", "\u00a0", "\u2010", "\u2011", "\n", "\r\n", "\t"})
_FEMALE_ENDINGS = ("a", "aya", "aia", "ая")
_TITLES = TITLES
_NAME_EVIDENCE = ("given name", "rest of the name")
_MIN_NEAR_MISS = 5  # shorter near misses ("Merc" for Merz) are too often other words


class _Token(NamedTuple):
    start: int
    end: int  # end of the stem (before a possessive 's)
    capital: bool
    possessive: bool
    key: str  # folded lookup key: every token of a window is looked up
    skip: bool = False


# Tokens are made through tuple.__new__ with all six fields: a C call, where the class call
# runs a Python __new__ per word (a matcher looks at thousands of words of name-dense copy).
_new_token = partial(tuple.__new__, _Token)


@dataclass
class _Match:
    start: int
    end: int
    entity: Entity
    role: str  # "full" | "surname" | "given+surname" | "part"
    tier: int
    fuzzy: bool = False
    close: bool = True  # same sound key: worth a finding even without evidence
    position: int = 0  # for role "part": which word of the name
    part_count: int = 0
    evidence: str = ""


class NameMatcher:
    """Proposes `names.<id>` edits and findings for one house style (None: canonical)."""

    def __init__(self, gazetteer: Gazetteer, style: str | None = None) -> None:
        self.gazetteer = gazetteer
        self.style = style
        self.index: NameIndex = gazetteer.index()
        # capitalised words already judged, by verdict (see _could_be_name)
        self._judged: set[str] = set()
        self._verdicts: dict[str, int] = {}  # judged words that could be (part of) a name
        self._interesting: set[str] = set()  # the keys of _verdicts, as a set for intersections
        self._yes: set[str] = set()  # the words judged YES, and those judged PREFIX, for intersections
        self._prefix: set[str] = set()
        # a PREFIX word -> the words that can follow it, and the particles after it ("Mohammed bin")
        self._after_prefix: dict[str, tuple[frozenset[str] | set[str], tuple[str, ...] | None]] = {}
        # first two words of every multi-word spelling: "Mark" alone is no name, "Mark Rutte" is
        self._pairs = {" ".join(k.split(" ")[:2]) for k in self.index.exact if " " in k}
        # first word -> how the words that can follow it are written ("rutte": Rutte, RUTTE, rutte)
        self._seconds: dict[str, set[str]] = {}
        particles: dict[str, set[str]] = {}
        for pair in self._pairs:
            first, second = pair.split(" ")
            self._seconds.setdefault(first, set()).update({second, second.title(), second.upper()})
            if second in PARTICLES:
                particles.setdefault(first, set()).update({f" {second} ", f" {second}-"})
        self._particles_after: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in particles.items()}
        self._settled_pairs = self._house_pairs()
        self._folded: dict[str, str] = {}
        self._nearest_cache: dict[str, tuple[FuzzyTarget, str] | None] = {}
        self._replacements: dict[tuple[int, str, bool, int, int], str | None] = {}

    def find(self, text: str, protected: Callable[[int, int], bool] | None = None,
             capitals: frozenset[str] | None = None,
             urls: Callable[[], list[tuple[int, int]]] | None = None) -> tuple[list[Edit], list[Finding]]:
        """`capitals`: the text's distinct capitalised words, when the caller already has them;
        `urls`: gives the text's URL and e-mail spans (Document.url_spans), asked only when needed."""
        windows = self._windows(text, capitals)
        if not windows:
            return [], []
        tokens = _tokenize(text, windows, urls() if urls is not None else _skip_spans(text))
        matches, loose = self._exact(text, tokens)
        matches += self._fuzzy(text, tokens, loose)
        fixes: list[tuple[_Match, str]] = []
        doubtful: list[tuple[_Match, str, str, str]] = []
        proposed: list[tuple[_Match, str, str, str]] = []
        elsewhere: set[str] = set()  # spellings this text shows to name someone or something else
        for match in matches:
            replacement = self._replacement(match)
            original = text[match.start : match.end]
            if original.isupper() and replacement is not None:
                replacement = replacement.upper()  # a headline keeps its capitals (as _edits does)
            if replacement is None or " ".join(original.split()) == replacement:
                continue  # same spelling; a line break inside a name is no variant
            if protected is not None and protected(match.start, match.end):
                continue  # (asked only here: a text whose names are all spelt right needs no protected spans)
            doubt = self._doubt(match, original, replacement)
            key = fold(original)
            if _named_elsewhere(match, key, elsewhere):
                # the second loop drops this mention unless its entity's role or title is found
                # next to it: without that, reading the words around it could change nothing
                if not (doubt or match.entity.family_first):
                    continue
                match.evidence = context_evidence(text, match.start, match.end, match.entity)
                if not match.evidence:
                    continue
            # (another name attached is read first: the role or title nearby cannot outweigh it,
            # see _could_be_entity, so it is looked for only when there is none)
            if not self._could_be_entity(text, match):
                elsewhere.add(key)
                continue
            if (doubt or match.entity.family_first) and not match.evidence:
                match.evidence = context_evidence(text, match.start, match.end, match.entity)
            if (doubt or match.entity.family_first) and not match.evidence and introduced_as_someone_else(
                text, match.end, match.entity
            ):
                elsewhere.add(key)
            elif not (match.entity.keep and kept(text, match.start, match.end, match.entity)):
                proposed.append((match, original, replacement, doubt))  # ("Battle of Kharkov" is kept, alone)
        for match, original, replacement, doubt in proposed:
            # "Prince Georgy Lvov ... Lvov believed", "Odessa, Texas ... the Odessa plant": once the
            # text shows whom a spelling names, its bare mentions name the same one.
            if _named_elsewhere(match, fold(original), elsewhere):
                continue
            if doubt and not match.evidence:
                if doubt != "foreign-press spelling" or not is_known_name(fold(original)):  # Nowak is a Nowak
                    doubtful.append((match, original, replacement, doubt))
            else:
                fixes.append((match, replacement))
        edits = [edit for match, replacement in sorted(fixes, key=lambda f: f[0].start)
                 for edit in self._edits(text, match, replacement)]
        findings: list[Finding] = []
        if doubtful:
            # a few findings are placed by counting line breaks; many, through an index of the lines
            position = LineIndex(text).position if len(doubtful) > 8 else partial(_line_and_column, text)
            findings = [self._finding(match, original, replacement, doubt, position)
                        for match, original, replacement, doubt in doubtful if match.close]
        return edits, findings

    def _could_be_entity(self, text: str, match: _Match) -> bool:
        """False when the words around the match make it another person or another name."""
        entity = match.entity
        if match.role in ("part", "given+surname") or match.evidence in _NAME_EVIDENCE:
            return True  # its own given name or the rest of its name (a role nearby does not outweigh another name)
        if match.role == "full" and entity.kind == "person" and " " in text[match.start : match.end].strip():
            return not longer_name_after(text, match.end, entity)  # a whole name: what comes before is no given name
        if self._other_name_before(text, match):
            return False
        return not longer_name_after(text, match.end, entity)

    def _other_name_before(self, text: str, match: _Match) -> bool:
        """Someone else's given name or initials before the surname ("Olga Nowak", "AR Rahman")."""
        return another_name_before(text, match.start, match.entity, self.index.given.get(match.entity.id, frozenset()),
                                   nouns_capitalised=self.style == "de")

    def _doubt(self, match: _Match, original: str, replacement: str) -> str:
        """Why this spelling alone does not prove identity ("" when it does)."""
        if match.fuzzy:
            return "near miss"
        if match.tier == LOSSY:
            return "foreign-press spelling"
        if match.entity.family_first and match.tier > EXPLICIT:
            return "romanisation shared by many people"
        if match.role == "surname":
            if _accents_only(match, original, replacement):
                return "accents only"
            if is_known_name(fold(original)):
                return "a common surname"
        return ""

    def _windows(self, text: str, capitals: frozenset[str] | None = None) -> list[tuple[int, int]]:
        """Stretches of text around capitalised words that could be (part of) a name.

        Most capitalised words are sentence starts and ordinary names; deciding once per
        distinct word (and remembering it) and tokenising only around the candidates keeps
        the cost of an article near one regex scan.
        """
        words = capitals if capitals is not None else frozenset(_CAPITAL_WORD_RE.findall(text))
        verdicts = self._verdicts
        # set operations in C; new words are judged once (a subset test allocates nothing:
        # after a corpus's first articles, most have no new capitalised word)
        for word in (() if words <= self._judged else words - self._judged):
            verdict = self._could_be_name(word)
            self._judged.add(word)
            if verdict in (YES, PREFIX):  # a house spelling alone needs no look (mentions prove nothing)
                verdicts[word] = verdict
                self._interesting.add(word)
                if verdict == YES:
                    self._yes.add(word)
                else:
                    key = self._fold(word)
                    self._prefix.add(word)
                    self._after_prefix[word] = (self._seconds.get(key, frozenset()), self._particles_after.get(key))
        if len(self._judged) > 200_000:  # bounded memory in a long-running ingester
            self._judged.clear()
            self._interesting.clear()
            self._yes.clear()
            self._prefix.clear()
            self._after_prefix.clear()
            verdicts.clear()
        interesting = words & self._interesting  # the one set operation most articles need
        if not interesting:
            return []
        candidates = list(interesting & self._yes)  # (the few words found: no more passes over the text's)
        prefixes = interesting.difference(candidates)
        # "Mark" is worth a look only if a "Rutte" (or another word that can follow it) is in the
        # text too, or a particle that can follow it ("Mohammed bin"). (The few words that can
        # follow are looked up among the text's, not the text's among all that can follow.)
        after_prefix = self._after_prefix
        for word in prefixes:
            seconds, probes = after_prefix[word]
            if not seconds.isdisjoint(words):
                candidates.append(word)
            elif probes and any(text.startswith(probes, end) for _, end in _occurrences(text, word)):
                candidates.append(word)
        if not candidates:
            return []
        windows: list[tuple[int, int]] = []
        for word_start, word_end in sorted(span for word in candidates for span in _occurrences(text, word)):
            if text[word_start:word_end] in prefixes and not self._starts_pair(text, word_start, word_end):
                continue
            start = text.rfind(" ", 0, max(0, word_start - _WINDOW_BEFORE)) + 1
            end = text.find(" ", word_end + _WINDOW_AFTER)
            start, end = _clause(text, start, word_start, word_end, len(text) if end == -1 else end)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
            else:
                windows.append((start, end))
        return windows

    def _fold(self, word: str) -> str:
        folded = self._folded.get(word)
        if folded is None:
            if len(self._folded) > 200_000:
                self._folded.clear()
            folded = self._folded[word] = fold(word)
        return folded

    def _could_be_name(self, word: str) -> int:
        """YES: a spelling or near miss on its own; PREFIX: only the first word of longer
        spellings; CANONICAL: a word of the house spelling that starts nothing longer."""
        key = fold(word)
        hits = self.index.exact.get(key)
        if hits:
            if all(hit.tier == 0 and self._house_word(word, self.gazetteer.by_id[hit.entity].spelling(self.style))
                   for hit in hits):
                # house-spelt alone; if it starts longer spellings ("Geneva Conventions"), only
                # the words that can follow it are worth a look
                return CANONICAL if key not in self._seconds else PREFIX
            return YES
        # cheapest rejection first: length, a set lookup in the name list, then the near-miss
        # index (which rules out most words without loading the English word list)
        fuzzy = len(key) >= _MIN_NEAR_MISS and key not in self.index.all_given and not is_known_name(key)
        if fuzzy and self._nearest(key) is not None and not is_known_word(word):
            return YES
        return PREFIX if key in self.index.first else NO

    @staticmethod
    def _house_word(word: str, spelling: str) -> bool:
        """A word of the house spelling as written, or in capitals ("SEOUL" in a dateline: a
        match all in capitals keeps its capitals, so it would be left as it is)."""
        return word in SPLIT_RE.split(spelling) or word.isupper() and word in SPLIT_RE.split(spelling.upper())

    def _starts_pair(self, text: str, start: int, end: int) -> bool:
        """Whether the word at start:end and the next one start a longer spelling, other than
        a two-word house spelling written as the house writes it."""
        if text[end : end + 1] not in _PAIR_OPENERS:  # what _NEXT_WORD_RE must start with
            return False
        following = _NEXT_WORD_RE.match(text, end)
        if not following or f"{fold(text[start:end])} {fold(following.group(1))}" not in self._pairs:
            return False
        return following.start(1) != end + 1 or text[start : following.end(1)] not in self._settled_pairs

    def _house_pairs(self) -> frozenset[str]:
        """Two-word house spellings of this style that start no longer spelling ("Vladimir
        Putin"), and the same in capitals: written so, with one space, their exact match can only
        leave them as they are. On the way, the words that can follow a first word get the
        house's own second word ("Sánchez", "SÁNCHEZ" after "Pedro"): a house-spelt word opens no
        window of its own (see _could_be_name), so the word before it must."""
        longer = {" ".join(k.split(" ")[:2]) for k in self.index.exact if k.count(" ") >= 2}
        by_id, exact = self.gazetteer.by_id, self.index.exact
        settled: set[str] = set()
        for pair in self._pairs:
            hits = exact.get(pair, ())
            spellings = {by_id[hit.entity].spelling(self.style) for hit in hits}
            first, second = pair.split(" ")
            for spelling in spellings:
                words = SPLIT_RE.split(spelling) if "-" in spelling or "\u2010" in spelling or "\u2011" in spelling \
                    else spelling.split()
                if len(words) > 1 and fold(words[0]) == first and fold(words[1]) == second:
                    self._seconds[first].update((words[1], words[1].upper()))
            if hits and pair not in longer and len(spellings) == 1 and all(hit.tier == 0 for hit in hits):
                spelling = spellings.pop()
                if spelling.count(" ") == 1 and fold(spelling) == pair:
                    settled.update((spelling, spelling.upper()))  # in capitals, a match keeps them
        return frozenset(settled)

    # -- exact ---------------------------------------------------------------------------------

    def _exact(self, text: str, tokens: list[_Token]) -> tuple[list[_Match], list[int]]:
        """Longest exact spellings left to right; returns matches and unmatched capitalised tokens."""
        index = self.index
        matches: list[_Match] = []
        loose: list[int] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if not token.capital or token.skip:
                i += 1
                continue
            found = self._longest(text, tokens, i) if token.key in index.first else None
            if found is None:
                loose.append(i)
                i += 1
                continue
            count, hit = found
            match = self._exact_match(text, tokens, i, count, hit)
            if match is not None:
                matches.append(match)
            i += count
        return matches, loose

    def _longest(self, text: str, tokens: list[_Token], i: int) -> tuple[int, Hit] | None:
        keys = [tokens[i].key]
        for j in range(i + 1, min(len(tokens), i + self.index.max_tokens)):
            if tokens[j - 1].possessive or tokens[j].skip or text[tokens[j - 1].end : tokens[j].start] not in _SEPARATORS:
                break
            keys.append(tokens[j].key)
        for count in range(len(keys), 0, -1):
            hits = self.index.exact.get(" ".join(keys[:count]))
            if hits:
                return count, hits[0]
        return None

    def _exact_match(self, text: str, tokens: list[_Token], i: int, count: int, hit: Hit) -> _Match | None:
        entity = self.gazetteer.by_id[hit.entity]
        first, last = tokens[i], tokens[i + count - 1]
        if count == 1 and hit.tier > 0 and is_common_word(text[first.start : first.end]):
            return None  # a generated spelling that is also an English word ("Young", "Mir")
        match = _Match(first.start, last.end, entity, hit.role, hit.tier)
        if hit.role == "surname":  # another given name before it is judged in find(), for the whole text
            self._extend_given(text, tokens, i, match)
        return match

    def _extend_given(self, text: str, tokens: list[_Token], i: int, match: _Match) -> None:
        """Take in the given name before a surname ("Sergey Shoygu"): evidence and a fix."""
        given = self.index.given.get(match.entity.id)
        if not given:
            return
        key = ""
        for j in (i - 1, i - 2):  # one given name, then two ("Kim Jong", "Mohammed bin")
            if j < 0:
                return
            token = tokens[j]  # (the tokens after it passed these checks in the first round)
            if token.possessive or not token.capital or text[token.end : tokens[j + 1].start] not in _SEPARATORS:
                return
            key = f"{token.key} {key}" if key else token.key
            if key in given:
                match.start = token.start
                match.role = "given+surname"
                match.evidence = "given name"
                return

    # -- fuzzy ---------------------------------------------------------------------------------

    def _fuzzy(self, text: str, tokens: list[_Token], loose: list[int]) -> list[_Match]:
        matches: list[_Match] = []
        verdicts = self._verdicts  # every word that has a near target was judged YES
        for i in loose:
            token = tokens[i]
            word = text[token.start : token.end]
            if verdicts.get(word) != YES:
                continue
            if len(token.key) < _MIN_NEAR_MISS or token.key in self.index.all_given or (word.isupper() and len(word) <= 5):
                continue
            if is_known_word(word) or is_known_name(token.key):  # "The", "Paris"; "Condon", "Nowak"
                continue
            nearest = self._nearest(token.key)
            if nearest is None:
                continue
            target, spelling = nearest
            if _different_person(token.key, target.role, spelling):
                continue
            entity = self.gazetteer.by_id[target.entity]
            match = _Match(token.start, token.end, entity, target.role, LOSSY, fuzzy=True,
                           position=target.position, part_count=len(target.tokens))
            match.close = sound_key(token.key) == target.skey
            if target.role == "surname":
                self._extend_given(text, tokens, i, match)
                if match.role == "given+surname":
                    match.start = token.start  # keep the given name as written; it only corroborates
                    match.role = "surname"
            elif target.role == "part":
                self._check_part(text, tokens, i, target, match)
            matches.append(match)
        return matches

    def _nearest(self, key: str) -> tuple[FuzzyTarget, str] | None:
        """The one entity whose sound key is within one edit and whose spelling is close
        (remembered per key: an article repeats its names, a corpus its vocabulary)."""
        if key not in self._nearest_cache:
            if len(self._nearest_cache) > 100_000:
                self._nearest_cache.clear()
            self._nearest_cache[key] = self._search_nearest(key)
        return self._nearest_cache[key]

    def _search_nearest(self, key: str) -> tuple[FuzzyTarget, str] | None:
        skey = sound_key(key)
        if len(skey) < 4 or not self.index.may_be_near(skey):
            return None
        best: dict[str, tuple[int, FuzzyTarget, str]] = {}  # entity -> (distance, target, spelling)
        for probe in (skey, *deletions(skey)):
            for target in self.index.fuzzy.get(probe, ()):
                if target.skey != skey and (len(target.skey) < 5 or not within_one(target.skey, skey)):
                    continue
                for spelling in target.spellings:
                    if _derived(key, spelling):
                        continue
                    limit = min(3, max(1, len(spelling) // 3))  # the DP stops as soon as a row exceeds it
                    spelled = distance(key, spelling, limit)
                    if spelled > limit:
                        continue
                    if target.entity not in best or spelled < best[target.entity][0]:
                        best[target.entity] = (spelled, target, spelling)
        if not best:
            return None
        ranked = sorted(best.values(), key=lambda item: item[0])
        if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
            return None  # two entities equally close: not ours to choose
        return ranked[0][1], ranked[0][2]

    def _check_part(self, text: str, tokens: list[_Token], i: int, target: FuzzyTarget, match: _Match) -> None:
        start = i - target.position
        if start < 0 or start + len(target.tokens) > len(tokens):
            return
        for offset, expected in enumerate(target.tokens):
            if offset != target.position and tokens[start + offset].key != expected:
                return
            if offset and text[tokens[start + offset - 1].end : tokens[start + offset].start] not in _SEPARATORS:
                return
        match.evidence = "rest of the name"

    # -- decisions -----------------------------------------------------------------------------

    def _replacement(self, match: _Match) -> str | None:
        # the same for every match of one entity in one role (entities live as long as the matcher)
        key = (id(match.entity), match.role, match.fuzzy, match.position, match.part_count)
        if key not in self._replacements:
            self._replacements[key] = self._work_out_replacement(match)
        return self._replacements[key]

    def _work_out_replacement(self, match: _Match) -> str | None:
        entity = match.entity
        full = entity.spelling(self.style)
        given, surname = name_parts(entity, full)
        if match.role == "full" and not match.fuzzy:
            return full
        if match.role in ("surname", "full"):
            return surname if entity.kind == "person" else full
        if match.role == "given+surname":
            return f"{given} {surname}" if given else surname
        words = [w for w in SPLIT_RE.split(full) if w]
        if len(words) != match.part_count:
            return None
        return words[match.position]

    def _edits(self, text: str, match: _Match, replacement: str) -> list[Edit]:
        original = text[match.start : match.end]
        if original.isupper() and sum(c.isalpha() for c in original) > 1:
            replacement = replacement.upper()
        edits = []
        for start, end, after in _unit_diff(original, replacement):
            before = original[start:end]
            edits.append(Edit(match.start + start, match.start + end, after, match.entity.rule, CATEGORY,
                              self._message(match, before), safe=True))
        return edits

    def _message(self, match: _Match, before: str) -> str:
        entity = match.entity
        spelled = f"{self.style} spelling" if self.style and self.style in entity.styles else "standard spelling"
        target = entity.spelling(self.style)
        if match.fuzzy or match.tier == LOSSY:
            return f"{target}: {spelled} (near-miss '{before}'; {match.evidence})"
        return f"{target}: {spelled} (variant '{before}')"

    def _finding(self, match: _Match, original: str, replacement: str, doubt: str,
                 position: Callable[[int], tuple[int, int]]) -> Finding:
        line, column = position(match.start)
        target = match.entity.spelling(self.style)
        return Finding(match.entity.rule, CATEGORY, "info", match.start, match.end, original,
                       f"{target}: '{original}' may mean this entity ({doubt}; no identity evidence nearby)",
                       line=line, column=column, suggestion=replacement)


def _named_elsewhere(match: _Match, key: str, elsewhere: set[str]) -> bool:
    """The text has shown the spelling (folded: `key`) to name someone else, and neither the
    entity's given name nor its role ties this mention to it: the mention is dropped."""
    return key in elsewhere and match.role != "given+surname" and not match.evidence


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of `offset`, as LineIndex.position gives it."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def _clause(text: str, start: int, word_start: int, word_end: int, end: int) -> tuple[int, int]:
    """The part of the window [start, end) around a word that no punctuation mark interrupts. A
    name, with its given names, particles and hyphenated parts, never spans one (the tokens of a
    name are one space, hyphen or particle apart), and a name the word is not part of can change
    nothing: the matcher need not tokenise the rest of the window ("said Alexis Sanchez, the
    Arsenal striker": only "said Alexis Sanchez")."""
    before = _PUNCTUATION_RE.search(text[start:word_start][::-1])
    after = _PUNCTUATION_RE.search(text, word_end, end)
    return word_start - before.start() if before else start, after.start() if after else end


def _occurrences(text: str, word: str) -> list[tuple[int, int]]:
    """Whole-word occurrences of `word`, by str.find: cheaper than compiling a regex per text."""
    spans = []
    size = len(word)
    pos = text.find(word)
    while pos != -1:
        end = pos + size
        before = text[pos - 1 : pos]  # "" at either end of the text
        after = text[end : end + 1]
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):  # whole words
            spans.append((pos, end))
        pos = text.find(word, end)
    return spans


def _tokenize(text: str, windows: list[tuple[int, int]], skips: list[tuple[int, int]]) -> list[_Token]:
    """Tokens of the windows, in order; a skipped, empty token between windows keeps them apart.
    `skips`: the text's URL and e-mail spans (names inside them are not prose)."""
    starts = [s for s, _ in skips]
    tokens: list[_Token] = []
    append = tokens.append
    finditer, token_of, new_token = _CAPITAL_RE.finditer, _token, _new_token  # (locals: looked up per word)
    size = len(text)
    for window_start, window_end in windows:
        if tokens:
            append(new_token((window_start, window_start, False, False, "", True)))
        previous_end = -1
        for m in finditer(text, window_start, window_end):
            span_start, span_end = m.span()
            # a particle gap starts with a space and ends with one, a hyphen or a line break
            if (2 <= span_start - previous_end <= 12 and previous_end >= 0 and text[previous_end] in _GAP_OPENERS
                    and text[span_start - 1] in _GAP_CLOSERS):
                for start, end in _particles_before(text, previous_end, span_start):
                    append(token_of(text, start, end, skips, starts))
            raw = m.group()
            if skips or (len(raw) > 2 and raw[-2] in "'’ʼ"):  # the rare cases: a URL nearby, a possessive
                append(token_of(text, span_start, span_end, skips, starts))
            else:
                append(new_token((span_start, span_end, raw[0].isupper(), False, fold(raw), False)))
            previous_end = span_end
            if span_end < size and text[span_end] in _HYPHENS:  # most words have no hyphenated tail
                tail = _HYPHEN_TAIL_RE.match(text, span_end)
                while tail and not tail.group(1)[0].isupper():  # an uppercase tail is the next match
                    start, previous_end = tail.span(1)
                    append(token_of(text, start, previous_end, skips, starts))
                    tail = _HYPHEN_TAIL_RE.match(text, tail.end())
    return tokens


def _token(text: str, start: int, end: int, skips: list[tuple[int, int]], starts: list[int]) -> _Token:
    raw = text[start:end]
    possessive = len(raw) > 2 and raw[-1] in "sS" and raw[-2] in "'’ʼ"
    if possessive:
        raw, end = raw[:-2], end - 2
    skip = False
    if skips:
        k = bisect.bisect_right(starts, start) - 1
        skip = k >= 0 and skips[k][1] >= end
    return _new_token((start, end, raw[0].isupper(), possessive, fold(raw), skip))


def _particles_before(text: str, previous_end: int, start: int) -> list[tuple[int, int]]:
    """Lowercase particles between two capitalised words ("Mohammed bin Salman")."""
    if previous_end < 0 or not 2 <= start - previous_end <= 12:
        return []
    gap = _GAP_PARTICLES_RE.match(text, previous_end, start)
    if not gap:
        return []
    words = list(_PARTICLE_WORD_RE.finditer(text, gap.start(1), gap.end(1)))
    if not all(w.group() in PARTICLES for w in words):
        return []
    return [w.span() for w in words]


def _skip_spans(text: str) -> list[tuple[int, int]]:
    """URLs and e-mail addresses: names inside them are not prose."""
    from ..document import url_spans

    return url_spans(text)


def _accents_only(match: _Match, original: str, replacement: str) -> bool:
    """A surname alone that differs only by accents may be another person (Michał, not Michal)."""
    return match.role == "surname" and fold(original) == fold(replacement) and original.lower() != replacement.lower()


def _derived(word: str, target: str) -> bool:
    """A derivation or truncation of the target (Russian/Russia), not a misspelling."""
    return word != target and (word.startswith(target) or target.startswith(word))


def _different_person(word: str, role: str, spelling: str) -> bool:
    """Female surname forms are other people: Lavrova is not Lavrov."""
    return role == "surname" and word.endswith(_FEMALE_ENDINGS) != spelling.endswith(_FEMALE_ENDINGS)


_UNIT_RE = regex.compile(r"[\p{L}\p{M}\p{N}'’ʼ_]+|[^\p{L}\p{M}\p{N}'’ʼ_]+")  # words, and what separates them


def _unit_diff(original: str, replacement: str) -> list[tuple[int, int, str]]:
    """Edits covering whole differing words (and separators), so the report reads naturally."""
    units_a = _UNIT_RE.findall(original)
    units_b = _UNIT_RE.findall(replacement)
    if len(units_a) != len(units_b):
        return [(0, len(original), replacement)]
    edits: list[tuple[int, int, str]] = []
    pos = 0
    for a, b in zip(units_a, units_b):
        if a != b and not (a.isspace() and b.isspace()):  # a line break inside a name stays
            if edits and edits[-1][1] == pos:
                start, _, after = edits[-1]
                edits[-1] = (start, pos + len(a), after + b)
            else:
                edits.append((pos, pos + len(a), b))
        pos += len(a)
    return edits
