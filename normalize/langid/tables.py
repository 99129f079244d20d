"""Letters and defaults that decide a language before any statistics.

Why alphabets: a letter a language does not write is near-proof against it (і is
never Russian, ы never Ukrainian, ђ only Serbian). The candidates for a fragment
are the languages whose alphabet covers the most of its letters; the n-gram model
only chooses among those.
"""

from __future__ import annotations

from ..languages import alphabets, registry

# Candidate languages per script, in order of preference on a tie, with their letters (lower
# case): the language registry's `letters` (normalize/data/languages.toml). Arabic writes ي and
# ك, Persian and Urdu ی and ک: a word holding either is settled.
ALPHABETS: dict[str, dict[str, frozenset[str]]] = alphabets()

# Log-prior added to a candidate's score (the registry's `prior`): Macedonian shares nearly every
# n-gram with Bulgarian and Serbian and is rare in our copy, so it must win on evidence. Persian
# and Urdu words nearly always hold ی or ک; without them, Arabic is likelier.
PRIORS: dict[str, float] = {code: language.prior for code, language in registry().items() if language.prior}

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

# Words around a fragment that tell which of a script's languages it is: the country, its
# language, its capital and a few names that news copy pairs with quotes in that language
# ("Putin", "Kremlin"). Matched case-sensitively as whole Latin-script words.
CONTEXT_CUES: dict[str, frozenset[str]] = {
    "ru": frozenset("Russia Russian Russians Moscow Kremlin Putin Lavrov Peskov Medvedev Shoigu Navalny "
                    "Kommersant Izvestia Pravda Tass TASS Duma Soviet USSR Petersburg Tolstoy Dostoevsky Pushkin "
                    "Chekhov Gogol Bulgakov Pasternak Solzhenitsyn Nabokov Turgenev".split()),
    "uk": frozenset("Ukraine Ukrainian Ukrainians Kyiv Kiev Kharkiv Lviv Odesa Zelensky Zelenskiy Zelenskyy "
                    "Poroshenko Yanukovych Rada Donbas".split()),
    "bg": frozenset("Bulgaria Bulgarian Bulgarians Sofia Plovdiv Varna Radev Borissov Borisov Sobranie".split()),
    "sr": frozenset("Serbia Serbian Serbians Serbs Belgrade Novi Sad Vucic Vučić Republika Srpska Skupstina".split()),
    "mk": frozenset("Macedonia Macedonian Skopje".split()),
    "be": frozenset("Belarus Belarusian Minsk Lukashenko".split()),
    "kk": frozenset("Kazakhstan Kazakh Astana Almaty Tokayev".split()),
    "ja": frozenset("Japan Japanese Tokyo Osaka Kyoto Hiroshima Okinawa Fukushima kanji Abe Kishida Ishiba "
                    "Nikkei yen".split()),
    "zh": frozenset("China Chinese Beijing Shanghai Taiwan Taiwanese Taipei Hong Kong Xi Jinping Mandarin "
                    "Cantonese Xinhua yuan renminbi pinyin".split()),
    "ar": frozenset("Arab Arabic Egypt Saudi Cairo Riyadh Iraq Syria Jordan Lebanon".split()),
    "fa": frozenset("Iran Iranian Persian Farsi Tehran Khamenei Afghanistan Dari Kabul".split()),
    "ur": frozenset("Pakistan Pakistani Urdu Islamabad Karachi Lahore".split()),
}
# The language named right beside the fragment ("the Russian word 'дача'", "«…» in Ukrainian")
# outweighs places mentioned further away (a Russian word used "in Ukraine too").
LANGUAGE_ADJECTIVES: dict[str, frozenset[str]] = {
    "ru": frozenset({"Russian"}), "uk": frozenset({"Ukrainian"}), "bg": frozenset({"Bulgarian"}),
    "sr": frozenset({"Serbian"}), "mk": frozenset({"Macedonian"}), "be": frozenset({"Belarusian"}),
    "kk": frozenset({"Kazakh"}), "ja": frozenset({"Japanese"}),
    "zh": frozenset({"Chinese", "Mandarin", "Cantonese"}), "ar": frozenset({"Arabic"}),
    "fa": frozenset({"Persian", "Farsi", "Dari"}), "ur": frozenset({"Urdu"}),
}
BESIDE_CHARS = 40  # how near "beside" is

# Stems of names and places in their own script: a Russian name nearby (or inside the quote:
# "Россия без Путина") tells Russian from Bulgarian, which share most short words.
NATIVE_CUES: dict[str, tuple[str, ...]] = {
    "ru": ("путин", "медведев", "лавров", "шойгу", "песков", "навальн", "кремл", "росси", "толсто",
           "достоевск", "пушкин", "чехов", "горбачёв", "горбачев", "ельцин", "петербург"),
    "uk": ("зеленськ", "україн", "київ", "порошенк", "харків", "львів"),
    "bg": ("българ", "радев", "борисов", "пловдив"),
    "sr": ("србиј", "београд", "вучић", "српск"),
}
CONTEXT_PRIOR = 6.0  # nats for a cue word nearby: outweighs n-gram doubt, never a letter's proof
NEARBY_WEIGHT = 0.5  # weight of the other words of the same script near the fragment

# Han characters of Japanese shinjitai and kokuji that neither simplified nor traditional
# Chinese writes (発 for 发/發, 駅 for 站/驛, 働): one of them settles a kanji-only word as Japanese.
JAPANESE_ONLY_HAN = frozenset(
    "発円払辺込働峠畑駅沢図売読単戦権変歳広塩姫獣粋聴譲賛郷闘顕髄拝浜恵様気関県楽対応検験経続"
    "実転鉄済総両乗桜薬営労帰拡挙覚観歩毎齢処廃戻焼瀬稲絵縄脳蔵豊軽険隠雑霊頼駆騒黙択"
)
