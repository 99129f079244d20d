"""The names stage: gazetteer loading, generated variants, fuzzy repair, styles, safety."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalize.edits import apply_edits, resolve_overlaps
from normalize.errors import RulePackError
from normalize.names import NameMatcher, bundled_paths, load_gazetteer
from normalize.names.gazetteer import Gazetteer
from normalize.names.variants import entity_spellings, name_key
from normalize.names.words import is_common_word

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures_names"
SEED = HERE.parent / "fixtures" / "putin-kim-article.txt"
EN_SENTENCES = HERE / "data" / "langid-dev" / "sentences" / "en.txt"
BUNDLED = bundled_paths()


pytestmark = pytest.mark.usefixtures("private_names_cache")


@pytest.fixture(scope="module")
def seed_gaz() -> Gazetteer:
    return load_gazetteer([FIXTURES / "seed.toml"])


@pytest.fixture(scope="module", params=["fixture", "bundled"])
def gaz(request: pytest.FixtureRequest, seed_gaz: Gazetteer) -> Gazetteer:
    if request.param == "fixture":
        return seed_gaz
    if not BUNDLED:
        pytest.skip("no bundled gazetteer packs in rules/names/")
    return load_gazetteer(BUNDLED)


def fix(gazetteer: Gazetteer, text: str, style: str | None = None) -> str:
    edits, _ = NameMatcher(gazetteer, style).find(text)
    return apply_edits(text, resolve_overlaps(e for e in edits if e.safe))


def changes(gazetteer: Gazetteer, text: str, style: str | None = None) -> list[tuple[str, str]]:
    edits, _ = NameMatcher(gazetteer, style).find(text)
    return [(text[e.start : e.end], e.replacement) for e in sorted(edits, key=lambda e: e.start)]


# -- the seed article ---------------------------------------------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not available")
def test_seed_article_gets_exactly_the_four_repairs(gaz: Gazetteer) -> None:
    text = SEED.read_text(encoding="utf-8")
    edits, findings = NameMatcher(gaz).find(text)
    got = sorted((text[e.start : e.end], e.replacement, e.rule, e.safe) for e in edits)
    assert got == sorted([
        ("Saigu", "Shoigu", "names.shoigu", True),
        ("Madurov", "Manturov", "names.manturov", True),
        ("Vastochny", "Vostochny", _rule_of(gaz, "Vostochny"), True),
        ("Young", "Yung", "names.kim-yung-ho", True),
    ])
    assert findings == []
    fixed = apply_edits(text, resolve_overlaps(edits))
    for expected in ("Sergei Shoigu", "Denis Manturov", "Vostochny Cosmodrome", "Kim Yung-ho",
                     "Kim Jong Un", "Sergei Lavrov", "John Kirby", "Matthew Miller", "Vladivostok", "Baikonur"):
        assert expected in fixed


def _rule_of(gazetteer: Gazetteer, canonical_start: str) -> str:
    return next(e.rule for e in gazetteer.entities if e.canonical.startswith(canonical_start))


def test_edit_messages_name_entity_and_variant(seed_gaz: Gazetteer) -> None:
    edits, _ = NameMatcher(seed_gaz).find("Defence minister Sergey Shoygu arrived.")
    assert [(e.rule, e.category) for e in edits] == [("names.shoigu", "transliteration")] * 2
    assert edits[-1].message == "Sergei Shoigu: standard spelling (variant 'Shoygu')"


# -- generated variants -------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["Shoygu", "Shoigu", "Shojgu", "Schoigu", "Choïgou", "Choigou", "Szojgu", "Šojgu", "Soigu"])
def test_generated_russian_variants_exist(seed_gaz: Gazetteer, spelling: str) -> None:
    spellings = entity_spellings(seed_gaz.by_id["shoigu"])
    assert name_key(spelling) in spellings.surname


@pytest.mark.parametrize("variant", ["Shoygu", "Shojgu", "Schoigu", "Choïgou", "Szojgu", "Chojgu", "Soigu", "Saigu"])
def test_variants_are_fixed_next_to_the_given_name(gaz: Gazetteer, variant: str) -> None:
    assert fix(gaz, f"Russia's Sergei {variant} said.") == "Russia's Sergei Shoigu said."


def test_trusted_scheme_variant_alone_is_fixed(gaz: Gazetteer) -> None:
    assert fix(gaz, "Yesterday Shoygu said so.") == "Yesterday Shoigu said so."


def test_foreign_habit_variant_alone_is_only_a_finding(seed_gaz: Gazetteer) -> None:
    edits, findings = NameMatcher(seed_gaz).find("Then Schoigu said so.")
    assert edits == []
    assert [(f.rule, f.severity, f.suggestion, f.text) for f in findings] == [("names.shoigu", "info", "Shoigu", "Schoigu")]
    assert findings[0].line == 1 and findings[0].column == 6


def test_context_word_corroborates_a_near_miss(seed_gaz: Gazetteer) -> None:
    assert fix(seed_gaz, "The defence minister, Saigu, spoke.") == "The defence minister, Shoigu, spoke."
    _, findings = NameMatcher(seed_gaz).find("Then Saigu spoke.")
    assert [f.suggestion for f in findings] == ["Shoigu"]


def test_mention_elsewhere_is_no_evidence(seed_gaz: Gazetteer) -> None:
    """Being named elsewhere proves nothing: "Bill Condon" is not London. Only a suggestion."""
    text = "Sergei Shoigu arrived. Later Saigu spoke."
    edits, findings = NameMatcher(seed_gaz).find(text)
    assert edits == []
    assert [(f.text, f.suggestion, f.severity) for f in findings] == [("Saigu", "Shoigu", "info")]


def test_greek_round_trip_variant(seed_gaz: Gazetteer) -> None:
    assert fix(seed_gaz, "Industry minister Denis Madurov and Denis Mandurov.") == (
        "Industry minister Denis Manturov and Denis Manturov.")


@pytest.mark.parametrize("text, expected", [
    ("Kiev and Kyiv", "Kyiv and Kyiv"),
    ("Kharkov was shelled", "Kharkiv was shelled"),
    ("Alexander Lukashenka spoke", "Alexander Lukashenko spoke"),
    ("Volodymyr Zelenskyi spoke", "Volodymyr Zelensky spoke"),
])
def test_ukrainian_and_belarusian_readings(gaz: Gazetteer, text: str, expected: str) -> None:
    assert fix(gaz, text) == expected


@pytest.mark.parametrize("text", ["Kim Young-ho", "Kim Yeong-ho", "Kim Yong-ho", "Kim Youngho", "Gim Yeong Ho"])
def test_korean_variants(gaz: Gazetteer, text: str) -> None:
    assert fix(gaz, f"Minister {text} said.") == "Minister Kim Yung-ho said."


@pytest.mark.parametrize("text", ["Kim Jong-un", "Kim Jung Un", "Kim Jong-eun", "Kim Jongun", "Kim Chong Un"])
def test_korean_leader_variants_follow_canonical(gaz: Gazetteer, text: str) -> None:
    assert fix(gaz, f"Leader {text} said.") == "Leader Kim Jong Un said."


# -- text is respected --------------------------------------------------------------------------


def test_case_and_possessive_are_kept(gaz: Gazetteer) -> None:
    assert fix(gaz, "SHOYGU VISITS FRONT") == "SHOIGU VISITS FRONT"
    assert fix(gaz, "Then Shoygu's deputy left.") == "Then Shoigu's deputy left."
    assert fix(gaz, "Then Shoygu’s deputy left.") == "Then Shoigu’s deputy left."
    assert fix(gaz, "Kim Jong Un’s train left.") == "Kim Jong Un’s train left."


@pytest.mark.parametrize("text", [
    "Shoyguism is not a word.", "See http://example.com/Shoygu/page today.", "Mail shoygu@example.com now.",
    "Mail Shoygu@example.ru now.", "Visit www.Shoygu.ru today.", "the shoygu_file", "Shoygu2024",
])
def test_word_boundaries_urls_and_emails(gaz: Gazetteer, text: str) -> None:
    assert changes(gaz, text) == []


def test_protected_spans_are_skipped(seed_gaz: Gazetteer) -> None:
    text = "Code `Shoygu` and Shoygu."
    inside = (text.index("`") + 1, text.rindex("`"))
    edits, _ = NameMatcher(seed_gaz).find(text, protected=lambda s, e: inside[0] <= s and e <= inside[1])
    assert [(e.start, e.replacement) for e in edits] == [(text.rindex("Shoygu"), "Shoigu")]


# -- house styles -------------------------------------------------------------------------------


@pytest.mark.parametrize("style, expected", [
    (None, "Volodymyr Zelensky met Kim Jong Un in Kyiv."),
    ("en-US", "Volodymyr Zelenskyy met Kim Jong Un in Kyiv."),
    ("en-GB", "Volodymyr Zelensky met Kim Jong-un in Kyiv."),
])
def test_house_styles(gaz: Gazetteer, style: str | None, expected: str) -> None:
    assert fix(gaz, "Volodymyr Zelenskiy met Kim Jong-un in Kiev.", style) == expected
    assert fix(gaz, expected, style) == expected  # idempotent


def test_style_keeps_case_and_surname_alone(gaz: Gazetteer) -> None:
    assert fix(gaz, "KIM JONG UN SPEAKS", "en-GB") == "KIM JONG-UN SPEAKS"
    assert fix(gaz, "Yesterday Zelensky spoke.", "en-US") == "Yesterday Zelenskyy spoke."


def test_user_defined_style(tmp_path: Path) -> None:
    pack = tmp_path / "house.toml"
    pack.write_text('[pack]\nname = "t"\nkind = "gazetteer"\n\n[[entity]]\nid = "zelensky"\n'
                    'canonical = "Volodymyr Zelensky"\nkind = "person"\nsurname = "Zelensky"\n'
                    'styles = { "house" = "Volodymyr Zelenskyj" }\n', encoding="utf-8")
    assert fix(load_gazetteer([pack]), "Volodymyr Zelensky spoke.", "house") == "Volodymyr Zelenskyj spoke."


# -- never rewrite ordinary text ----------------------------------------------------------------


@pytest.mark.skipif(not EN_SENTENCES.exists(), reason="langid-dev sentences not available")
def test_clean_english_paragraphs_are_untouched(gaz: Gazetteer) -> None:
    text = EN_SENTENCES.read_text(encoding="utf-8")
    edits, findings = NameMatcher(gaz).find(text)
    assert edits == [] and findings == []


@pytest.mark.parametrize("text", [
    "Maria Lavrova said so.", "Then Lavrova said so.", "Defence minister Lavrova spoke.",
    "Olga Manturova spoke.", "Anna Shoigu-Smith spoke.",
])
def test_female_forms_and_other_people_are_not_changed(gaz: Gazetteer, text: str) -> None:
    edits, findings = NameMatcher(gaz).find(text)
    assert edits == [] and findings == []


@pytest.mark.parametrize("text", [
    "Young voters met Miller and Kirby.", "Putting it simply, Vast numbers came.",
    "Russian officials and Korean ones.", "Mir and Yong are short.",
])
def test_common_words_are_never_names(gaz: Gazetteer, text: str) -> None:
    edits, findings = NameMatcher(gaz).find(text)
    assert edits == [] and findings == []


# -- loader errors ------------------------------------------------------------------------------

_PACK = '[pack]\nname = "t"\nkind = "gazetteer"\n\n'
_ENTITY = '[[entity]]\nid = "a"\ncanonical = "Anna Alpha"\nkind = "person"\n'


@pytest.mark.parametrize("body, line, words", [
    (_ENTITY + 'colour = "red"\n', 9, "unknown key 'colour'"),
    (_ENTITY + 'variants = "Alfa"\n', 9, "'variants' must be list"),
    ('[[entity]]\nid = "a"\nkind = "person"\n', 5, "missing required key 'canonical'"),
    (_ENTITY + "\n" + _ENTITY, 10, "duplicate entity id 'a'"),
    (_ENTITY + '\n[[entity]]\nid = "b"\ncanonical = "Bob Beta"\nkind = "person"\nvariants = ["Anna Alpha"]\n', 14,
     "also names entity 'a'"),
    ('[[entity]]\nid = "A b"\ncanonical = "x"\nkind = "person"\n', 6, "id must be"),
    ('[[entity]]\nid = "a"\ncanonical = "x"\nkind = "planet"\n', 8, "kind must be one of"),
    (_ENTITY + 'native = [{ lang = "ru" }]\n', 9, "native entry"),
    (_ENTITY + "variants = [\n", 9, "invalid TOML"),
])
def test_loader_errors_name_file_and_line(tmp_path: Path, body: str, line: int, words: str) -> None:
    pack = tmp_path / "bad.toml"
    pack.write_text(_PACK + body, encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_gazetteer([pack])
    assert info.value.path == str(pack)
    assert info.value.line == line, str(info.value)
    assert words in str(info.value)


def test_pack_table_is_validated(tmp_path: Path) -> None:
    pack = tmp_path / "bad.toml"
    pack.write_text('[pack]\nname = "t"\nkind = "glossary"\n', encoding="utf-8")
    with pytest.raises(RulePackError, match=r"bad.toml:3: \[pack\] kind must be 'gazetteer'"):
        load_gazetteer([pack])


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / f"{name}.toml").write_text(_PACK + _ENTITY, encoding="utf-8")
    with pytest.raises(RulePackError, match=r"two.toml:5: duplicate entity id 'a'"):
        load_gazetteer([tmp_path / "one.toml", tmp_path / "two.toml"])


def test_cached_load_matches_fresh_build(tmp_path: Path, seed_gaz: Gazetteer) -> None:
    from normalize import cache
    from normalize.names import gazetteer

    key = cache.cache_key([(str(FIXTURES / "seed.toml"), (FIXTURES / "seed.toml").read_bytes())])
    gazetteer._MEMO.clear()
    cached = load_gazetteer([FIXTURES / "seed.toml"])
    assert cache.read(key) is not None
    assert cached.index().exact == seed_gaz.index().exact


# -- the bundled packs --------------------------------------------------------------------------


@pytest.mark.skipif(not BUNDLED, reason="no bundled gazetteer packs in rules/names/")
def test_bundled_spellings_resolve_to_their_entity() -> None:
    gazetteer = load_gazetteer(BUNDLED)
    index = gazetteer.index()
    problems = []
    for entity in gazetteer.entities:
        for spelling in (entity.canonical, *entity.styles.values(), *entity.variants):
            owners = {hit.entity for hit in index.exact.get(name_key(spelling), ())}
            if owners != {entity.id}:
                problems.append(f"{entity.id}: '{spelling}' resolves to {sorted(owners)}")
        for spelling in entity.variants:
            if " " not in spelling.strip() and "-" not in spelling and is_common_word(spelling):
                problems.append(f"{entity.id}: '{spelling}' is a common English word")
    assert problems == []


@pytest.mark.skipif(not BUNDLED, reason="no bundled gazetteer packs in rules/names/")
def test_bundled_generated_collisions_are_shared_surnames_only() -> None:
    """Generated spellings two entities share are dropped; only family names may clash."""
    gazetteer = load_gazetteer(BUNDLED)
    unexpected = []
    for key, owners in gazetteer.index().collisions:
        surnames = {name_key(gazetteer.by_id[o].surname or gazetteer.by_id[o].canonical.split()[-1]) for o in owners}
        if len(surnames) != 1:
            unexpected.append((key, owners))
    assert unexpected == []


def test_keep_phrases_leave_a_spelling_as_written(tmp_path: Path) -> None:
    pack = tmp_path / "places.toml"
    pack.write_text('[pack]\nname = "t"\nkind = "gazetteer"\n\n[[entity]]\nid = "kharkiv"\ncanonical = "Kharkiv"\n'
                    'kind = "place"\nvariants = ["Kharkov"]\nkeep = ["Battle of Kharkov"]\n', encoding="utf-8")
    gazetteer = load_gazetteer([pack])
    assert fix(gazetteer, "The Battle of Kharkov ended in 1943; Kharkov is now Kharkiv.") == (
        "The Battle of Kharkov ended in 1943; Kharkiv is now Kharkiv.")


def test_line_break_inside_a_name_is_no_variant(gaz: Gazetteer) -> None:
    assert changes(gaz, "banks in Hong\nKong said") == []


def test_sentence_bounds_and_finding_positions_match_the_plain_scans() -> None:
    # identity.sentence looks back from 100 characters first, and findings are placed by
    # counting line breaks: both must give what the plain full scans give.
    from normalize.edits import LineIndex
    from normalize.names.identity import _SENTENCE_BREAK_RE, sentence
    from normalize.names.matcher import _line_and_column

    def plain_start(text: str, start: int) -> int:
        lo = max(0, start - 400)
        breaks = [m.end() for m in _SENTENCE_BREAK_RE.finditer(text, lo, start)]
        return breaks[-1] if breaks else lo

    corpus = Path(__file__).resolve().parent.parent / "bench" / "corpora" / "news-modern"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))[:20]]
    texts += ["A.\n\nB. " * 80, ("Word " * 30 + ".\n\n") * 10, "No break at all " * 50, "?!.\n \n" * 100]
    for text in texts:
        lines = LineIndex(text)
        for start in range(0, len(text), 3):
            assert sentence(text, start, start)[0] == plain_start(text, start), (text[:40], start)
            assert _line_and_column(text, start) == lines.position(start)


def test_regex_spaces_are_what_the_regex_module_calls_space() -> None:
    import regex

    from normalize.names.identity import _REGEX_SPACES

    space = regex.compile(r"\s")
    assert set(_REGEX_SPACES) == {c for c in map(chr, range(0x110000)) if space.match(c)}


def test_identity_scans_match_their_regex_definitions() -> None:
    # identity.py reads the words around a match with str methods and stdlib re where the text
    # allows; these are the `regex` patterns they stand for, run on random text that mixes
    # ASCII with what sets the two apart (accents, combining marks, curly apostrophes, the
    # separators \x1c-\x1f that stdlib re counts as spaces and `regex` does not).
    import random
    import re

    import regex

    from normalize.names import identity

    word_before = regex.compile(r"(\p{L}[\p{L}\p{M}.'’]*)[ \u00a0]\Z", regex.REVERSE)
    word_after = regex.compile(r"[ \u00a0]+(\p{L}[\p{L}\p{M}'’]*)")
    apposition = regex.compile(r"(?:['’]s)?,[ \u00a0]+(?:a|an)[ \u00a0]+([^,.;:!?\n]{1,80})")
    sentence_break = regex.compile(r"[.!?][\"'”’)\]]*\s|\n[ \t]*\n")
    sentence_start = regex.compile(r"(?:\A|[.!?:;\"“‘(\[—–-]|\n)[\s\"“‘(]*\Z")

    def spans(found: re.Match[str] | regex.Match[str] | None) -> tuple[int, int, str] | None:
        return (found.start(), found.end(), found.group()) if found else None

    pieces = ["a", "an", "Kim", "J.", "O'Neil", "d’Ar", "é", "e\u0301", "Ünal", "1", "_", " ", " ", "\u00a0",
              ",", ".", "!", "?", ":", ";", "'", "’", "\"", "“", "‘", "”", "(", "[", ")", "]", "—", "–", "-",
              "\n", "\t", "\r\n", "\x1c", "\x1f", "\u2028", "\u3000", "\x85", "s"]
    rng = random.Random(7)
    for _ in range(3_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        for at in range(len(text) + 1):
            lo = max(0, at - 48)
            found = word_before.search(text, lo, at) if text[at - 1 : at] in (" ", "\u00a0") else None
            assert identity.word_before(text, at) == ((found.group(1), found.start(1)) if found else None), (text, at)
            found = word_after.match(text, at) if text[at : at + 1] in (" ", "\u00a0") else None
            assert identity.word_after(text, at) == (found.group(1) if found else None), (text, at)
            assert spans(identity._APPOSITION_RE.match(text, at)) == spans(apposition.match(text, at)), (text, at)
            assert spans(identity._SENTENCE_BREAK_RE.search(text, at)) == spans(sentence_break.search(text, at))
            assert identity.at_sentence_start(text, at) == bool(sentence_start.search(text, max(0, at - 8), at))


def test_a_clause_window_holds_the_whole_name_and_the_same_tokens() -> None:
    # _windows tokenises only the clause around a candidate (no punctuation inside): the tokens
    # chained to the candidate (one separator, particle or hyphen apart) all lie in it, and the
    # clause's tokens are the full window's tokens that lie in it.
    import random

    from normalize.names.matcher import _SEPARATORS, _clause, _tokenize

    pieces = ["Kim", "Jong-un", "Putin's", "O’Neil", "bin", "al-", "de", "la", "Ünal", "said", "x", " ", "  ",
              "\u00a0", "-", "\u2011", "\n", "\t", ",", ".", ";", "(", ")", "“", "”", "'", "’", "—", "1", "e\u0301"]
    rng = random.Random(12)
    checked = 0
    for _ in range(3_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        full = [(0, len(text))]
        tokens = _tokenize(text, full, [])
        capitals = [i for i, t in enumerate(tokens) if t.capital]
        if not capitals:
            continue
        i = rng.choice(capitals)
        chain = [i]
        while chain[0] > 0 and not tokens[chain[0] - 1].possessive and \
                text[tokens[chain[0] - 1].end : tokens[chain[0]].start] in _SEPARATORS:
            chain.insert(0, chain[0] - 1)
        while chain[-1] + 1 < len(tokens) and not tokens[chain[-1]].possessive and \
                text[tokens[chain[-1]].end : tokens[chain[-1] + 1].start] in _SEPARATORS:
            chain.append(chain[-1] + 1)
        start, end = _clause(text, 0, tokens[i].start, tokens[i].end, len(text))
        assert all(start <= tokens[k].start and tokens[k].end <= end for k in chain), (text, i)
        inside = [t for t in tokens if start <= t.start and t.end <= end]
        assert _tokenize(text, [(start, end)], []) == inside, (text, i)
        checked += 1
    assert checked > 2_000


def test_the_name_list_answers_the_same_bisected_or_hashed(monkeypatch: pytest.MonkeyPatch) -> None:
    # A long run switches is_known_name from bisecting the list to a set of its lines.
    import random

    from normalize.names import words

    lines, start, end = words._section("names")
    listed = [line.decode() for line in lines[start:end].split(b"\n")]
    rng = random.Random(4)
    probes = rng.sample(listed, 500) + [w + "x" for w in rng.sample(listed, 500)] + ["", "condon", "nowak", "zz\n"]
    expected = [words._contains(words._section("names"), p) for p in probes]
    assert any(expected) and not all(expected)
    words.is_known_name.cache_clear()
    monkeypatch.setattr(words, "_names_looked_up", [words.HASH_NAMES_AFTER])
    assert [words.is_known_name(p) for p in probes] == expected
    words.is_known_name.cache_clear()
