"""Whole-pipeline properties over generated input: no crash, replayable reports, idempotence.

Two kinds of input: arbitrary Unicode/bytes, and text assembled from the pieces that real
damaged articles are made of (titles, near-miss names, mojibake, look-alikes, invisibles,
foreign fragments, CRLF), which reaches deep into every stage.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import normalize
from normalize.edits import apply_changes
from normalize.errors import NormalizeError

EXAMPLES = int(os.environ.get("NORMALIZE_PROPERTY_EXAMPLES", "300"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ENGINE = normalize.Normalizer()

PIECES = [
    "Mr. ", "Mr ", "Messrs. ", "Dr ", "Sen. ", "Kim ", "Putin", "Sergei ", "Saigu", "Shoygu", "Madurov", "Denis ",
    "Vastochny Cosmodrome", "Kim Young-ho", "Kyiv", "Kiev", "Zelenskyy", "donâ€™t", "Ð¡ÐµÑ€Ð³ÐµÐ¹", "Ñåðãåé Øîéãó",
    "Ukrаine", "Kyіv", "\u200b", "\u00ad", "\u00a0", "\u202e", "\ufeff", "ﬁ", "Ｔｏｋｙｏ", "e\u0301", "[του Συμβουλίου Ασφαλείας]",
    "«Слава Україні»", "김정은", "東京", "שלום", "π", "μm", "https://example.com/Mr.Smith", "a@b.org", "\n", "\r\n",
    "\n\n", " ", ", ", ". ", "the talks ", "said ", "“quoted” ", "Mr. Kim met Mr Putin. ", "<!-- normalize: off -->",
    "normalize: ignore-next-line\n", "`code Mr. x`", "```\nMr. Code\n```\n",
]
news_like = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=200), news_like)


def check_result(text: str, result: normalize.Result) -> None:
    assert apply_changes(text, result.changes) == result.text
    spans = sorted((c.start, c.end) for c in result.changes)
    assert all(0 <= start <= end <= len(text) for start, end in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    for item in [*result.changes, *result.findings]:
        assert 0 <= item.start <= item.end <= len(text)
        line_start = text.rfind("\n", 0, item.start) + 1
        assert (item.line, item.column) == (text.count("\n", 0, item.start) + 1, item.start - line_start + 1)
    result.text.encode("utf-8")  # the output is valid Unicode (no lone surrogates from str input)


@SETTINGS
@given(any_text)
def test_text_report_replays_and_fixing_twice_changes_nothing(text):
    result = ENGINE.normalize_text(text)
    check_result(text, result)
    assert ENGINE.normalize_text(result.text).changes == []


@SETTINGS
@given(news_like, st.sampled_from([None, "en-GB", "en-US"]))
def test_house_styles_are_idempotent_too(text, style):
    engine = normalize.Normalizer(style=style)
    result = engine.normalize_text(text)
    check_result(text, result)
    assert engine.normalize_text(result.text).changes == []


@SETTINGS
@given(st.one_of(st.binary(max_size=300), news_like.map(lambda t: t.encode("utf-8")),
                 news_like.map(lambda t: t.encode("cp1251", errors="ignore")),
                 news_like.map(lambda t: t.encode("utf-16"))))
def test_bytes_never_crash_and_replay_on_the_decoded_text(data):
    try:
        result = ENGINE.normalize_bytes(data)
    except NormalizeError as exc:
        assert str(exc)  # refused with a reason; nothing else is acceptable
        return
    assert apply_changes(result.source, result.changes) == result.text
    result.text.encode("utf-8", errors="surrogateescape")  # undecodable bytes survive as themselves
