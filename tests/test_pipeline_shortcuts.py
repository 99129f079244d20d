"""The pipeline's per-change shortcuts give what the full path gives."""

from __future__ import annotations

from normalize import Normalizer
from normalize.document import Document
from normalize.edits import Edit, LineIndex, Shared, apply_changes
from normalize.pipeline import _changes


def _full_allowed(engine: Normalizer, doc: Document, rule: str, category: str, start: int, end: int,
                  finding: bool = False) -> bool:
    """allowed() without its shortcut for a text with no protected span and no directive."""
    if not engine.selection.enabled(rule, category):
        return False
    if not finding and doc.is_protected(start, end):
        return False
    if finding and start != end and doc.is_protected(start, end) and rule != "unicode.bidi":
        return False
    return doc.suppressions is None or doc.suppressions.allows(rule, start, end, category=category)


def test_allowed_answers_as_the_full_check_with_and_without_protection():
    engine = Normalizer(ignore=["homoglyph"])
    texts = ["Plain text, Ð¡ÐµÑ€Ð³ÐµÐ¹ and donâ€™t, nothing protected.",
             "See https://example.com/Ã©t\u00e9 and Mr. A\n<!-- normalize: off -->\nMr. B\n",
             "Mr. A\n<!-- normalize: ignore-next-line -->\nMr. B â€™\nMr. C\n"]
    rules = [("encoding.utf8-mojibake", "encoding"), ("unicode.bidi", "unicode"), ("homoglyph.mixed", "homoglyph"),
             ("names.spelling", "transliteration")]
    for text in texts:
        doc = Document(text, markup="markdown")
        allowed = engine._allowed(doc)
        for rule, category in rules:
            for start in range(len(text)):
                for end, finding in ((start, True), (start + 1, False), (start + 3, True)):
                    assert allowed(rule, category, start, end, finding) == _full_allowed(
                        engine, doc, rule, category, start, end, finding), (text, rule, start, end)


def test_changes_share_strings_and_locate_as_before():
    text = "ab\ncd Ã©\n\nÃ© x Ã©"
    edits = [Edit(6, 8, "é", "encoding.utf8-mojibake", "encoding", "m1"),
             Edit(10, 12, "é", "encoding.utf8-mojibake", "encoding", "m1"),
             Edit(15, 17, "é", "encoding.utf8-mojibake", "encoding", "m" + "1"[:1])]
    changes = _changes(text, list(edits), LineIndex(text), Shared())
    assert [(c.start, c.end, c.line, c.column, c.before, c.after, c.message) for c in changes] == [
        (6, 8, 2, 4, "Ã©", "é", "m1"), (10, 12, 4, 1, "Ã©", "é", "m1"), (15, 17, 4, 6, "Ã©", "é", "m1")]
    assert changes[0].message is changes[2].message and changes[0].after is changes[1].after
    lines = LineIndex(text)
    assert [lines.position(o) for o in (0, 3, 9, 2, 17, 10)] == [(1, 1), (2, 1), (3, 1), (1, 3), (4, 8), (4, 1)]


def test_changes_walking_the_lines_locate_as_line_index_does():
    # _changes asks the line index again only when a change leaves the line before's: every
    # change (at a line's start, at its break, at the text's end, in a block) is located as
    # LineIndex.position locates it
    import random

    rng = random.Random(5)
    for _ in range(300):
        text = "".join(rng.choice("ab\n") for _ in range(rng.randint(0, 30)))
        offset = rng.choice((0, 0, 7))
        whole = "x" * offset + text
        points = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, rng.randint(0, 8))))
        edits = [Edit(p, min(p + rng.randint(0, 1), len(text)), "Z", "r.x", "encoding", "m") for p in points]
        edits = [e for k, e in enumerate(edits) if k == 0 or edits[k - 1].end <= e.start]
        changes = _changes(whole, list(edits), LineIndex(whole), Shared(), offset)
        lines = LineIndex(whole)
        assert [(c.line, c.column) for c in changes] == [lines.position(e.start + offset) for e in edits]
        assert [c.before for c in changes] == [whole[e.start + offset : e.end + offset] for e in edits]


def _kept_by_the_loop(engine: Normalizer, doc: Document, proposals: list[Edit]) -> tuple[list[Edit], int]:
    """_round's loop without its shortcut: the proposals kept, and how many became suggestions."""
    allowed = engine._allowed(doc)
    kept, suggestions = [], 0
    for edit in proposals:
        if not allowed(edit.rule, edit.category, edit.start, edit.end):
            continue
        if edit.safe or engine.config.unsafe_fixes:
            kept.append(edit)
        else:
            suggestions += 1
    return kept, suggestions


def test_all_kept_only_when_the_loop_keeps_every_proposal_as_it_is():
    engines = [Normalizer(), Normalizer(ignore=["homoglyph"]), Normalizer(select=["encoding"]),
               Normalizer(unsafe_fixes=True)]
    texts = [("Plain Ð¡ÐµÑ€Ð³ÐµÐ¹ and donâ€™t, cafÃ©\u00ad and p\u0430ssword.\n", "text"),
             ("See `donâ€™t` and https://example.com/Ã©t\u00e9 then cafÃ©\n", "markdown"),
             ("Mr. A donâ€™t\n<!-- normalize: ignore-next-line -->\nMr. B â€™\n", "markdown")]
    unsafe = Edit(0, 1, "X", "names.spelling", "transliteration", "m", safe=False)
    outcomes = set()
    for engine in engines:
        repair, content = engine._stages
        for text, markup in texts:
            doc = Document(text, markup=markup)
            proposals = [e for stage in repair + content if not stage.needs_language for e in stage.run(doc)[0]]
            for batch in (proposals, proposals + [unsafe], [unsafe]):
                shortcut = engine._all_kept(doc, batch)
                kept, suggestions = _kept_by_the_loop(engine, doc, batch)
                if shortcut:
                    assert kept == batch and suggestions == 0, (text, batch)
                outcomes.add((shortcut, kept == batch and suggestions == 0))
    assert (True, True) in outcomes and (False, False) in outcomes


def test_look_alike_and_hygiene_wait_for_the_repaired_text():
    # A pass whose mojibake repairs rewrite the text is not read for look-alikes: "вЂњB" is
    # "“B" damaged, not a Cyrillic word with a Latin B (a finding the repair would orphan).
    text = "S&P Confirms Ukrsotsbank\u2019s вЂњB-вЂњ Rating"
    result = Normalizer().normalize_text(text)
    assert result.text == "S&P Confirms Ukrsotsbank\u2019s \u201cB-\u201c Rating"
    assert not [f for f in result.findings if f.rule.startswith("homoglyph")]
    # What they do find outside the damage is still found, on the repaired text, and the
    # report's offsets still rebuild the output from the input.
    text = "The caf\u00c3\u00a9\u200b in Kyiv sold \u0441offee and donâ€™t\u00a0 worry.\n"
    result = Normalizer(unsafe_fixes=True).normalize_text(text)
    rules = {c.rule.split(".")[0] for c in result.changes}
    assert {"encoding", "unicode", "homoglyph"} <= rules, result.changes
    assert "café in Kyiv sold coffee and don’t" in result.text
    assert apply_changes(text, result.changes) == result.text


def test_a_repair_the_round_refuses_does_not_hold_back_the_others():
    # The mojibake sits in a code span, where no stage may write: the pass applies nothing, so
    # the look-alike and invisible characters outside it are fixed in this very pass.
    text = "Run `donâ€™t` as is.\n\nIn Ukrаine\u200b officials met.\n"
    result = Normalizer().normalize_text(text, markup="markdown")
    assert result.text == "Run `donâ€™t` as is.\n\nIn Ukraine officials met.\n"


def test_passes_spent_waiting_for_a_repair_are_not_counted_against_the_stages_that_waited():
    # Two rounds of mojibake repair, then NFC turns "e\u0301" into "é" beside Cyrillic, which the
    # look-alike check then reads: the stages that waited still get passes of their own, so one
    # run settles the text (found by the idempotence property test).
    engine = Normalizer()
    result = engine.normalize_text("e\u0301Ñåðãåé Øîéãódonâ€™t")
    assert engine.normalize_text(result.text).changes == []
    assert apply_changes("e\u0301Ñåðãåé Øîéãódonâ€™t", result.changes) == result.text


def test_the_main_script_read_off_the_characters_beyond_ascii_is_the_census_answer():
    # main_script_of takes "Latin" from Document.unusual_chars when none of them is a letter of
    # another script; on every other text it reads the text as before
    import random

    from normalize.langid.scripts import no_letters_beyond_latin
    from normalize.pipeline import main_script_of

    pools = ["Café São Núñez Łódź Nguyễn", "’“”–—…€ \u00a0\u200b", "Сергей Шойгу", "Ἀθῆναι αλφα",
             "日本語 かな", "عربي", "ǅǈ ꞵ ﬀ", "plain ASCII words, and more of them. "]
    rng = random.Random(11)
    shortcuts = 0
    for _ in range(1500):
        picked = rng.sample(pools, rng.randint(1, 3))
        text = "".join(rng.choice(rng.choice(picked)) for _ in range(rng.choice((3, 40, 900))))
        unusual = Document(text).unusual_chars
        assert main_script_of(text, unusual) == main_script_of(text), text[:60]
        shortcuts += not text.isascii() and no_letters_beyond_latin(unusual)
    assert shortcuts > 300  # the shortcut was taken, not only the old path
