"""`normalize rules` is truthful: everything the engine emits on a broad corpus is declared.

The corpus: the fixtures and the seed, the clean news articles, headlines and stray or glossed
foreign sentences of bench/corpora, the langid-dev sentences of every language (alone and
as stray lines in an English article), the ftfy test cases, the fuzz regressions, damaged
copies (UTF-8 read as cp1252, cp1251 read as Latin-1, look-alikes, invisible characters,
controls, fullwidth forms, ligatures), legacy-encoded bytes, and the examples of every
bundled pack; run with several configurations so that unsafe fixes, house styles and every
foreign-script action are exercised. Each edit and finding (recorded as the stages propose
them, so the severity of applied edits is seen too) must carry a declared id, its declared
category and one of its declared severities.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from normalize.edits import Edit, Finding
from normalize.encoding.decode import decode_bytes
from normalize.errors import NormalizeError
from normalize.pipeline import Normalizer

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CONFIGS = [
    {},
    {"unsafe_fixes": True, "style": "en-US"},  # a defined style: unknown ones are errors (issue #14)
    {"config": {"foreign-actions": {"*": "note"}}},
    {"config": {"foreign-actions": {"*": "remove", "el": "transliterate", "ru": "translate"}}},
]


def _sentences(language: str, count: int = 40) -> list[str]:
    path = DATA / "langid-dev" / "sentences" / f"{language}.txt"
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()][:count]


def _languages() -> list[str]:
    return sorted(p.stem for p in (DATA / "langid-dev" / "sentences").glob("*.txt"))


def _damaged(text: str) -> list[str]:
    """The same copy broken the ways wire copy breaks."""
    out = []
    try:
        out.append(text.encode("utf-8").decode("cp1252", errors="ignore"))
    except UnicodeError:
        pass
    for codec in ("cp1251", "koi8_r", "cp1253", "iso8859_7"):
        try:
            out.append(text.encode(codec).decode("latin-1"))
        except UnicodeError:
            pass
    try:
        out.append(text.encode("utf-8").decode("cp1251", errors="ignore"))
    except UnicodeError:
        pass
    words = text.split(" ")
    out.append(" ".join(w + "\u200b" if i % 7 == 3 else w for i, w in enumerate(words)))
    out.append(text.replace("a", "\u0430", 3).replace("o", "\u043e", 2).replace("\u043e", "o", 2))
    out.append(text.replace(" ", "\u00a0", 4).replace(" ", "\u2009", 2) + "\u00ad\u2060\ufeff\x07\x85")
    out.append(text.replace("fi", "\ufb01") + " \uff21\uff22\uff23 \u202eevil\u202c \u200d \u200e")
    out.append(text.replace("e\u0301", "é").replace("é", "e\u0301"))
    return out


def _texts() -> list[tuple[str, str]]:
    """(markup, text) pairs."""
    items = [("text", (ROOT / "fixtures" / "putin-kim-article.txt").read_text(encoding="utf-8")),
             ("markdown", (ROOT / "fixtures" / "damaged-article.md").read_text(encoding="utf-8"))]
    english = " ".join(_sentences("en", 12))
    for language in _languages():
        block = "\n".join(_sentences(language))
        items.append(("text", block))
        mixed = f"{english}\n{_sentences(language, 2)[-1]}\nMr. Smith and Mr Jones met Dr Brown.\n{english}"
        items.append(("text", mixed))
        items += [("text", damaged) for damaged in _damaged(" ".join(_sentences(language, 6)))]
    corpora = ROOT / "bench" / "corpora"  # clean news copy written for the project (names, titles, styles)
    items += [("text", p.read_text(encoding="utf-8")) for p in sorted((corpora / "news-modern").glob("*.txt"))]
    for name in ("headlines-en.txt", "stray-foreign.txt", "glossed-foreign.txt"):
        if (corpora / name).is_file():
            items.append(("text", (corpora / name).read_text(encoding="utf-8")))
    for name in ("synthetic.json", "in-the-wild.json", "negative.json"):
        items += [("text", case["original"]) for case in json.loads((DATA / "ftfy-test-cases" / name).read_text())]
    from normalize.examples import bundled_examples

    items += [("text", example.input) for example in bundled_examples()]
    return items


def _bytes() -> list[bytes]:
    out = [p.read_bytes() for p in (DATA / "fuzz-regressions").iterdir() if p.is_file()]
    for language, codecs in {"ru": ("cp1251", "koi8_r"), "uk": ("cp1251", "koi8_u"), "bg": ("cp1251",),
                             "el": ("cp1253", "iso8859_7")}.items():
        text = "\n".join(_sentences(language, 20))
        for codec in codecs:
            try:
                out.append(text.encode(codec))
            except UnicodeError:
                continue
        out.append(text.encode("utf-8")[:300] + b"\xff\xfe stray \x92 bytes " + text.encode("utf-8")[300:600])
    out.append("Prices rose 5% on Tuesday, the ministry said.".encode("utf-8") + b" \x81\x8d\x8f\x90 ")
    return out


def _declarations(engine: Normalizer) -> dict[str, object]:
    return {rule.id: rule for rule in engine.rules()}


class Recorder:
    """Wraps the stages of an engine and keeps every (rule, category, severity) they emit."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str, str], str] = {}

    def add(self, items: list[Edit] | list[Finding], where: str) -> None:
        for item in items:
            self.seen.setdefault((item.rule, item.category, item.severity), where)

    def wrap(self, engine: Normalizer) -> None:
        repair, content = engine._stages
        for stage in repair + content:
            run = stage.run

            def recorded(doc, run=run, stage=stage):  # noqa: ANN001, ANN202 - test shim
                edits, findings = run(doc)
                self.add(edits, type(stage).__name__)
                self.add(findings, type(stage).__name__)
                return edits, findings

            stage.run = recorded  # type: ignore[method-assign]


@pytest.fixture(scope="module")
def emitted() -> tuple[dict[tuple[str, str, str], str], dict[str, object]]:
    recorder = Recorder()
    declared: dict[str, object] = {}
    texts, raw = _texts(), _bytes()
    for options in CONFIGS:
        engine = Normalizer(**options)
        recorder.wrap(engine)
        declared.update(_declarations(engine))
        for markup, text in texts:
            result = engine.normalize_text(text, markup=markup)
            recorder.add(result.findings, "pipeline")
        for data in raw:
            try:
                decoded = decode_bytes(data)
            except NormalizeError:  # unreadable bytes are refused with a clear error: nothing emitted
                continue
            recorder.add(decoded.edits, "decode_bytes")
            recorder.add(decoded.findings, "decode_bytes")
            recorder.add(engine.normalize_bytes(data).findings, "pipeline")
    # the engines above share stages per configuration: undo the wrapping for later tests
    from normalize import pipeline

    pipeline._COMPILED.clear()
    return recorder.seen, declared


def test_every_emitted_rule_is_declared_with_its_category_and_an_allowed_severity(emitted):
    seen, declared = emitted
    problems = []
    for (rule_id, category, severity), where in sorted(seen.items()):
        rule = declared.get(rule_id)
        if rule is None:
            problems.append(f"{rule_id} ({where}): not declared")
        elif category != rule.category:  # type: ignore[attr-defined]
            problems.append(f"{rule_id} ({where}): emitted as {category}, declared {rule.category}")  # type: ignore[attr-defined]
        elif severity not in rule.allowed_severities:  # type: ignore[attr-defined]
            problems.append(f"{rule_id} ({where}): emitted at {severity}, declared {rule.allowed_severities}")  # type: ignore[attr-defined]
    assert not problems, "\n".join(problems)


def test_the_corpus_reaches_every_family(emitted):
    """A coverage test that saw nothing would pass: make sure it saw each family at work."""
    seen, _ = emitted
    families = defaultdict(set)
    for rule_id, _, severity in seen:
        families[rule_id.split(".")[0]].add(rule_id)
    for family in ("encoding", "unicode", "whitespace", "homoglyph", "foreign-script", "honorific", "names"):
        assert families[family], f"no {family} rule emitted by the corpus"
    assert {"encoding.mojibake", "encoding.legacy-file", "encoding.stray-bytes", "unicode.bidi",
            "foreign-script.stray", "foreign-script.latin-sentence"} <= {r for r, _, _ in seen}


def test_every_declared_source_is_a_file():
    rules = Normalizer().rules()
    assert rules
    not_files = [f"{r.id}: {r.source}" for r in rules if not r.source_path().is_file()]
    assert not not_files, not_files


def test_declared_ids_are_unique_per_engine():
    ids = [r.id for r in Normalizer().rules()]
    assert len(ids) == len(set(ids))
