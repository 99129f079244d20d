#!/usr/bin/env python3
"""Check the bundled name gazetteer (rules/names/*.toml) or a newsroom's own pack.

    python tools/check_gazetteer.py                 # rules/names/ (the bundled packs)
    python tools/check_gazetteer.py my-pack.toml    # a newsroom pack on its own ...
    python tools/check_gazetteer.py rules/names my-pack.toml   # ... or with the bundled ones
    python tools/check_gazetteer.py --stats --strict

The structure (keys, types, ids, kinds, one owner per spelling, file:line of every mistake) is
checked by the engine's own loader, normalize.names.load_gazetteer, so this tool and the engine
can never disagree on the format. On top of it come the editorial checks a loader should not
impose on every run: text hygiene, native spellings in their language's script and alphabet,
name order, variants that are English words or other people's surnames, and the entities the
project promised to ship. Each guards against a spelling that would silently rewrite correct copy.
Runs in CI through tests/test_check_gazetteer.py.

Exit codes: 0 clean (warnings allowed unless --strict), 1 errors found, 2 usage error.
"""

from __future__ import annotations

import argparse
import codecs
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from normalize.errors import RulePackError  # noqa: E402
from normalize.names.gazetteer import Entity, load_gazetteer  # noqa: E402

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "rules" / "names"
MIN_ENTITIES = 320

# Misspellings from the seed article that the engine must catch by generating candidates or by
# fuzzy matching; listing them would let an engine bug hide behind the data (rot13: a search of
# the repository for them finds only the test articles).
FORBIDDEN = tuple(codecs.decode(word, "rot13") for word in ("Fnvth", "Znqhebi", "Infgbpual", "Lbhat-ub"))
# Entities the project promised to ship (id -> canonical), their house styles and natives.
MUST_INCLUDE = {
    "putin": "Vladimir Putin", "shoigu": "Sergei Shoigu", "lavrov": "Sergei Lavrov",
    "peskov": "Dmitry Peskov", "medvedev": "Dmitry Medvedev", "manturov": "Denis Manturov",
    "belousov": "Andrei Belousov", "gerasimov": "Valery Gerasimov", "navalny": "Alexei Navalny",
    "navalnaya": "Yulia Navalnaya", "lukashenko": "Alexander Lukashenko",
    "tsikhanouskaya": "Sviatlana Tsikhanouskaya", "zelensky": "Volodymyr Zelensky",
    "yermak": "Andriy Yermak", "kuleba": "Dmytro Kuleba", "sybiha": "Andrii Sybiha",
    "vitali-klitschko": "Vitali Klitschko", "kim-jong-un": "Kim Jong Un",
    "kim-yo-jong": "Kim Yo Jong", "choe-son-hui": "Choe Son Hui", "kim-yung-ho": "Kim Yung-ho",
    "yoon-suk-yeol": "Yoon Suk Yeol", "lee-jae-myung": "Lee Jae-myung", "xi-jinping": "Xi Jinping",
    "wang-yi": "Wang Yi", "li-qiang": "Li Qiang", "erdogan": "Recep Tayyip Erdogan",
    "mitsotakis": "Kyriakos Mitsotakis", "tsipras": "Alexis Tsipras",
    "netanyahu": "Benjamin Netanyahu", "abbas": "Mahmoud Abbas", "khamenei": "Ali Khamenei",
    "kyiv": "Kyiv", "kharkiv": "Kharkiv", "odesa": "Odesa", "lviv": "Lviv", "dnipro": "Dnipro",
    "zaporizhzhia": "Zaporizhzhia", "mykolaiv": "Mykolaiv", "luhansk": "Luhansk",
    "donetsk": "Donetsk", "chernihiv": "Chernihiv", "vostochny": "Vostochny",
    "baikonur": "Baikonur", "vladivostok": "Vladivostok", "pyongyang": "Pyongyang",
    "yongbyon": "Yongbyon",
}
MUST_STYLE = {
    "zelensky": {"en-US": "Volodymyr Zelenskyy", "en-GB": "Volodymyr Zelensky"},
    "kim-jong-un": {"en-US": "Kim Jong Un", "en-GB": "Kim Jong-un"},
    "kim-yo-jong": {"en-GB": "Kim Yo-jong"},
}
MUST_NATIVE = {"kim-yung-ho": ("ko", "김영호"), "erdogan": ("tr", "Recep Tayyip Erdoğan")}
STYLES = {"en-US", "en-GB"}
ISO_639_1 = set("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz
ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln
lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi
pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti
tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())

# Scripts a native spelling may use, by language (Unicode character-name prefixes); others: Latin.
SCRIPTS = {
    **{lang: ("CYRILLIC",) for lang in ("ru", "uk", "be", "bg", "mk", "kk", "ky", "tg", "mn")},
    "sr": ("CYRILLIC", "LATIN"), "ko": ("HANGUL",), "zh": ("CJK",), "ja": ("CJK", "HIRAGANA", "KATAKANA"),
    "el": ("GREEK",), "he": ("HEBREW",), **{lang: ("ARABIC",) for lang in ("ar", "fa", "ur", "ps", "ku")},
    "hy": ("ARMENIAN",), "ka": ("GEORGIAN",), "hi": ("DEVANAGARI",), "bn": ("BENGALI",),
    "am": ("ETHIOPIC",), "bo": ("TIBETAN",),
}
# Letters a language's orthography does not have: a sign of Russian typed as Ukrainian and so on.
NOT_IN_ALPHABET = {"ru": "іїєґў", "uk": "ыэъёў", "be": "ищъїєґ", "sr": "яюйщыэъьё",
                   "ar": "یکپچژگ", "fa": "يكة", "ur": "يك"}
ZWNJ_OK = {"fa", "ur", "ps", "ku", "hi", "bn"}
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u00a0"}
# Ordinary English words: never a one-word variant (the engine would "correct" them in running
# text); as a surname, noted.
ENGLISH_WORDS = set("""
a about after all also an and any are art as at back bank bay be bell best bill bird black bloom
blue born brown bush but by can cane carter case chase church clay close cook cooper court crane
cross day dean did do don down drake duke each east even fair far field fish ford for forest fox
free from frost gas gay gill glass gold good grace grant gray green guest had hall hand hard has
have he head heart her hill him his hope house how hunt if in is it jack joy just king knight
lamb land lane law lay lee little long lord love low major man march mark marsh may mayor mill
miller moon more most much new no noble north not now of off oil old on one or over page palmer
park patience peace pen penny pool pope post power price pride rich ring river rock rose rush
said sale salt say see she shore short silver small smith snow so song south spring stone story
street strong summer sun swift tan than that the their them then there they this to tower trump
under up us very wall ward was water way we well were west what when white who why will win
winter with wolf wood word work would yard year young you
""".split())


class Report:
    def __init__(self) -> None:
        self.lines: dict[str, list[str]] = {"error": [], "warning": [], "info": []}

    def add(self, level: str, entity: Entity | str, message: str) -> None:
        where = entity if isinstance(entity, str) else f"{entity.source}:{entity.line} [{entity.id}]"
        self.lines[level].append(f"{where}: {level}: {message}")


def check_text(report: Report, entity: Entity, label: str, value: str, zwnj: bool = False) -> None:
    if value != value.strip() or "  " in value:
        report.add("error", entity, f"{label} {value!r} has stray spaces")
    if unicodedata.normalize("NFC", value) != value:
        report.add("error", entity, f"{label} {value!r} is not in Unicode NFC")
    bad = {c for c in value if (c in INVISIBLE and not (zwnj and c == "\u200c")) or unicodedata.category(c) == "Cc"}
    if bad:
        report.add("error", entity, f"{label} {value!r} contains invisible characters {sorted(map(hex, map(ord, bad)))}")


def check_entity(report: Report, entity: Entity) -> None:
    for label, value in [("canonical", entity.canonical), *((f"variant {v!r}", v) for v in entity.variants),
                         *((f"styles.{k}", v) for k, v in entity.styles.items())]:
        check_text(report, entity, label, value)
    for style in set(entity.styles) - STYLES:
        report.add("error", entity, f"styles key {style!r} must be one of {sorted(STYLES)}")
    for native in entity.native:
        if native.lang not in ISO_639_1:
            report.add("error", entity, f"native lang {native.lang!r} is not an ISO 639-1 code")
        check_text(report, entity, f"native {native.lang}", native.text, zwnj=native.lang in ZWNJ_OK)
        allowed = SCRIPTS.get(native.lang, ("LATIN",))
        stray = {_script(c) for c in native.text if unicodedata.category(c).startswith("L")} - set(allowed)
        if stray:
            report.add("error", entity, f"native {native.text!r} ({native.lang}) uses {sorted(stray)} script, "
                                        f"expected {list(allowed)}")
        wrong = sorted({c for c in native.text.lower() if c in NOT_IN_ALPHABET.get(native.lang, "")})
        if wrong:
            report.add("error", entity, f"native {native.text!r} has {''.join(wrong)!r}, not in the {native.lang} alphabet")
    if not entity.native:
        report.add("error", entity, "native must list at least one { lang, text }")
    if entity.kind == "person":
        check_person(report, entity)
    elif entity.given or entity.surname or entity.family_first:
        report.add("error", entity, f"given, surname and family_first are only for persons (this is a {entity.kind})")
    for variant in entity.variants:
        if " " not in variant and variant.casefold() in ENGLISH_WORDS:
            report.add("error", entity, f"variant {variant!r} is an ordinary English word")
        if variant.casefold() in {n.text.casefold() for n in entity.native}:
            report.add("error", entity, f"variant {variant!r} repeats a native spelling")
    for word in entity.context:
        check_text(report, entity, "context", word)
    for phrase in entity.keep:
        check_text(report, entity, "keep", phrase)


def check_person(report: Report, entity: Entity) -> None:
    given, surname = entity.given, entity.surname
    if given is not None and surname is None:
        report.add("error", entity, "a person with `given` needs `surname`")
    if surname is None:
        if " " in entity.canonical and not re.search(r" [IVX]+$", entity.canonical):
            report.add("warning", entity, f"{entity.canonical!r} has several words but no surname (mononym?)")
        return
    expected = surname if given is None else f"{surname} {given}" if entity.family_first else f"{given} {surname}"
    if entity.canonical != expected:
        order = "surname given" if entity.family_first else "given surname"
        report.add("error", entity, f"canonical {entity.canonical!r} is not `{order}` = {expected!r} (check family_first)")
    if surname.casefold() in ENGLISH_WORDS:
        report.add("info", entity, f"surname {surname!r} is also an English word: the engine must not match it alone")


def check_across(report: Report, entities: list[Entity]) -> None:
    surnames: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        if entity.surname:
            surnames[entity.surname.casefold()].add(entity.id)
    for entity in entities:
        for variant in entity.variants:
            others = surnames.get(variant.casefold(), set()) - {entity.id}
            if others:
                report.add("error", entity, f"variant {variant!r} is the surname of {sorted(others)}")


def check_promises(report: Report, entities: list[Entity], minimum: int) -> None:
    by_id = {e.id: e for e in entities}
    for ident, canonical in MUST_INCLUDE.items():
        entity = by_id.get(ident)
        if entity is None or entity.canonical != canonical:
            report.add("error", entity or "gazetteer", f"required entity {ident!r} with canonical {canonical!r}")
    for ident, styles in MUST_STYLE.items():
        for style, spelling in styles.items():
            if ident in by_id and by_id[ident].styles.get(style) != spelling:
                report.add("error", by_id[ident], f"required style {style} = {spelling!r}")
    for ident, (lang, text) in MUST_NATIVE.items():
        if ident in by_id and (lang, text) not in {(n.lang, n.text) for n in by_id[ident].native}:
            report.add("error", by_id[ident], f"required native {lang} {text!r}")
    if len(entities) < minimum:
        report.add("error", "gazetteer", f"{len(entities)} entities, fewer than the required {minimum}")


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return "CJK" if name.startswith("CJK") else name.split(" ")[0]


def collect_paths(args: list[str]) -> list[Path]:
    paths: list[Path] = []
    for arg in args or [str(DEFAULT_DIR)]:
        path = Path(arg)
        if not path.exists():
            raise FileNotFoundError(arg)
        paths += sorted(path.glob("*.toml")) if path.is_dir() else [path]
    return paths


def print_stats(entities: list[Entity]) -> None:
    print(f"{len(entities)} entities")
    for name, count in sorted(Counter(Path(e.source).name for e in entities).items()):
        kinds = Counter(e.kind for e in entities if Path(e.source).name == name)
        print(f"  {name:32} {count:4}  " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print("  kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(e.kind for e in entities).items())))
    languages = Counter(n.lang for e in entities for n in e.native)
    print("  native languages: " + ", ".join(f"{k} {v}" for k, v in languages.most_common()))
    print(f"  with variants: {sum(1 for e in entities if e.variants)}, variant spellings: "
          f"{sum(len(e.variants) for e in entities)}, with styles: {sum(1 for e in entities if e.styles)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="gazetteer files or folders (default: rules/names)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--stats", action="store_true", help="print counts by file, kind and language")
    parser.add_argument("--verbose", "-v", action="store_true", help="also print info notes")
    parser.add_argument("--min-entities", type=int, default=None,
                        help=f"minimum entity count (default {MIN_ENTITIES} when every bundled file is checked)")
    parser.add_argument("--no-promises", action="store_true", help="skip the required entities and count")
    args = parser.parse_args(argv)
    try:
        paths = collect_paths(args.paths)
    except FileNotFoundError as exc:
        print(f"check_gazetteer: no such file or folder: {exc}", file=sys.stderr)
        return 2
    report = Report()
    for path in paths:  # listed seed misspellings, anywhere in the file
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            for word in FORBIDDEN:
                if word.casefold() in line.casefold():
                    report.add("error", f"{path}:{number}", f"{word!r} must not be listed: the engine has to find it")
    try:
        entities = list(load_gazetteer(paths).entities)
    except RulePackError as exc:
        report.add("error", str(exc).split(": ", 1)[0], exc.detail)
        entities = []
    for entity in entities:
        check_entity(report, entity)
    check_across(report, entities)
    bundled = {p.resolve() for p in DEFAULT_DIR.glob("*.toml")}
    if bundled and bundled <= {p.resolve() for p in paths} and not args.no_promises:
        check_promises(report, entities, MIN_ENTITIES if args.min_entities is None else args.min_entities)
    elif args.min_entities and len(entities) < args.min_entities:
        report.add("error", "gazetteer", f"{len(entities)} entities, fewer than {args.min_entities}")
    lines = report.lines
    for line in lines["error"] + lines["warning"] + (lines["info"] if args.verbose else []):
        print(line)
    if args.stats:
        print_stats(entities)
    print(f"checked {len(paths)} file(s), {len(entities)} entities: {len(lines['error'])} error(s), "
          f"{len(lines['warning'])} warning(s), {len(lines['info'])} note(s)")
    return 1 if lines["error"] or (args.strict and lines["warning"]) else 0


if __name__ == "__main__":
    sys.exit(main())
