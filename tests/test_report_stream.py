"""Reports are written piece by piece (normalize/report/stream.py): a huge file's report is never
one string nor one list of dicts, and the bytes are those of the one-string rendering."""

from __future__ import annotations

import json
from typing import Any

import pytest

from normalize import Normalizer
from normalize.report import FORMATS, build_report, render, write
from normalize.report.sarif import build_sarif
from normalize.report.stream import CHUNK, ItemDicts, dump_json, plain


@pytest.fixture(scope="module")
def big() -> list[tuple[str, Any]]:
    """One article with a zero-width space in every word (6,000 changes: the compact JSON form),
    stray bytes (lone surrogates), and a small second article with findings."""
    words = " ".join(f"wo\u200brd{i}" for i in range(6000))
    data = ("Mr Kim met Mr. Putin. " + words + "\n").encode("utf-8") + b"caf\xe9 \xff stray\n"
    engine = Normalizer()
    second = engine.normalize_text("Mr Kim met Mr. Putin in Kiev. \u041c\u043e\u0441\u043a\u0432\u0430 said so.\n")
    return [("big.txt", engine.normalize_bytes(data)), ("b.txt", second)]


class Recorder:
    def __init__(self) -> None:
        self.writes: list[str] = []

    def __call__(self, piece: str) -> None:
        self.writes.append(piece)


def test_the_json_report_is_written_in_pieces_with_the_bytes_of_one_json_dumps(big: list[tuple[str, Any]]) -> None:
    report = build_report(big, ["gone.txt: no such file"], lazy=True)
    assert report["summary"]["changes"] + report["summary"]["findings"] >= 5000  # the compact form
    sink = Recorder()
    write("json", report, {}, sink)
    assert len(sink.writes) > 5  # not one giant string
    assert max(len(w) for w in sink.writes) < 2 * CHUNK
    # the contract's bytes: one json.dumps of the whole report, lone surrogates as \udcXX
    whole = json.dumps(build_report(big, ["gone.txt: no such file"]), ensure_ascii=False, default=str)
    expected = whole.encode("utf-8", errors="backslashreplace").decode("utf-8") + "\n"
    assert "".join(sink.writes) == expected
    assert "\\udcff" in expected


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_a_lazy_report_as_the_plain_one(fmt: str, big: list[tuple[str, Any]]) -> None:
    sources = {path: (result.source, result.text) for path, result in big}
    options = {"color": True} if fmt == "text" else {}
    lazy = render(fmt, build_report(big, ["x: gone"], lazy=True), sources, **options)
    assert lazy == render(fmt, build_report(big, ["x: gone"]), sources, **options)
    sink = Recorder()
    write(fmt, build_report(big, ["x: gone"], lazy=True), sources, sink, **options)
    assert "".join(sink.writes) == lazy
    assert len(sink.writes) > 1


def test_the_sarif_log_is_streamed_with_the_bytes_of_one_json_dumps(big: list[tuple[str, Any]]) -> None:
    report = build_report(big, ["x: gone"])
    sink = Recorder()
    write("sarif", build_report(big, ["x: gone"], lazy=True), {}, sink)
    whole = json.dumps(build_sarif(report), ensure_ascii=False, separators=(",", ":"))
    assert "".join(sink.writes) == whole.replace("\udcff", "\ufffd").replace("\udce9", "\ufffd") + "\n"
    assert len(sink.writes) > 5


def test_the_text_report_keeps_the_order_of_a_sort_when_items_come_unsorted() -> None:
    def item(line: int, column: int, rule: str) -> dict[str, Any]:
        return {"rule": rule, "line": line, "column": column, "before": "a", "after": "b", "message": "m"}

    def found(line: int, column: int, rule: str) -> dict[str, Any]:
        return {"rule": rule, "line": line, "column": column, "severity": "info", "text": "t", "message": "m"}

    changes = [item(2, 1, "c1"), item(1, 5, "c2"), item(1, 5, "c3")]
    findings = [found(1, 5, "f1"), found(1, 1, "f2")]
    report = {"files": [{"path": "a", "changes": changes, "findings": findings}],
              "summary": {"files": 1, "changed": 1, "changes": 3, "findings": 2}}
    text = render("text", report, {})
    assert [line.split()[1] for line in text.splitlines()[1:-1]] == ["f2", "c2", "c3", "f1", "c1"]


def test_item_dicts_make_each_dict_when_read() -> None:
    made: list[int] = []

    class Item:
        def __init__(self, n: int) -> None:
            self.n = n

        def to_dict(self) -> dict[str, Any]:
            made.append(self.n)
            return {"n": self.n}

    items = ItemDicts([Item(0), Item(1), Item(2)])
    assert len(items) == 3 and bool(items) and made == []
    iterator = iter(items)
    assert next(iterator) == {"n": 0} and made == [0]
    assert items[2] == {"n": 2} and items[1:] == [{"n": 1}, {"n": 2}]
    assert items == [{"n": 0}, {"n": 1}, {"n": 2}] and plain({"x": [items]}) == {"x": [[{"n": 0}, {"n": 1}, {"n": 2}]]}


@pytest.mark.parametrize("value", [
    {}, [], {"a": [], "b": {}}, {"a": [1, 2.5, None, True, "é\u200b"], "b": {"c": [{"d": [1]}]}},
    [[[[[{"deep": [1, {"x": 2}]}]]]]], {"k\"ey": "v\n", "n": float("nan")},
])
@pytest.mark.parametrize("separators", [(", ", ": "), (",", ":")])
def test_dump_json_equals_json_dumps(value: Any, separators: tuple[str, str]) -> None:
    pieces: list[str] = []
    dump_json(value, pieces.append, separators=separators, default=str)
    assert "".join(pieces) == json.dumps(value, ensure_ascii=False, separators=separators, default=str)


def _old_source_excerpt(source: str, start: int, end: int, width: int = 100) -> tuple[str, str]:
    """source_excerpt as it was before it read only the shown part of a long line."""
    from normalize.report.text import _cell, _width

    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", start)
    line = source[line_start: len(source) if line_end < 0 else line_end].rstrip("\r")
    left, right = start - line_start, min(end, line_start + len(line)) - line_start
    cells = [_cell(c) for c in line]
    lo, hi = 0, len(cells)
    if sum(len(c) for c in cells) > width:
        room = max(width - sum(len(c) for c in cells[left:right]), 20) // 2
        lo = max(0, left - room)
        hi = min(len(cells), max(right, left + 1, lo + width))
        lo = max(0, min(lo, hi - width))
    shown = ("…" if lo else "") + "".join(cells[lo:hi]) + ("…" if hi < len(cells) else "")
    before = (1 if lo else 0) + sum(_width(c) for c in cells[lo:left])
    span = sum(_width(c) for c in cells[left:right])
    return shown, " " * before + "^" * max(span, 1)


def test_the_excerpt_of_a_long_line_is_the_one_of_the_whole_line() -> None:
    import random

    from normalize.report.text import line_bounds, source_excerpt

    rng = random.Random(16)
    alphabet = ["a", "b", " ", "\t", "\r", "\n", "\u200b", "\u0301", "漢", "\x1b", "é", "\u202e"]
    for _ in range(3000):
        weights = [30, 10, 10, 1, 1, rng.choice([0, 0.2, 3]), 1, 1, 2, 1, 1, 1]
        source = "".join(rng.choices(alphabet, weights, k=rng.randint(1, 400)))
        start = rng.randrange(len(source))
        end = min(len(source), start + rng.choice([0, 1, 2, 5, 30, 150]))
        width = rng.choice([100, 20, 7])
        expected = _old_source_excerpt(source, start, end, width)
        assert source_excerpt(source, start, end, width) == expected, (source, start, end, width)
        assert source_excerpt(source, start, end, width, bounds=line_bounds(source, start)) == expected
