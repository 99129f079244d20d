"""Inputs the fuzzer (fuzz/fuzz_pipeline.py) found, kept so they stay fixed.

The first byte chooses the markup, as in the fuzz target; the rest is the document.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import normalize
from normalize.edits import apply_changes
from normalize.errors import NormalizeError

CASES = sorted((Path(__file__).parent / "data" / "fuzz-regressions").glob("*.bin"))
MARKUPS = ("text", "markdown", "html", "rst")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fuzz_regression(path):
    data = path.read_bytes()
    markup = MARKUPS[data[0] % len(MARKUPS)]
    engine = normalize.Normalizer()
    try:
        result = engine.normalize_bytes(data[1:], markup=markup)
    except NormalizeError:
        return
    assert apply_changes(result.source, result.changes) == result.text
    assert engine.normalize_text(result.text, markup=markup).changes == []
