"""The encoding stage's cheap gates never skip a text its checks would act on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from normalize.document import Document
from normalize.encoding.legacy import needs_legacy_check
from normalize.encoding.mac_dos import find_mac_dos_mojibake
from normalize.encoding.utf8 import find_utf8_repairs, needs_check
from normalize.stages.repair import _clusters, _mac_dos_traces, _may_need_legacy_check, _may_need_utf8_check

CASES = Path(__file__).parent / "data" / "ftfy-test-cases"


def _ftfy_texts() -> list[str]:
    texts = []
    for path in sorted(CASES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for case in data if isinstance(data, list) else []:
            texts += [case[k] for k in ("original", "fixed", "fixed-encoding") if isinstance(case.get(k), str)]
    return texts


def _gates(text: str) -> tuple[bool, bool]:
    clusters = _clusters(text)
    return _may_need_utf8_check(text, Document(text).unusual_chars, clusters), _may_need_legacy_check(clusters)


def test_gates_are_necessary_on_ftfy_cases():
    texts = [t for t in _ftfy_texts() if not t.isascii()]
    assert len(texts) > 100
    for text in texts:
        utf8_gate, legacy_gate = _gates(text)
        assert utf8_gate or find_utf8_repairs(text) == ([], []), text
        assert legacy_gate or not needs_legacy_check(text), text
        assert not _mac_dos_traces().isdisjoint(Document(text).unusual_chars) or not find_mac_dos_mojibake(text), text


@pytest.mark.parametrize("text", [
    "donâ€™t", "Ð¡ÐµÑ€Ð³ÐµÐ¹", "Ñåðãåé Øîéãó", "Ã  la carte", "cafÃ? au lait", "a\x85b", "gr\x89ce \x88 Dieu",
])
def test_mojibake_passes_the_gates(text: str):
    utf8_gate, legacy_gate = _gates(text)
    assert (utf8_gate or not needs_check(text)) and (legacy_gate or not needs_legacy_check(text))
    assert utf8_gate or legacy_gate or not _mac_dos_traces().isdisjoint(Document(text).unusual_chars)


def test_clean_accented_copy_skips_both_checks():
    # accented names and curly quotes, each alone between ASCII: nothing to look at
    utf8_gate, legacy_gate = _gates("“José Sánchez said,” according to Zoë Müller’s aide. Was it Peña?")
    assert not utf8_gate and not legacy_gate
    assert _mac_dos_traces().isdisjoint(Document("“José Sánchez said,” Zoë Müller’s aide.").unusual_chars)


def test_legacy_pair_sets_match_the_legacy_regexes():
    import re

    from normalize.encoding.legacy import _cp1251_pair_re, _pair_re
    from normalize.stages.repair import _legacy_pairs

    letters, leads, conts = _legacy_pairs()
    pair = _cp1251_pair_re().pattern
    split = pair.index("][") + 1
    for chars, pattern in ((letters, _pair_re().pattern.removesuffix("{2}")), (leads, pair[:split]), (conts, pair[split:])):
        single = re.compile(pattern)
        assert chars == {c for c in map(chr, range(0x10000)) if single.fullmatch(c)}


def test_legacy_pair_scan_is_the_pairwise_test():
    """_may_need_legacy_check scans the clusters joined by line breaks in one regex: the same
    answer as testing every pair of neighbours inside each cluster."""
    from normalize.stages.repair import _legacy_pairs

    letters, leads, conts = _legacy_pairs()
    assert "\n" not in letters | leads | conts  # a joined line break makes no pair
    texts = _ftfy_texts() + ["Ñåðãåé Øîéãó", "Ð¡ÐµÑ€Ð³ÐµÐ¹", "“José” «Ça» ÐŸ", "é\nè", "gęślą jaźń"]
    for text in texts:
        clusters = _clusters(text)
        pairwise = any((a in letters and b in letters) or (a in leads and b in conts)
                       for piece in clusters for a, b in zip(piece, piece[1:]))
        assert _may_need_legacy_check(clusters) == pairwise, text


def test_generated_gate_tables_are_current():
    """normalize/encoding/gates.py is what the encoding modules give today: after a change to
    their tables or regexes, run tools/build_encoding_gates.py."""
    from normalize.encoding import gates
    from normalize.stages.repair import derive_gate_tables

    for name, value in derive_gate_tables().items():
        assert getattr(gates, name) == value, f"{name} is stale: run python tools/build_encoding_gates.py"


def test_a_clean_accented_article_imports_no_encoding_check(tmp_path):
    """Start-up: copy with accented names and curly quotes passes the gates without loading the
    modules behind them (a real process, since this one has imported them already)."""
    import subprocess
    import sys

    code = ("import sys, normalize; normalize.normalize_text('“José Sánchez said,” Zoë Müller’s aide. Was it Peña?');"
            "print(sorted(m for m in sys.modules if m.startswith('normalize.encoding.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['normalize.encoding.gates']", done.stdout


def _news_texts() -> list[str]:
    news = Path(__file__).parent.parent / "bench" / "corpora" / "news-modern"
    return [path.read_text(encoding="utf-8") for path in sorted(news.glob("*.txt"))]


NBSP_PROBES = ["São Paulo", "a irmã Dulce", "Ã  la carte", "Ã\u00a0la", "cafÃ©", "â€ ", "ð ", "Ð ", "Å ",
               "Ù ", "Î ", "Â ", "Ã\n", "ã", "end with ã", "Åland Ðakovo Ùbu Îles"]


def test_utf8_gate_is_false_only_where_the_prefilter_has_no_hit():
    """The gate stands for encoding.utf8._hits: a lost no-break space counts only where a
    lead is followed by a space, as in its scan ("São" is no hit, "Ã " is)."""
    from normalize.encoding.utf8 import _hits

    texts = [t for t in _ftfy_texts() + _news_texts() + NBSP_PROBES if not t.isascii()]
    passed = 0
    for text in texts:
        gate, _ = _gates(text)
        passed += gate
        assert gate or next(_hits(text), None) is None, text[:80]
    assert 0 < passed < len(texts)
    assert not _gates("São Paulo, Ñuñoa and Åland")[0] and _gates("a irmã Dulce")[0]


def test_cp1251_pair_check_on_clusters_is_the_whole_text_search():
    from normalize.encoding.legacy import _cp1251_pair_re
    from normalize.stages.repair import _has_cp1251_pair

    texts = _ftfy_texts() + _news_texts() + ["Ð¡ÐµÑ€Ð³ÐµÐ¹", "Ñåðãåé", "Ð\nÐ", "gęślą jaźń", "ÐŸ"]
    both = [0, 0]
    for text in texts:
        found = _cp1251_pair_re().search(text) is not None
        both[found] += 1
        assert _has_cp1251_pair(_clusters(text)) == found, text[:80]
    assert all(both)


def test_a_documents_clusters_are_the_split_the_gates_were_written_for():
    """Document.clusters comes from the pass that found the unusual characters when there are
    few (kept with the document), else from a split of its own: the same list either way."""
    cyrillic = "Сергей Шойгу сказал, что " * 40  # every word a cluster: too many to keep
    long_text = ("Zoë’s “café” Ñåðãåé " * 20_000)  # over one piece: unusual_chars goes piece by piece
    kept = 0
    for text in _ftfy_texts() + _news_texts() + [cyrillic, long_text, "", "ascii only", "ascii\x00\x1b with controls\x7f", "é", "éé"]:
        document = Document(text)
        assert document.unusual_chars == frozenset(c for c in text if not ("\x20" <= c <= "\x7e" or c in "\t\n\r"))
        kept += "clusters" in document.__dict__
        assert document.clusters == _clusters(text), text[:80]
    assert kept > 100
    many = Document(cyrillic)
    assert many.unusual_chars and "clusters" not in many.__dict__  # not kept alive with the document


def test_unusual_characters_of_dense_texts_on_random_mixes_of_alphabets():
    # a text mostly outside ASCII takes the code-page route (document._dense_unusual_chars):
    # the same characters as the plain definition, whatever mix of pages and beyond
    import random

    from normalize.document import _dense_unusual_chars

    pools = ["Сергей Шойгу ґЇ", "Ἀθῆναι αλφα ΩΣ", "Ð¡ÐµÑ€ Ã©â€™", "日本語", "عربي", "שלום", "ąęł őű",
             "\x00\x1b\x7f\x85\u200b\ufffd", "abc ,.\n\t\r"]
    rng = random.Random(3)
    routed = 0
    for _ in range(2000):
        picked = rng.sample(pools, rng.randint(1, 4))
        text = "".join(rng.choice(rng.choice(picked)) for _ in range(rng.choice((5, 60, 2500))))
        expected = frozenset(c for c in text if not ("\x20" <= c <= "\x7e" or c in "\t\n\r"))
        assert Document(text).unusual_chars == expected, text[:80]
        routed += _dense_unusual_chars(text) is not None
    assert routed > 1000


def test_redecoded_lines_blanked_alike_in_order_and_out_of_order():
    # edits in order and apart take the C-speed join; shuffled, the sorting walk: the same text
    import random

    from normalize.edits import Edit
    from normalize.stages.repair import _without_redecoded_lines

    rng = random.Random(9)
    text = "".join(rng.choice("ab é\n") for _ in range(60))
    for _ in range(3000):
        edits, pos = [], 0
        while pos < len(text) and len(edits) < 8:
            start = pos + rng.randint(0, 6)
            end = min(len(text), start + rng.randint(0, 4))
            if start > len(text):
                break
            edits.append(Edit(start, end, "x", "encoding.utf8-mojibake", "encoding", "m", priority=rng.choice((0, 1, 1))))
            pos = end
        shuffled = edits[::-1]
        expected = _without_redecoded_lines(text, shuffled)
        assert _without_redecoded_lines(text, edits) == expected
        assert len(expected) == len(text)
        assert all(expected[e.start : e.end] == " " * (e.end - e.start) for e in edits if e.priority)


def test_clusters_are_the_split_pieces_two_or_more_long():
    # _clusters finds at C speed what the split by document.PLAIN_ASCII_RUNS leaves
    import random

    from normalize.document import PLAIN_ASCII_RUNS

    rng = random.Random(8)
    texts = ["", "ascii only", "Ã© x Ã", "\x85\x1f\x7f", "тест «x»"]
    texts += ["".join(rng.choice("a \t\n\r~\x7f\x1f\x0bé’Ж\x85") for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    for text in texts:
        assert _clusters(text) == [p for p in PLAIN_ASCII_RUNS.split(text) if len(p) > 1], text
