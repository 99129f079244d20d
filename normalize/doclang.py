"""A document's main language, cheaply, and trustworthy on short texts.

Latin-script articles are classified by their function words: on a whole article this is
as reliable as a character-n-gram detector and costs microseconds. Short texts (headlines,
captions, one-liners) hold too few function words ("He met Mr Lee in Kiev." has "met" and
"in", both Dutch too), so when the function words do not settle it, each word is scored by
letter n-gram profiles of the Latin-script languages (normalize/data/langid/latin.json.gz,
built by tools/build_latin_profiles.py) plus a bonus for each function word. Capitalised
words weigh little: in news copy they are mostly names, which carry the language of the
person, not of the text. A guess below CONFIDENT is reported as undetermined, and the
pipeline then runs no language-specific stage. Other scripts go to `normalize.langid`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in is that for was with on as by at from his her it are were have has be this which".split()),
    "fr": frozenset("le la les des et du un une est dans pour que qui sur au aux pas par avec ce cette sont été".split()),
    "de": frozenset("der die das und ist nicht mit den dem des ein eine auf für von zu sich auch wurde sind".split()),
    "es": frozenset("el la los las y del en que por con una para es se al lo como pero más sus fue".split()),
    "it": frozenset("il lo la gli le di del della che è per con una non sono nel alla anche come dei".split()),
    "pt": frozenset("o a os as e do da dos das que em um uma para com não por no na é ao foi".split()),
    "nl": frozenset("de het een en van in is dat op te zijn met voor niet aan ook er door wordt".split()),
    "pl": frozenset("i w na z się nie do to że jest o jak po przez od za ale dla są".split()),
    "tr": frozenset("ve bir bu da de için ile olarak çok daha gibi ama olan kadar en ne değil".split()),
}
ANY_FUNCTION_WORD = frozenset().union(*FUNCTION_WORDS.values())
# Each function word as a text writes it (lower case, capitalised, in capitals), by that form:
# the head's words are looked up as they stand, since lower-casing a text beyond ASCII costs more
# than splitting it. Only forms that lower-case back to the word are listed (not "İçin").
_AS_WRITTEN = {form: word for word in ANY_FUNCTION_WORD
               for form in (word, word.capitalize(), word.title(), word.upper()) if form.lower() == word}
_WRITTEN_FORMS = frozenset(_AS_WRITTEN)
_LISTED = tuple(FUNCTION_WORDS)  # the languages with function-word lists, and each word's among them
_LANGUAGES_OF = {word: tuple(i for i, language in enumerate(_LISTED) if word in FUNCTION_WORDS[language])
                 for word in ANY_FUNCTION_WORD}

# Short texts: the commonest closed-class words of each language, headline verbs included
# ("says", "meets"); a word in several lists counts for each of them.
SHORT_TEXT_WORDS: dict[str, frozenset[str]] = {
    language: words | FUNCTION_WORDS[language]
    for language, words in {
        "en": frozenset("""a an not but or will would can could should may might must its their they he she we
            you our your who whom what when where why how than then there here into onto about after before over
            under against amid between during without within says said say meets met meet after up out off
            new more most also just only been being had do does did no yes all any some such these those
            s been he's it's don't won't can't isn't i one two three first last year years
            inc corp co ltd group unit sees net profit loss sales shares debt deal talks plan""".split()),
        "fr": frozenset("""l d qu n s c j il elle ils elles nous vous je on ne se sa son ses leur leurs mais ou
            où donc car y en à plus très tout tous toute toutes cet ces été être avoir a ont était fait
            comme après avant sous entre chez sans contre selon lors depuis notre votre aussi bien""".split()),
        "de": frozenset("""im am zum zur vom beim ins er sie es wir ihr ich man nach bei aus über unter vor gegen
            um durch ohne bis seit oder aber wenn dass als wie noch nur schon sehr hat haben hatte war waren
            wird werden kann können soll muss einen einem einer eines kein keine mehr dieser diese dieses
            jetzt hier dort""".split()),
        "es": frozenset("""un unos unas le les su mi tu nos ha han había hay era son está están ser estar sobre
            entre tras hasta desde hacia sin contra según durante ante cuando donde muy también ya este esta
            estos estas ese esa otro otra todo todos dijo tiene""".split()),
        "it": frozenset("""i un uno un' l dell nella nei negli nelle sul sulla sui dal dalla dai da in a al ai
            agli alle si ha hanno era è stato stata sono ma o se più molto tra fra dopo prima senza contro
            secondo anche questo questa quello quella suo sua loro ci ne""".split()),
        "pt": frozenset("""os às pelo pela pelos pelas num numa nos nas seu sua seus suas ele ela eles elas se
            mas ou mais muito também já está estão ser foi são tem têm entre sobre após até sem contra
            segundo disse isso este esta esse essa""".split()),
        "nl": frozenset("""een het van de en in op te dat die niet met zijn voor aan ook er door wordt hij zij
            ze we wij je ik maar of als bij uit naar om over tot nog al wel zo dan heeft hebben had was waren
            worden kan moet deze dit geen meer""".split()),
        "pl": frozenset("""w we z ze na do od po za przed przez dla bez pod nad przy o u i a ale lub oraz czy że
            się nie to jest są był była było byli jak już tylko jego jej ich ten ta te tego tej który która
            które także również może""".split()),
        "tr": frozenset("""ve bir bu şu o da de ki mi için ile gibi kadar sonra önce daha çok en ama fakat veya
            ya ise olan olarak oldu olduğu var yok değil her şey""".split()),
    }.items()
}

CONFIDENT = 0.7  # below this a short-text guess is "undetermined"
FUNCTION_WORD_BONUS = 5.0  # nats per function word of a language
TEMPERATURE = 1.0
# Log-priors. English is the copy this tool mostly sees; a text without a single accented
# letter is likelier English still. Languages without function-word lists (sv, ca, ro, ...)
# are candidates so that their texts are not forced into a neighbour, and must win clearly.
ENGLISH_PRIOR = 2.0
ASCII_ENGLISH_PRIOR = 1.0
UNLISTED_PRIOR = -8.0
NAME_WEIGHT = 0.2  # a capitalised word inside a sentence: most likely a name
INITIAL_WEIGHT = 0.6  # a sentence's first word: a name or an ordinary word
ACRONYM_WEIGHT = 0.05
MIN_WORDS = 3  # fewer words: undetermined ("Vladimir Putin", "service public")
MIN_EVIDENCE = 1.0  # total word weight below this, or no word in lower case: undetermined (names only)
SAMPLE_WORDS = 80
TITLE_CASE_WORDS = 5  # a text of this many words or more, all capitalised but these: title case
TITLE_CASE_LOWER = frozenset("a an the and or but nor for of in on at to by up as vs via per with from into".split())
# Latin-script words only: a Cyrillic or Greek phrase quoted in English copy says nothing about
# which Latin-script language the copy is in (scored by Latin profiles, it read as Romanian)
WORD = regex.compile(r"\p{Latin}+(?:['’-]\p{Latin}+)*|[.!?\"“”«»]")
UPPER = regex.compile(r"(?=\p{Latin})\p{Lu}")
SENTENCE_END = frozenset('.!?"“”«»')


@dataclass(frozen=True)
class Guess:
    language: str | None  # None: undetermined
    confidence: float
    best: str | None = None  # the likeliest language even when not confident


def latin_language(text: str, sample_chars: int = 1_200) -> tuple[str | None, float]:
    """Best language by the distinct function words of each language in a sample; (None, 0.0)
    without evidence. str.split and set intersections run in C (a regex alternation of all the
    words is ten times slower); ties go to the earlier language of FUNCTION_WORDS, English first."""
    words = set(text[:sample_chars].lower().split())
    ranked = sorted(((len(words & vocabulary), -rank, language)
                     for rank, (language, vocabulary) in enumerate(FUNCTION_WORDS.items())), reverse=True)
    (top, _, best), (second, _, _) = ranked[0], ranked[1]
    if top < 2:
        return None, 0.0
    return best, round(top / (top + second), 3)


HEAD_CHARS = 1_200  # an article's language is read from its head
_REMEMBER_CHARS = 1 << 16  # the last text read is remembered (kept alive) only up to this length
_last_head: tuple[str, frozenset[str]] | None = None


def head_function_words(text: str) -> frozenset[str]:
    """The distinct function words (of any language) among the words of the text's first
    HEAD_CHARS characters, written in lower case, capitalised or in capitals. The last text's
    are remembered: the pipeline's Latin-sentence gate reads them again for the text it just
    described (main_language)."""
    global _last_head
    last = _last_head
    if last is not None and last[0] is text:
        return last[1]
    found = _WRITTEN_FORMS.intersection(text[:HEAD_CHARS].split())  # C passes; the rest is small
    words = frozenset(map(_AS_WRITTEN.__getitem__, found))
    if len(text) <= _REMEMBER_CHARS:
        _last_head = (text, words)
    return words


def main_language(text: str) -> Guess:
    """The main language of a Latin-script text, or undetermined (language None).

    Articles are settled by function words alone when one language has many more distinct
    ones than any other; everything else is scored word by word."""
    tally = [0] * len(_LISTED)
    for word in head_function_words(text):  # a few dozen words: cheaper than a set operation per language
        for index in _LANGUAGES_OF[word]:
            tally[index] += 1
    counts = sorted(zip(tally, _LISTED), reverse=True)
    (top, best), (second, _) = counts[0], counts[1]
    if top >= 8 and top >= 3 * second:
        return Guess(best, round(top / (top + second), 3), best)
    return short_text_language(text)


def weighted_words(text: str) -> list[tuple[str, float]]:
    """Lower-cased words of the sample with the weight of their language evidence."""
    sample = text[:4_000]
    tokens = WORD.findall(sample)
    letters = sum(len(t) for t in tokens if t not in SENTENCE_END)
    shouting = letters > 0 and len(UPPER.findall(sample)) > 0.6 * letters  # "BAHIA COCOA REVIEW"
    # Title case ("Putin Meets Kim In Vladivostok"): capitals say nothing about names there
    words = [t for t in tokens if t not in SENTENCE_END]
    # (every word capitalised but articles, conjunctions and short prepositions)
    shouting = shouting or (len(words) >= TITLE_CASE_WORDS and
                            all(w[0].isupper() for w in words if w not in TITLE_CASE_LOWER))
    out: list[tuple[str, float]] = []
    initial = True
    previous = ""
    for token in tokens:
        if token in SENTENCE_END:
            # "Mr." or "Dr." ends no sentence: the name after it is a name
            initial = not (token == "." and previous[:1].isupper() and len(previous) <= 3)
            previous = token
            continue
        previous = token
        weight = 1.0
        if not shouting and token[0].isupper():
            if len(token) > 1 and token.isupper():
                weight = ACRONYM_WEIGHT
            else:
                weight = INITIAL_WEIGHT if initial else NAME_WEIGHT
        initial = False
        out.append((token.lower().replace("’", "'"), weight))
        if len(out) >= SAMPLE_WORDS:
            break
    return out


def short_text_language(text: str) -> Guess:
    """Letter n-grams and function words, names discounted; undetermined below CONFIDENT."""
    words = weighted_words(text)
    evidence = sum(weight for _, weight in words)
    if len(words) < MIN_WORDS or evidence < MIN_EVIDENCE or all(weight < 1.0 for _, weight in words):
        return Guess(None, 0.0)
    scores = _scores(words)
    scores["en"] += ENGLISH_PRIOR + (ASCII_ENGLISH_PRIOR if text[:4_000].isascii() else 0.0)
    top = max(scores.values())
    exp = {k: math.exp((v - top) / TEMPERATURE) for k, v in scores.items()}
    total = sum(exp.values())
    best = max(exp, key=lambda k: exp[k])
    confidence = round(exp[best] / total, 3)
    return Guess(best if confidence >= CONFIDENT else None, confidence, best)


def _scores(words: list[tuple[str, float]]) -> dict[str, float]:
    """Weighted log-likelihood of the words per language, with each language's prior."""
    languages, priors = _languages()
    totals = list(priors)
    for word, weight in words:
        totals = [total + weight * score for total, score in zip(totals, _word_scores(word))]
    return dict(zip(languages, totals))


@cache
def _languages() -> tuple[tuple[str, ...], tuple[float, ...]]:
    from .langid.model import load_group

    languages = tuple(load_group("latin"))
    return languages, tuple(0.0 if language in SHORT_TEXT_WORDS else UNLISTED_PRIOR for language in languages)


@lru_cache(maxsize=65_536)
def _word_scores(word: str) -> tuple[float, ...]:
    """log P(word) per language, remembered: headlines repeat their words. A function word
    that several languages share ("in", "met", "de") is equal evidence for each of them: they
    all get the best of their letter scores, so the letters of a shared word decide nothing."""
    from .langid.model import load_group, word_log_probability

    profiles = load_group("latin")
    # a word's parts ("l'homme", "don't", "jong-un") are scored separately
    parts = [p for p in regex.split(r"['-]", word) if p]
    letters = {language: sum(word_log_probability(profile, part) for part in parts)
               for language, profile in profiles.items()}
    knowing = [language for language, vocabulary in SHORT_TEXT_WORDS.items()
               if word in vocabulary or any(p in vocabulary for p in parts)]
    if knowing:
        shared = max(letters[language] for language in knowing) + FUNCTION_WORD_BONUS
        for language in knowing:
            letters[language] = shared
    return tuple(letters[language] for language in _languages()[0])
