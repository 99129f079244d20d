"""Letters and defaults that decide a language before any statistics.

Why alphabets: a letter a language does not write is near-proof against it (і is
never Russian, ы never Ukrainian, ђ only Serbian). The candidates for a fragment
are the languages whose alphabet covers the most of its letters; the n-gram model
only chooses among those.
"""

from __future__ import annotations

_CYRILLIC_CORE = "абвгдежзиклмнопрстуфхцчш"
_ARABIC_CORE = "ءآأؤإئابتثجحخدذرزسشصضطظعغفقلمنهو"

# Candidate languages per script, in order of preference on a tie. Lower case.
# Arabic writes ي and ك, Persian and Urdu ی and ک: a word holding either is settled.
ALPHABETS: dict[str, dict[str, frozenset[str]]] = {
    "Cyrillic": {
        "ru": frozenset(_CYRILLIC_CORE + "йщъыьэюяё"),
        "uk": frozenset(_CYRILLIC_CORE + "йщьюяієїґ"),
        "bg": frozenset(_CYRILLIC_CORE + "йщъьюяѝ"),
        "sr": frozenset(_CYRILLIC_CORE + "ђјљњћџ"),
        "mk": frozenset(_CYRILLIC_CORE + "ѓѕјљњќџѐѝ"),
        "be": frozenset(_CYRILLIC_CORE.replace("и", "") + "йыьэюяёіў"),
        "kk": frozenset(_CYRILLIC_CORE + "йщъыьэюяёіәғқңөұүһ"),
    },
    "Arabic": {
        "ar": frozenset(_ARABIC_CORE + "ةىكي"),
        "fa": frozenset(_ARABIC_CORE + "پچژگکی"),
        "ur": frozenset(_ARABIC_CORE + "پچژگکیٹڈڑںےہھۃ"),
    },
}

# Log-prior added to a candidate's score: Macedonian shares nearly every n-gram
# with Bulgarian and Serbian and is rare in our copy, so it must win on evidence.
# Persian and Urdu words nearly always hold ی or ک; without them, Arabic is likelier.
PRIORS: dict[str, float] = {"mk": -4.0, "fa": -4.0, "ur": -4.0}

# Scripts written (in news copy) by essentially one language, with a confidence
# that reflects how often another language shares the script.
SCRIPT_LANGUAGES: dict[str, tuple[str, float]] = {
    "Greek": ("el", 0.99),
    "Hangul": ("ko", 0.99),
    "Hiragana": ("ja", 0.99),
    "Katakana": ("ja", 0.99),
    "Hebrew": ("he", 0.95),  # Yiddish also uses it
    "Thai": ("th", 0.99),
    "Georgian": ("ka", 0.99),
    "Armenian": ("hy", 0.99),
    "Devanagari": ("hi", 0.7),  # also Marathi, Nepali, Sanskrit
    "Bengali": ("bn", 0.9),  # also Assamese
    "Tamil": ("ta", 0.99),
    "Telugu": ("te", 0.99),
    "Kannada": ("kn", 0.99),
    "Malayalam": ("ml", 0.99),
    "Gujarati": ("gu", 0.99),
    "Gurmukhi": ("pa", 0.99),
    "Oriya": ("or", 0.99),
    "Sinhala": ("si", 0.99),
    "Khmer": ("km", 0.99),
    "Lao": ("lo", 0.99),
    "Myanmar": ("my", 0.9),
    "Tibetan": ("bo", 0.9),
    "Ethiopic": ("am", 0.7),  # also Tigrinya
    "Thaana": ("dv", 0.99),
    "Bopomofo": ("zh", 0.9),
}

# langdetect codes of languages written in the Latin script (its profiles' names).
LATIN_LANGUAGES = frozenset(
    "af ca cs cy da de en es et fi fr hr hu id it lt lv nl no pl pt ro sk sl so sq sv sw "
    "tl tr vi".split()
)
