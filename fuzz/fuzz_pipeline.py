"""Coverage-guided fuzzing of byte decoding and the whole pipeline (atheris; not run in CI).

    pip install atheris
    python fuzz/fuzz_pipeline.py -max_total_time=300 [corpus-dir]

Any exception other than NormalizeError (a refusal with a message) is a bug, as is a report
that does not replay onto its input or a second pass that still changes something.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import normalize
    from normalize.edits import apply_changes
    from normalize.errors import NormalizeError

ENGINE = normalize.Normalizer()
MARKUPS = ("text", "markdown", "html", "rst")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    markup = MARKUPS[data[0] % len(MARKUPS)]
    try:
        result = ENGINE.normalize_bytes(data[1:], markup=markup)
    except NormalizeError:
        return
    if apply_changes(result.source, result.changes) != result.text:
        raise AssertionError("report does not replay onto the decoded input")
    again = ENGINE.normalize_text(result.text, markup=markup)
    if again.changes:
        raise AssertionError(f"second pass still changes: {again.changes[:3]}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
