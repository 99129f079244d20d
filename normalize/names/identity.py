"""Whether a matched spelling names the gazetteer entity: the identity policy of the names stage.

A names change claims that this mention *is* entity X. The matcher proposes; this module says
what the text around the match shows, reading the raw text next to it (no tokens needed):

* another person's name attached: a different given name or initials before a surname ("Bill
  Condon", "AR Rahman"), or a capitalised name after the word, which makes it a given name or
  part of a longer name ("Aiden McGeady", "Osama bin Laden", "Krispy Kreme");
* a place spelling inside another name: after a title or a given name ("Prince Georgy Lvov",
  "Chicken Kiev"), before another place's region ("Odessa, Texas"), before a product or a
  proper noun ("the Dnepr rocket", "Odessa Steps"), or inside one of the entity's `keep` phrases;
* evidence of identity: one of the entity's `context` phrases in the same sentence, or its
  bare head title right before the name ("Minister Kim Young-ho", but not "Trade Minister ...").
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from .gazetteer import Entity
from .phonetic import fold
from .words import is_common_word, is_known_name, is_known_word

TITLES = frozenset(
    "mr mrs ms dr messrs mme mlle herr frau sir dame lord lady gen col lt maj capt sgt adm sen rep gov "
    "president minister premier chancellor general colonel admiral ambassador secretary spokesman "
    "spokeswoman chairman leader commander deputy prime defence defense foreign interior envoy "
    "king queen prince princess sheikh emir ayatollah patriarch pope comrade marshal".split()
)
# Titles of people: a place spelling after one is a person's name ("Prince Lvov", "Count Odessa").
_PERSON_TITLES = frozenset("prince princess count countess duke duchess baron baroness tsar tsarina king queen "
                           "grand lord lady sir saint st mr mrs ms dr general gen".split())
# Regions that put a same-named town elsewhere: "Odessa, Texas", "Moscow, Idaho", "Saint Petersburg, Florida".
REGIONS = frozenset(fold(r) for r in (
    "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho "
    "Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota "
    "Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah "
    "Vermont Virginia Washington Wisconsin Wyoming Carolina Dakota Hampshire Jersey Mexico York "
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev "
    "Okla Ore Pa Tenn Tex Vt Va Wash Wis Wyo AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA "
    "MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY "
    "Ontario Quebec Alberta Manitoba Saskatchewan Nova Scotia Brunswick Newfoundland Columbia Queensland "
    "Victoria Tasmania Wales"
).split())
# Nouns after a place spelling that make it a product or an event name ("Dnepr rocket").
PRODUCT_NOUNS = frozenset("rocket rockets launcher launchers booster missile missiles class carrier cruiser "
                          "submarine destroyer frigate engine engines tank tanks tractor tractors motorcycle "
                          "motorcycles truck trucks locomotive locomotives camera cameras vodka cake chicken "
                          "brand".split())
# Words after a place that keep it the place ("Kharkov Oblast", "Kiev Mayor ...").
PLACE_HEADS = frozenset("region oblast province district city county governor mayor airport river "
                        "metro police court".split())
_CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april "
                      "may june july august september october november december".split())
# Capitalised only because they start a sentence, though the name list has some of them.
_SENTENCE_WORDS = frozenset("the then but and she he each when while after before yesterday today later also "
                            "still meanwhile earlier separately however this that there here if so as at in on "
                            "for from with by will may young long".split())
# matched right to left from the window's end: a forward search tries every start in the window
_WORD_BEFORE_RE = regex.compile(r"(\p{L}[\p{L}\p{M}.'’]*)[ \u00a0]\Z", regex.REVERSE)
_WORD_AFTER_RE = regex.compile(r"[ \u00a0]+(\p{L}[\p{L}\p{M}'’]*)")
# The same two for a word of ASCII letters and apostrophes (most words around names): str methods
# and a stdlib pattern, several times cheaper than a `regex` call; other words go to the patterns.
_ASCII_WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.'’"
_ASCII_WORD_AFTER_RE = re.compile(r"[ \xa0]+([A-Za-z][A-Za-z'’]*)")
_PARTICLE_AFTER_RE = regex.compile(r"[ \u00a0](?:bin|ibn|al|el|de|da|di|van|von|der|del|la|le)[ \u00a0-]\p{Lu}")
# ", Texas" / ", New York" / ", Fla." as a locator: what follows ends the name, it does not go on
# listing places ("Kiev, Washington and Moscow").
_REGION_AFTER_RE = regex.compile(r",[ \u00a0]+(?:(?:New|North|South|West|Rhode|British|Nova)[ \u00a0])?"
                                 r"(\p{Lu}[\p{L}.]*)(?![ \u00a0]+(?:and|or|&)\b|,[ \u00a0]*\p{Lu}|[ \u00a0]+\p{Lu})")
# What the `regex` module's \s matches (stdlib re's \s also takes U+001C-U+001F).
_REGEX_SPACES = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
# These two need no Unicode property, so stdlib re runs them (a literal class is searched for in C).
_APPOSITION_RE = re.compile(r"(?:['’]s)?,[ \xa0]+(?:a|an)[ \xa0]+([^,.;:!?\n]{1,80})")
# (one class first, so that stdlib re searches for it in C: "[.!?]...|\n..." would try the whole
# pattern at every position)
_SENTENCE_BREAK_RE = re.compile(rf"[.!?\n](?:(?<=[.!?])[\"'”’)\]]*[{_REGEX_SPACES}]|(?<=\n)[ \t]*\n)")
# A sentence starts after `(?:\A|[.!?:;"“‘(\[—–-]|\n)[\s"“‘(]*` (\s as `regex` reads it): what may
# stand before its first word, and the marks that end the sentence before.
_OPENING = _REGEX_SPACES + "\"“‘("
_SENTENCE_MARKS = frozenset(".!?:;\"“‘([—–-\n")
_LOOK = 48
# What the patterns above must start (or, matched in reverse, end) with: checked first, a
# character look-up is much cheaper than a regex call that fails.
_SPACES = frozenset(" \u00a0")
_PARTICLE_INITIALS = frozenset("biaedvl")
_APPOSITION_OPENERS = frozenset(",'’")


def word_before(text: str, start: int) -> tuple[str, int] | None:
    """The word right before `start`, separated by one space, and where it starts."""
    if text[start - 1 : start] not in _SPACES:  # ("" at the start of the text)
        return None
    lo = max(0, start - _LOOK)
    head = text[lo : start - 1]
    rest = head.rstrip(_ASCII_WORD_CHARS)
    if not rest or rest[-1].isascii():  # an ASCII character ends the run of word characters
        word = head[len(rest) :].lstrip(".'’")  # from its first letter
        return (word, start - 1 - len(word)) if word else None
    found = _WORD_BEFORE_RE.search(text, lo, start)
    return (found.group(1), found.start(1)) if found else None


def word_after(text: str, end: int) -> str | None:
    if text[end : end + 1] not in _SPACES:
        return None
    found = _ASCII_WORD_AFTER_RE.match(text, end)
    if found and text[found.end() : found.end() + 1].isascii():  # the word ends there for \p{L} too
        return found.group(1)
    found = _WORD_AFTER_RE.match(text, end)
    return found.group(1) if found and "\n" not in text[end : found.start(1)] else None


def at_sentence_start(text: str, start: int) -> bool:
    """Whether a sentence starts at `start` (looking 8 characters back): after the spaces, quotes
    and brackets before it, the text starts or a sentence mark stands (or one of those quotes or
    a line break is a sentence mark itself). str methods: a regex call costs several times more."""
    lo = max(0, start - 8)
    head = text[lo:start]
    rest = head.rstrip(_OPENING)
    if lo + len(rest) == 0:
        return True
    return (bool(rest) and rest[-1] in _SENTENCE_MARKS) or not _SENTENCE_MARKS.isdisjoint(head[len(rest) :])


def _titlecase(word: str) -> bool:
    return word[:1].isupper() and any(map(str.islower, word))


def _initials(word: str) -> bool:
    """"AR", "J.", "J.K.": a person's initials."""
    letters = word.replace(".", "")
    return 0 < len(letters) <= 3 and letters.isalpha() and letters.isupper() and (len(letters) > 1 or "." in word)


def another_name_before(text: str, start: int, entity: Entity, given: frozenset[str],
                        nouns_capitalised: bool = False) -> bool:
    """A name of someone or something else right before the match ("Bill Condon", "Prince Lvov").
    `nouns_capitalised`: German copy, where a capitalised word is a noun unless it is a known name
    ("Verteidigungsminister Schoigu")."""
    found = word_before(text, start)
    if found is None:
        return False
    word, word_start = found
    if not word[0].isupper():
        return False
    key = fold(word.rstrip("."))
    if key in given:
        return False  # the entity's own given name: evidence, not a conflict
    if entity.kind == "place":
        if key in _PERSON_TITLES:
            return True
        if key in TITLES or word.isupper():
            return False
    elif key in TITLES:
        return False
    if entity.kind == "person" and _initials(word):
        return True
    if not _titlecase(word) or key in _CALENDAR:  # "On Monday Shoygu said", "in May Kiev"
        return False
    if nouns_capitalised:
        return is_known_name(key) and key not in _SENTENCE_WORDS
    if at_sentence_start(text, word_start):  # "The Kiev office", "Then Saigu" are no names; "Maria Matvienko" is
        return not is_common_word(word) or (key not in _SENTENCE_WORDS and is_known_name(key))
    if entity.kind == "place":
        return True  # mid-sentence capitalised word: "Dynamo Kiev", "Chicken Kiev"
    # somebody's name ("Bill Condon"), or a word no dictionary knows ("Gustavo Parente Sanchez");
    # not a proper noun or adjective of the language ("Kremlin", "Russian")
    return is_known_name(key) or not (is_common_word(word) or is_known_word(word))


def introduced_as_someone_else(text: str, end: int, entity: Entity) -> bool:
    """"Kim Sung, a Seoul shopkeeper," / "Mr Gonzalez, a Texas rancher,": a person the writer
    introduces with an indefinite description that says nothing of the entity's role is not the
    well-known entity (who is introduced by title, if at all)."""
    if entity.kind != "person":
        return False
    found = _APPOSITION_RE.match(text, end) if text[end : end + 1] in _APPOSITION_OPENERS else None
    if not found:
        return False
    described = found.group(1).lower()
    return not any(word in described for phrase in entity.context for word in phrase.split() if len(word) > 3)


def longer_name_after(text: str, end: int, entity: Entity) -> bool:
    """The match is a given name or part of a longer name ("Aiden McGeady", "Odessa, Texas")."""
    particle_next = text[end : end + 1] in _SPACES and text[end + 1 : end + 2] in _PARTICLE_INITIALS
    if particle_next and _PARTICLE_AFTER_RE.match(text, end):
        return entity.kind == "person" or entity.kind == "place"
    if entity.kind == "place":
        region = _REGION_AFTER_RE.match(text, end) if text[end : end + 1] == "," else None
        if region and fold(region.group(1).rstrip(".")) in REGIONS:
            return True
    word = word_after(text, end)
    if word is None:
        return False
    key = fold(word)
    if entity.kind == "place" and key in PRODUCT_NOUNS:
        return True
    if not _titlecase(word) or key in TITLES or key in PLACE_HEADS:
        return False
    if key in _context_words(entity.context):
        return False  # its own head noun: "Vostochny Cosmodrome"
    if entity.kind == "place":
        return True
    return is_known_name(key) or not is_common_word(word)


def kept(text: str, start: int, end: int, entity: Entity) -> bool:
    """Inside one of the entity's `keep` phrases ("Battle of Kharkov")."""
    for phrase in entity.keep:
        lo = max(0, start - len(phrase))
        window = text[lo : end + len(phrase)].lower()
        pos = window.find(phrase)
        while pos != -1:
            if lo + pos <= start and end <= lo + pos + len(phrase):
                return True
            pos = window.find(phrase, pos + 1)
    return False


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence holding [start, end) (looked for within 400 characters)."""
    lo = max(0, start - 400)
    first = _last_break_end(text, lo, start)
    after = _SENTENCE_BREAK_RE.search(text, end, min(len(text), end + 400))
    return first, after.start() + 1 if after else min(len(text), end + 400)


def _last_break_end(text: str, lo: int, start: int) -> int:
    """Where the last sentence break of text[lo:start] ends (lo if none), as a scan from lo
    finds it. Most sentences are short: the scan starts 100 characters back when a letter or
    digit stands there (no break holds one, so from there a scan meets the same breaks)."""
    near = start - 100
    last = None
    if near > lo and text[near].isalnum():
        for last in _SENTENCE_BREAK_RE.finditer(text, near, start):
            pass
        if last is not None:
            return last.end()
        start = near  # no break after it: the last one, if any, ends before it
    for last in _SENTENCE_BREAK_RE.finditer(text, lo, start):
        pass
    return last.end() if last is not None else lo


def _has_phrase(haystack: str, needle: str) -> bool:
    """`needle` as whole words in `haystack` (str.find: a regex per phrase costs more to compile)."""
    pos = haystack.find(needle)
    while pos != -1:
        end = pos + len(needle)
        if (pos == 0 or not haystack[pos - 1].isalnum()) and (end == len(haystack) or not haystack[end].isalnum()):
            return True
        pos = haystack.find(needle, pos + 1)
    return False


@lru_cache(maxsize=4096)
def _context_words(context: tuple[str, ...]) -> frozenset[str]:
    """Every word of the context phrases."""
    return frozenset(word for phrase in context for word in phrase.split())


@lru_cache(maxsize=4096)
def _heads(context: tuple[str, ...]) -> frozenset[str]:
    """The last word of each context phrase: "Minister" of "defence minister"."""
    return frozenset(phrase.split()[-1] for phrase in context)


def context_evidence(text: str, start: int, end: int, entity: Entity) -> str:
    """The entity's role or title in the same sentence, or its bare head title right before."""
    if not entity.context:
        return ""
    lo, hi = sentence(text, start, end)
    window = text[lo:hi]
    lowered = window.lower()
    for phrase in entity.context:
        # Short context words are acronyms ("mit", "fsb"): only their upper-case form counts.
        if _has_phrase(window, phrase.upper()) if len(phrase) <= 4 else _has_phrase(lowered, phrase):
            return f"'{phrase}' nearby"  # in the same sentence
    found = word_before(text, start)
    if found:
        word, word_start = found
        if word.lower() in _heads(entity.context) and word[0].isupper():
            qualifier = word_before(text, word_start)
            if qualifier is None or not qualifier[0][0].isupper():
                return f"title '{word}'"
    return ""
