#!/usr/bin/env python3
"""Validate the bundled name gazetteer (rules/names/*.toml) or a newsroom's own pack.

Stand-alone: needs only the standard library (Python 3.11+ for tomllib), so it can run in CI,
in a pre-commit hook on a newsroom's rules repository, or by hand before a commit:

    python tools/check_gazetteer.py                 # rules/names/ (the bundled packs)
    python tools/check_gazetteer.py my-pack.toml    # a newsroom pack on its own ...
    python tools/check_gazetteer.py rules/names my-pack.toml   # ... or with the bundled ones
    python tools/check_gazetteer.py --stats --strict

Why each check exists: the matching engine compiles every spelling of every entity into one
automaton and corrects a match to the entity's canonical (or styled) spelling. A spelling owned by
two entities, a variant that is an ordinary English word, or a native name in the wrong script
would each silently rewrite correct copy. So the data is held to the format in
rules/names/README.md before the engine ever sees it.

Exit codes: 0 clean (warnings allowed unless --strict), 1 errors found, 2 usage error.
"""

from __future__ import annotations

import argparse
import codecs
import re
import sys
import tomllib
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "rules" / "names"
MIN_ENTITIES = 320

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PACK_NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KINDS = {"person", "place", "organisation"}
STYLES = {"en-US", "en-GB"}
PACK_KEYS = {"name", "kind", "description"}
ENTITY_KEYS = {"id", "canonical", "kind", "native", "given", "surname", "family_first",
               "variants", "styles", "context", "keep"}
PERSON_ONLY = {"given", "surname", "family_first"}

# Misspellings from the seed article that the engine must catch by generating candidates or by
# fuzzy matching. Listing them in the gazetteer would let an engine bug hide behind the data. They
# are stored rot13-encoded so that a search of the repository for them finds only the test articles.
FORBIDDEN = tuple(codecs.decode(word, "rot13") for word in ('Fnvth', 'Znqhebi', 'Infgbpual', 'Lbhat-ub'))

# Entities the project promised to ship (id, canonical).
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
# House styles the project promised: id -> {style: spelling}.
MUST_STYLE = {
    "zelensky": {"en-US": "Volodymyr Zelenskyy", "en-GB": "Volodymyr Zelensky"},
    "kim-jong-un": {"en-US": "Kim Jong Un", "en-GB": "Kim Jong-un"},
    "kim-yo-jong": {"en-GB": "Kim Yo-jong"},
}
MUST_NATIVE = {"kim-yung-ho": ("ko", "김영호"), "erdogan": ("tr", "Recep Tayyip Erdoğan")}

ISO_639_1 = set("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz
ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln
lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi
pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti
tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())

# Scripts a native spelling may use, by language (Unicode character-name prefixes).
SCRIPTS = {
    **{lang: ("CYRILLIC",) for lang in ("ru", "uk", "be", "bg", "mk", "kk", "ky", "tg", "mn")},
    "sr": ("CYRILLIC", "LATIN"),
    "ko": ("HANGUL",),
    "zh": ("CJK",),
    "ja": ("CJK", "HIRAGANA", "KATAKANA"),
    "el": ("GREEK",),
    "he": ("HEBREW",),
    **{lang: ("ARABIC",) for lang in ("ar", "fa", "ur", "ps", "ku")},
    "hy": ("ARMENIAN",),
    "ka": ("GEORGIAN",),
    "hi": ("DEVANAGARI",),
    "bn": ("BENGALI",),
    "am": ("ETHIOPIC",),
    "bo": ("TIBETAN",),
}
LATIN_ONLY = ("LATIN",)

# Letters a language's orthography does not have: a sign of Russian typed as Ukrainian and so on.
NOT_IN_ALPHABET = {
    "ru": "іїєґў",
    "uk": "ыэъёў",
    "be": "ищъїєґ",
    "sr": "яюйщыэъьё",
    "ar": "یکپچژگ",       # Persian/Urdu letters in Arabic text
    "fa": "يكة",           # Arabic yeh/kaf/teh marbuta in Persian text
    "ur": "يك",
}
ZWNJ_OK = {"fa", "ur", "ps", "ku", "hi", "bn"}
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u00a0"}

# Ordinary English words that must never be listed as a one-word variant (the engine would
# "correct" them in running text) and that are risky as surnames (flagged as info).
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


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: error: {message}")

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(f"{where}: warning: {message}")

    def info(self, where: str, message: str) -> None:
        self.infos.append(f"{where}: info: {message}")


@dataclass
class Entity:
    path: Path
    line: int
    data: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.data.get("id", "?"))

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line} [{self.id}]"


# --- loading ----------------------------------------------------------------------------------

def entity_lines(source: str) -> list[int]:
    """1-based line of each `[[entity]]` header, in order (tomllib keeps no positions)."""
    header = re.compile(r"^\s*\[\[\s*entity\s*\]\]")
    return [n + 1 for n, line in enumerate(source.splitlines()) if header.match(line)]


def key_line(source: str, start: int, key: str) -> int:
    """Line of `key = ...` inside the table that starts at line `start` (fallback: `start`)."""
    lines = source.splitlines()
    pattern = re.compile(r"^\s*\"?" + re.escape(key) + r"\"?\s*=")
    for number in range(start, len(lines)):
        if lines[number].lstrip().startswith("["):
            break
        if pattern.match(lines[number]):
            return number + 1
    return start


def load_file(path: Path, report: Report) -> tuple[dict[str, Any] | None, list[Entity]]:
    source = path.read_text(encoding="utf-8")
    for word in FORBIDDEN:
        for number, line in enumerate(source.splitlines(), 1):
            if word.casefold() in line.casefold():
                report.error(f"{path}:{number}", f"{word!r} must not be listed: the engine has to find it by itself")
    try:
        doc = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        report.error(str(path), f"TOML syntax: {exc}")
        return None, []
    for key in doc.keys() - {"pack", "entity"}:
        report.error(str(path), f"unknown top-level key {key!r} (only [pack] and [[entity]])")
    raw = doc.get("entity", [])
    if not isinstance(raw, list):
        report.error(str(path), "`entity` must be an array of tables ([[entity]])")
        raw = []
    lines = entity_lines(source)
    entities = [Entity(path, lines[i] if i < len(lines) else 0, e) for i, e in enumerate(raw)]
    for entity in entities:
        entity.data["_source"] = source
    return doc.get("pack"), entities


# --- per-pack and per-entity checks -----------------------------------------------------------

def check_pack(path: Path, pack: Any, names: dict[str, Path], report: Report) -> None:
    where = str(path)
    if not isinstance(pack, dict):
        report.error(where, "missing [pack] table with name, kind, description")
        return
    for key in PACK_KEYS - pack.keys():
        report.error(where, f"[pack] lacks {key!r}")
    for key in pack.keys() - PACK_KEYS:
        report.error(where, f"[pack] has unknown key {key!r}")
    if pack.get("kind") not in (None, "gazetteer"):
        report.error(where, f"[pack] kind must be \"gazetteer\", not {pack.get('kind')!r}")
    name = pack.get("name")
    if isinstance(name, str):
        if not PACK_NAME_RE.match(name):
            report.error(where, f"[pack] name {name!r} must be lower-case ascii words joined by '-'")
        if name in names:
            report.error(where, f"[pack] name {name!r} already used by {names[name]}")
        names[name] = path


def check_string(where: str, label: str, value: Any, report: Report, allow_zwnj: bool = False) -> bool:
    if not isinstance(value, str) or not value:
        report.error(where, f"{label} must be a non-empty string")
        return False
    if value != value.strip() or "  " in value:
        report.error(where, f"{label} {value!r} has stray spaces")
    if unicodedata.normalize("NFC", value) != value:
        report.error(where, f"{label} {value!r} is not in Unicode NFC")
    bad = {c for c in value if c in INVISIBLE or unicodedata.category(c) == "Cc"}
    if allow_zwnj:
        bad.discard("\u200c")
    if bad:
        report.error(where, f"{label} {value!r} contains invisible characters {sorted(map(hex, map(ord, bad)))}")
    return True


def check_string_list(where: str, label: str, value: Any, report: Report) -> list[str]:
    if not isinstance(value, list):
        report.error(where, f"{label} must be an array of strings")
        return []
    good = [v for i, v in enumerate(value) if check_string(where, f"{label}[{i}]", v, report)]
    for item, count in Counter(good).items():
        if count > 1:
            report.error(where, f"{label} lists {item!r} twice")
    return good


def scripts_of(text: str) -> set[str]:
    found = set()
    for char in text:
        if unicodedata.category(char)[0] not in "L":
            continue
        name = unicodedata.name(char, "")
        found.add(name.split(" ")[0] if not name.startswith("CJK") else "CJK")
    return found


def check_native(entity: Entity, report: Report) -> None:
    native = entity.data.get("native")
    if not isinstance(native, list) or not native:
        report.error(entity.where, "native must be a non-empty array of { lang, text }")
        return
    seen = set()
    for i, item in enumerate(native):
        label = f"native[{i}]"
        if not isinstance(item, dict) or item.keys() != {"lang", "text"}:
            report.error(entity.where, f"{label} must be exactly {{ lang = \"..\", text = \"..\" }}")
            continue
        lang, text = item["lang"], item["text"]
        if lang not in ISO_639_1:
            report.error(entity.where, f"{label} lang {lang!r} is not an ISO 639-1 code")
        if not check_string(entity.where, f"{label} text", text, report, allow_zwnj=lang in ZWNJ_OK):
            continue
        if (lang, text) in seen:
            report.error(entity.where, f"{label} repeats {text!r}")
        seen.add((lang, text))
        allowed = SCRIPTS.get(lang, LATIN_ONLY)
        stray = scripts_of(text) - set(allowed)
        if stray:
            report.error(entity.where, f"{label} {text!r} ({lang}) uses {sorted(stray)} script, expected {list(allowed)}")
        wrong = sorted({c for c in text.lower() if c in NOT_IN_ALPHABET.get(lang, "")})
        if wrong:
            report.error(entity.where, f"{label} {text!r} has {''.join(wrong)!r}, not in the {lang} alphabet")


def check_person_names(entity: Entity, report: Report) -> None:
    data, where = entity.data, entity.where
    canonical = data.get("canonical", "")
    given, surname = data.get("given"), data.get("surname")
    family_first = data.get("family_first", False)
    if not isinstance(family_first, bool):
        report.error(where, "family_first must be true or false")
        return
    if given is not None and surname is None:
        report.error(where, "a person with `given` needs `surname`")
    for label, value in (("given", given), ("surname", surname)):
        if value is not None:
            check_string(where, label, value, report)
    if surname is None:
        if " " in canonical and not re.search(r" [IVX]+$", canonical):
            report.warn(where, f"{canonical!r} has several words but no surname (mononym?)")
        return
    expected = f"{surname} {given}" if family_first else f"{given} {surname}"
    if given is None:
        expected = surname
    if canonical != expected:
        order = "surname given" if family_first else "given surname"
        report.error(where, f"canonical {canonical!r} is not `{order}` = {expected!r} (check family_first)")
    if surname.casefold() in ENGLISH_WORDS:
        report.info(where, f"surname {surname!r} is also an English word: the engine must not match it alone")


def check_entity(entity: Entity, report: Report) -> None:
    data, where = entity.data, entity.where
    source = data.pop("_source", "")
    for key in ("id", "canonical", "kind", "native"):
        if key not in data:
            report.error(where, f"missing required key {key!r}")
    for key in data.keys() - ENTITY_KEYS:
        report.error(f"{entity.path}:{key_line(source, entity.line, key)} [{entity.id}]", f"unknown key {key!r}")
    if not ID_RE.match(str(data.get("id", ""))):
        report.error(where, f"id {data.get('id')!r} must be lower-case ascii [a-z0-9-]")
    check_string(where, "canonical", data.get("canonical"), report)
    kind = data.get("kind")
    if kind not in KINDS:
        report.error(where, f"kind {kind!r} must be one of {sorted(KINDS)}")
    check_native(entity, report)
    if kind == "person":
        check_person_names(entity, report)
    else:
        for key in PERSON_ONLY & data.keys():
            report.error(where, f"{key!r} is only for persons (this is a {kind})")
    variants = check_string_list(where, "variants", data.get("variants", []), report)
    check_string_list(where, "context", data.get("context", []), report)
    check_string_list(where, "keep", data.get("keep", []), report)
    for word in data.get("context", []) or []:
        if isinstance(word, str) and word != word.lower():
            report.error(where, f"context {word!r} must be lower-case")
    styles = data.get("styles", {})
    if not isinstance(styles, dict):
        report.error(where, "styles must be a table like { \"en-US\" = \"..\", \"en-GB\" = \"..\" }")
        styles = {}
    for key, value in styles.items():
        if key not in STYLES:
            report.error(where, f"styles key {key!r} must be one of {sorted(STYLES)}")
        check_string(where, f"styles.{key}", value, report)
    own = {str(data.get("canonical", "")).casefold()} | {str(v).casefold() for v in styles.values()}
    own |= {n.get("text", "").casefold() for n in data.get("native", []) if isinstance(n, dict)}
    for variant in variants:
        if variant.casefold() in own:
            report.error(where, f"variant {variant!r} repeats the canonical, a style or a native spelling")
        if " " not in variant and variant.casefold() in ENGLISH_WORDS:
            report.error(where, f"variant {variant!r} is an ordinary English word")


# --- cross-entity checks ----------------------------------------------------------------------

def spellings(entity: Entity) -> dict[str, str]:
    """Every string the engine will look for, case-folded, with what it is."""
    data = entity.data
    found = {str(data.get("canonical", "")).casefold(): "canonical"}
    for value in (data.get("styles") or {}).values():
        found.setdefault(str(value).casefold(), "style")
    for item in data.get("native") or []:
        if isinstance(item, dict):
            found.setdefault(str(item.get("text", "")).casefold(), "native")
    for variant in data.get("variants") or []:
        found.setdefault(str(variant).casefold(), "variant")
    return found


def check_across(entities: list[Entity], report: Report) -> None:
    by_id: dict[str, Entity] = {}
    for entity in entities:
        if entity.id in by_id:
            report.error(entity.where, f"id {entity.id!r} already used at {by_id[entity.id].where}")
        by_id.setdefault(entity.id, entity)
    owners: dict[str, list[tuple[Entity, str]]] = defaultdict(list)
    for entity in entities:
        for text, what in spellings(entity).items():
            owners[text].append((entity, what))
    for text, owned in owners.items():
        if len({e.id for e, _ in owned}) > 1:
            listing = ", ".join(f"{e.id} ({what})" for e, what in owned)
            report.error(owned[0][0].where, f"spelling {text!r} belongs to several entities: {listing}")
    surnames: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        if isinstance(entity.data.get("surname"), str):
            surnames[entity.data["surname"].casefold()].add(entity.id)
    for entity in entities:
        for variant in entity.data.get("variants") or []:
            others = surnames.get(str(variant).casefold(), set()) - {entity.id}
            if others:
                report.error(entity.where, f"variant {variant!r} is the surname of {sorted(others)}")


def check_promises(entities: list[Entity], report: Report, minimum: int) -> None:
    by_id = {e.id: e for e in entities}
    for ident, canonical in MUST_INCLUDE.items():
        entity = by_id.get(ident)
        if entity is None:
            report.error("gazetteer", f"required entity {ident!r} ({canonical}) is missing")
        elif entity.data.get("canonical") != canonical:
            report.error(entity.where, f"required canonical {canonical!r}, found {entity.data.get('canonical')!r}")
    for ident, styles in MUST_STYLE.items():
        entity = by_id.get(ident)
        for style, spelling in styles.items():
            if entity is not None and (entity.data.get("styles") or {}).get(style) != spelling:
                report.error(entity.where, f"required style {style} = {spelling!r}")
    for ident, (lang, text) in MUST_NATIVE.items():
        entity = by_id.get(ident)
        natives = {(n.get("lang"), n.get("text")) for n in (entity.data.get("native") or [])} if entity else set()
        if entity is not None and (lang, text) not in natives:
            report.error(entity.where, f"required native {lang} {text!r}")
    if len(entities) < minimum:
        report.error("gazetteer", f"{len(entities)} entities, fewer than the required {minimum}")


# --- driver -----------------------------------------------------------------------------------

def collect_paths(args: list[str]) -> list[Path]:
    paths: list[Path] = []
    for arg in args or [str(DEFAULT_DIR)]:
        path = Path(arg)
        if path.is_dir():
            paths.extend(sorted(path.glob("*.toml")))
        elif path.is_file():
            paths.append(path)
        else:
            raise FileNotFoundError(arg)
    return paths


def print_stats(entities: list[Entity]) -> None:
    print(f"{len(entities)} entities")
    by_file = Counter(str(e.path.name) for e in entities)
    for name, count in sorted(by_file.items()):
        kinds = Counter(e.data.get("kind") for e in entities if e.path.name == name)
        print(f"  {name:32} {count:4}  " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    kinds = Counter(e.data.get("kind") for e in entities)
    langs = Counter(n.get("lang") for e in entities for n in e.data.get("native") or [] if isinstance(n, dict))
    print("  kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print("  native languages: " + ", ".join(f"{k} {v}" for k, v in langs.most_common()))
    print(f"  with variants: {sum(1 for e in entities if e.data.get('variants'))}, "
          f"variant spellings: {sum(len(e.data.get('variants') or []) for e in entities)}, "
          f"with styles: {sum(1 for e in entities if e.data.get('styles'))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="gazetteer files or folders (default: rules/names)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--stats", action="store_true", help="print counts by file, kind and language")
    parser.add_argument("--verbose", "-v", action="store_true", help="also print info notes")
    parser.add_argument("--min-entities", type=int, default=None,
                        help=f"minimum entity count (default {MIN_ENTITIES} when every bundled file is checked, else 0)")
    parser.add_argument("--no-promises", action="store_true",
                        help="skip the bundled-gazetteer checks (required entities and count)")
    args = parser.parse_args(argv)
    try:
        paths = collect_paths(args.paths)
    except FileNotFoundError as exc:
        print(f"check_gazetteer: no such file or folder: {exc}", file=sys.stderr)
        return 2
    report, entities, names = Report(), [], {}
    for path in paths:
        pack, found = load_file(path, report)
        check_pack(path, pack, names, report)
        for entity in found:
            check_entity(entity, report)
        entities.extend(found)
    check_across(entities, report)
    bundled_files = {p.resolve() for p in DEFAULT_DIR.glob("*.toml")}
    bundled = bool(bundled_files) and bundled_files <= {p.resolve() for p in paths}
    if bundled and not args.no_promises:
        minimum = MIN_ENTITIES if args.min_entities is None else args.min_entities
        check_promises(entities, report, minimum)
    elif args.min_entities and len(entities) < args.min_entities:
        report.error("gazetteer", f"{len(entities)} entities, fewer than {args.min_entities}")
    for line in report.errors + report.warnings + (report.infos if args.verbose else []):
        print(line)
    if args.stats:
        print_stats(entities)
    print(f"checked {len(paths)} file(s), {len(entities)} entities: "
          f"{len(report.errors)} error(s), {len(report.warnings)} warning(s), {len(report.infos)} note(s)")
    failed = report.errors or (args.strict and report.warnings)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
