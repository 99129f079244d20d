"""Protected spans: prose stays editable, syntax and machine text never change."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from normalize.markup import is_protected, markup_for_path, merge_spans, protected_spans
from normalize.markup.urls import url_spans


def protected_parts(text: str, markup: str) -> list[str]:
    return [text[a:b] for a, b in protected_spans(text, markup)]


def assert_protected(text: str, markup: str, *needles: str) -> None:
    check = is_protected(protected_spans(text, markup))
    spans = protected_spans(text, markup)
    for needle in needles:
        start = text.index(needle)
        inside = any(a <= start and start + len(needle) <= b for a, b in spans)
        assert inside, f"{needle!r} should be wholly protected; protected: {protected_parts(text, markup)}"
        assert check(start, start + len(needle))


def assert_editable(text: str, markup: str, *needles: str) -> None:
    check = is_protected(protected_spans(text, markup))
    for needle in needles:
        start = text.index(needle)
        assert not check(start, start + len(needle)), (
            f"{needle!r} should be editable; protected: {protected_parts(text, markup)}"
        )


# --------------------------------------------------------------------------- markup_for_path


@pytest.mark.parametrize(
    ("path", "markup"),
    [
        ("article.md", "markdown"),
        ("a/b/Article.MARKDOWN", "markdown"),
        ("page.mdx", "markdown"),
        ("index.html", "html"),
        ("index.HTM", "html"),
        ("doc.rst", "rst"),
        ("notes.txt", "text"),
        ("README", "text"),
        ("archive.md.bak", "text"),
    ],
)
def test_markup_for_path(path: str, markup: str) -> None:
    assert markup_for_path(path) == markup


def test_unknown_markup_is_an_error() -> None:
    with pytest.raises(ValueError):
        protected_spans("x", "latex")


# --------------------------------------------------------------------------- helpers


def test_merge_spans_sorts_merges_touching_and_drops_empty() -> None:
    assert merge_spans([(5, 8), (0, 2), (2, 3), (7, 10), (4, 4)]) == [(0, 3), (5, 10)]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (0, 2, False),
        (0, 3, True),  # overlaps the first span's first character
        (4, 5, True),
        (5, 8, False),  # between spans
        (7, 9, True),
        (12, 20, False),
        (2, 2, False),  # an insertion at a span's edge is allowed
        (3, 3, True),  # ... but not strictly inside it
        (5, 5, False),
        (0, 100, True),
    ],
)
def test_is_protected(start: int, end: int, expected: bool) -> None:
    check = is_protected([(2, 5), (8, 12)])
    assert check(start, end) is expected


def test_is_protected_with_no_spans() -> None:
    assert is_protected([])(0, 10) is False


# --------------------------------------------------------------------------- plain text


def test_plain_text_protects_urls_and_email_only() -> None:
    text = "Mr. Putin (see https://kremlin.ru/events/1_(a)), wrote to press@kremlin.ru. Also www.bbc.co.uk/news."
    assert protected_parts(text, "text") == [
        "https://kremlin.ru/events/1_(a)",
        "press@kremlin.ru",
        "www.bbc.co.uk/news",
    ]


def test_url_spans_find_hosts_and_addresses_without_a_slash() -> None:
    # url_spans looks for "://" only when the text holds a slash; hosts and e-mail need none
    text = "Details at www.bbc.co.uk, WWW.REUTERS.COM or desk@bbc.co.uk – and a ratio: 3:1."
    assert [text[a:b] for a, b in url_spans(text)] == ["www.bbc.co.uk", "WWW.REUTERS.COM", "desk@bbc.co.uk"]
    text = "See https://www.bbc.co.uk/news – 24/7."
    assert [text[a:b] for a, b in url_spans(text)] == ["https://www.bbc.co.uk/news", "www.bbc.co.uk/news"]


def test_plain_text_leaves_markup_alone() -> None:
    text = "Use `code` and <b>tags</b> and [links](x) freely."
    assert protected_spans(text, "text") == []


def test_unicode_url_is_protected() -> None:
    text = "Source: https://ru.wikipedia.org/wiki/Шойгу,_Сергей — read it."
    assert_protected(text, "text", "https://ru.wikipedia.org/wiki/Шойгу,_Сергей")
    assert_editable(text, "text", "read it")


# --------------------------------------------------------------------------- Markdown

MARKDOWN = """\
---
title: "Mr. Putin \\"meets\\" Kim"
description: Talks in Vastochny # a comment
date: 2024-01-02
tags: [putin, kim]
image:
  src: photos/kim.jpg
  alt: Mr Kim waves
summary: >
  Sergei Saigu spoke
  at length.
slug: putin-kim
---

# Mr. Putin meets `Kim` #

Mr. Putin said [the talks in Vastochny](https://example.com/a_(b) "A title") went well.
See <https://auto.example> and https://bare.example.com/path. Write to desk@example.com.
Read [Mr Kim's speech][kim] and [shortcut] and ![a photo of Mr Kim](img/kim.png).
Inline <span class="note" title="Hover text">between tags</span> &amp; <code>x = Mr.</code> \\*stars\\*.
Code span ``with ` tick`` ends here.

[kim]: https://kim.example/speech "Speech"
[shortcut]: /shortcut

```python
name = "Mr. Putin"
```

    indented = "Mr. Putin"

> - a quoted item by Mr Kim
>   continues here

| Name | Role |
|------|:----:|
| Mr. Shoigu | `minister` |

<div class="box">
Text inside a div by Mr Kim
<!-- an HTML comment -->
</div>

Setext Heading
--------------

***
"""


def test_markdown_prose_is_editable() -> None:
    assert_editable(
        MARKDOWN,
        "markdown",
        "Mr. Putin said",
        "the talks in Vastochny",  # link text
        "Mr Kim's speech",  # link text of a full reference link
        "a photo of Mr Kim",  # image alt
        "between tags",
        "a quoted item by Mr Kim",
        "Mr. Shoigu",
        "Text inside a div by Mr Kim",
        "Setext Heading",
        "Mr. Putin meets",
        "went well.",
    )


def test_markdown_code_is_protected() -> None:
    assert_protected(
        MARKDOWN,
        "markdown",
        '```python\nname = "Mr. Putin"\n```',
        '    indented = "Mr. Putin"',
        "`Kim`",
        "`minister`",
        "<code>x = Mr.</code>",
        "``with ` tick``",
    )


def test_markdown_links_urls_and_references_are_protected() -> None:
    assert_protected(
        MARKDOWN,
        "markdown",
        '(https://example.com/a_(b) "A title")',
        "<https://auto.example>",
        "https://bare.example.com/path",
        "desk@example.com",
        "[kim]",
        "[shortcut]",  # a shortcut reference's text is its id
        "(img/kim.png)",
        '[kim]: https://kim.example/speech "Speech"',
        "[shortcut]: /shortcut",
    )
    assert "https://bare.example.com/path" in protected_parts(MARKDOWN, "markdown")


def test_markdown_html_tags_entities_and_comments_are_protected() -> None:
    assert_protected(
        MARKDOWN,
        "markdown",
        '<span class="note" title="',
        "</span>",
        "&amp;",
        '<div class="box">',
        "<!-- an HTML comment -->",
        "</div>",
        "\\*",
    )
    assert_editable(MARKDOWN, "markdown", "Hover text")  # title= is for readers


def test_markdown_syntax_marks_are_protected() -> None:
    assert_protected(MARKDOWN, "markdown", "> - ", ">   ", "|------|:----:|", "--------------", "***")
    spans = protected_spans(MARKDOWN, "markdown")
    heading = MARKDOWN.index("# Mr. Putin")
    assert (heading, heading + 1) in spans


def test_markdown_front_matter_keys_protected_text_values_editable() -> None:
    assert_protected(
        MARKDOWN,
        "markdown",
        "---\ntitle: \"",
        "date: 2024-01-02",
        "tags: [putin, kim]",
        "src: photos/kim.jpg",
        "slug: putin-kim\n---",
        "# a comment",
        '\\"',
    )
    assert_editable(
        MARKDOWN, "markdown", "Mr. Putin ", "meets", "Talks in Vastochny", "Mr Kim waves", "Sergei Saigu spoke"
    )


def test_markdown_exact_spans_small_document() -> None:
    text = "A `b` [c](d) e"
    assert protected_spans(text, "markdown") == [(2, 5), (9, 12)]


def test_toml_front_matter() -> None:
    text = '+++\ntitle = "Mr. Putin\'s \\"visit\\""\ndraft = true\n[extra]\ncaption = \'\'\'Mr Kim\nwaves\'\'\'\n+++\nBody Mr. X\n'
    assert_editable(text, "markdown", "Mr. Putin's ", "visit", "Mr Kim", "waves", "Body Mr. X")
    assert_protected(text, "markdown", '+++\ntitle = "', "draft = true", "[extra]", '\\"')


def test_unclosed_front_matter_is_not_front_matter() -> None:
    text = "---\ntitle: Mr. Putin\n\nBody"
    assert_editable(text, "markdown", "title: Mr. Putin", "Body")


@pytest.mark.parametrize(
    "text",
    [
        "An unmatched `tick and [bracket and <less than x.",
        "Empty link []() and [x]( and ](y)",
        "Trailing backslash \\",
        "",
        "\n\n\n",
        "# ",
        "```\nunclosed fence",
        "<!-- unclosed comment",
        "Link with nested [a [b] c](u(v(w))) end.",
        "\ufeff---\ntitle: BOM\n---\ntext",
    ],
)
def test_markdown_odd_input_does_not_crash(text: str) -> None:
    spans = protected_spans(text, "markdown")
    assert spans == merge_spans(spans)
    assert all(0 <= a < b <= len(text) for a, b in spans)


def test_markdown_unmatched_backticks_are_text() -> None:
    text = "An unmatched `tick stays editable."
    assert_editable(text, "markdown", "tick stays editable")


def test_markdown_deeply_nested_link_destination() -> None:
    text = "See [this](https://x.org/a_(b_(c))) now."
    assert_protected(text, "markdown", "(https://x.org/a_(b_(c)))")
    assert_editable(text, "markdown", "this", "now.")


def test_markdown_bom_is_protected() -> None:
    text = "\ufeff# Title\n\nMr. Putin"
    assert protected_spans(text, "markdown")[0][0] == 0
    assert_editable(text, "markdown", "Mr. Putin", "Title")


def test_markdown_crlf_offsets_match_lf() -> None:
    lf = protected_parts(MARKDOWN, "markdown")
    crlf_text = MARKDOWN.replace("\n", "\r\n")
    crlf = protected_parts(crlf_text, "markdown")
    assert [part.replace("\r\n", "\n") for part in crlf] == lf
    assert_editable(crlf_text, "markdown", "Mr. Putin said", "Mr Kim waves", "Sergei Saigu spoke")


def test_mdx_import_export_blocks_are_protected() -> None:
    text = "import Chart from './chart'\nexport const meta = {a: 1}\n\nImport duties rose, Mr. Kim said.\n"
    assert_protected(text, "markdown", "import Chart from './chart'\nexport const meta = {a: 1}")
    assert_editable(text, "markdown", "Import duties rose, Mr. Kim said.")


def test_markdown_strict_inline_tags() -> None:
    text = "If x<y and <b>bold</b> then."
    assert protected_parts(text, "markdown") == ["<b>", "</b>"]


def test_markdown_hard_line_break_spaces_are_protected() -> None:
    text = "first line  \nsecond line"
    assert protected_spans(text, "markdown") == [(10, 12)]


# --------------------------------------------------------------------------- HTML

HTML = """\
<!DOCTYPE html>
<html><head><title>Mr. Putin meets Kim</title>
<meta name="description" content="Talks &amp; more in Vastochny">
<meta property="og:url" content="https://example.com/x">
<style>p { font-family: "Mr. Font"; }</style>
<script>var who = "Mr. Putin";</script>
</head>
<body>
<!-- comment by Mr. Editor -->
<p class="lead">Mr. Putin met Mr Kim &mdash; see https://example.com/a or mail desk@example.com.</p>
<img src="img/kim.jpg" alt="Photo of Mr. Kim" data-id=7>
<input placeholder=Search aria-label="Search Mr Kim's speeches">
<pre><code>x = "Mr. Putin"</code> still preformatted</pre>
<p>Text with <a href="https://example.com/y" title="About Shoigu">a link</a>.</p>
</body></html>
"""


def test_html_text_nodes_and_human_attributes_are_editable() -> None:
    assert_editable(
        HTML,
        "html",
        "Mr. Putin meets Kim",
        "Talks ",  # meta description content
        " more in Vastochny",
        "Mr. Putin met Mr Kim",
        "Photo of Mr. Kim",
        "Search Mr Kim's speeches",
        "About Shoigu",
        "a link",
    )


def test_html_markup_code_and_machine_text_are_protected() -> None:
    assert_protected(
        HTML,
        "html",
        "<!DOCTYPE html>",
        '<meta name="description" content="',
        '<meta property="og:url" content="https://example.com/x">',
        '<style>p { font-family: "Mr. Font"; }</style>',
        '<script>var who = "Mr. Putin";</script>',
        "<!-- comment by Mr. Editor -->",
        '<p class="lead">',
        "&amp;",
        "&mdash;",
        "https://example.com/a",
        "desk@example.com",
        '<img src="img/kim.jpg" alt="',
        '" data-id=7>',
        "<input placeholder=Search aria-label=\"",  # unquoted: an added space would break it
        '<pre><code>x = "Mr. Putin"</code> still preformatted</pre>',
        '<a href="https://example.com/y" title="',
    )


def test_html_exact_spans() -> None:
    text = '<p title="Hi">A &amp; B</p>'
    assert protected_parts(text, "html") == ['<p title="', '">', "&amp;", "</p>"]


def test_html_lone_less_than_and_ampersand_are_text() -> None:
    text = "<p>3 < 4 & AT&T</p>"
    assert_editable(text, "html", "3 < 4 & AT&T")


def test_html_crlf() -> None:
    crlf = HTML.replace("\n", "\r\n")
    lf_parts = protected_parts(HTML, "html")
    assert [p.replace("\r\n", "\n") for p in protected_parts(crlf, "html")] == lf_parts


# --------------------------------------------------------------------------- reStructuredText

RST = """\
Mr. Putin meets Kim
===================

:Author: Mr. Editor
:Date: 2024-01-02

Mr. Putin met ``Mr Kim`` in `Vastochny <https://example.com/v>`_ and Python_ and [1]_ and |logo|.
Also :code:`x = Mr.` and :emphasis:`Mr. Shoigu` and :ref:`the talks <talks>` and `Target Name`_.
Visit https://example.com/path.

Example::

    name = "Mr. Putin"
    more = 1

Back to prose by Mr Kim.

.. image:: img/putin.jpg
   :alt: Mr. Putin waves
   :width: 200

.. note:: Mr Kim said so

   Body of the note by Mr. Shoigu.

.. code-block:: python
   :linenos:

   x = "Mr. Putin"

.. _talks: https://example.com/talks

.. [1] A footnote about Mr. Kim.

.. a comment by Mr. Editor

.. |logo| image:: logo.png
"""


def test_rst_prose_is_editable() -> None:
    assert_editable(
        RST,
        "rst",
        "Mr. Putin meets Kim",
        "Mr. Editor\n",
        "Mr. Putin met",
        "Vastochny",
        "Mr. Shoigu",
        "the talks",
        "Back to prose by Mr Kim.",
        "Mr. Putin waves",  # :alt: is for readers
        "Mr Kim said so",
        "Body of the note by Mr. Shoigu.",
        "A footnote about Mr. Kim.",
    )


def test_rst_literals_directives_and_targets_are_protected() -> None:
    assert_protected(
        RST,
        "rst",
        "===================",
        ":Author:",
        "``Mr Kim``",
        " <https://example.com/v>`_",
        "Python_",
        "[1]_",
        "|logo|",
        ":code:`x = Mr.`",
        ":emphasis:`",
        " <talks>`",
        "`Target Name`_",
        "https://example.com/path",
        '    name = "Mr. Putin"\n    more = 1',
        ".. image:: img/putin.jpg",
        "   :width: 200",
        "   :alt: ",
        ".. note::",
        ".. code-block:: python",
        "   :linenos:",
        '   x = "Mr. Putin"',
        ".. _talks: https://example.com/talks",
        ".. [1]",
        ".. a comment by Mr. Editor",
        ".. |logo| image:: logo.png",
    )


def test_rst_crlf() -> None:
    crlf = RST.replace("\n", "\r\n")
    assert [p.replace("\r\n", "\n") for p in protected_parts(crlf, "rst")] == protected_parts(RST, "rst")


# --------------------------------------------------------------------------- performance


def _big_markdown(size: int = 100_000) -> str:
    paragraph = (
        "Mr. Putin met Mr Kim at the [Vostochny cosmodrome](https://en.wikipedia.org/wiki/Vostochny \"V\") "
        "on Wednesday, where `rocket` engineers showed them https://example.com/launch?id=3. Sergei Shoigu "
        "said the talks were *productive* &mdash; see <https://kremlin.ru>. Contact press@kremlin.ru. "
        "Read [Mr Kim][kim] again.\n"
    )
    blocks = [
        "---\ntitle: Putin and Kim\ndate: 2024-01-01\n---\n\n",
        "## A heading about Mr. Putin\n\n",
        paragraph * 3 + "\n",
        "```python\nx = 'Mr. Putin'\n```\n\n",
        "- item with `code`\n- item [link](http://x.y)\n\n",
        paragraph * 2 + "\n",
        "> A quote with a <span class=\"x\">tag</span>.\n\n",
    ]
    parts, total, i = [], 0, 0
    while total < size:
        block = blocks[i % len(blocks)] if i else blocks[0]
        parts.append(block)
        total += len(block)
        i = i + 1 if i % len(blocks) else 1
        i = max(i, 1)
    return ("".join(parts)[:size]) + "\n[kim]: https://kim.example\n"


def test_markdown_100kb_is_fast() -> None:
    """~20 ms on a quiet machine; the bound is loose so a loaded CI box does not flake."""
    text = _big_markdown()
    protected_spans(text, "markdown")  # build the parser once
    best = min(_timed(lambda: protected_spans(text, "markdown")) for _ in range(3))
    assert best < 0.25


def _timed(call: object) -> float:
    start = time.perf_counter()
    call()  # type: ignore[operator]
    return time.perf_counter() - start


def test_pathological_html_like_text_stays_linear() -> None:
    text = "a<b " * 20_000  # no ">" anywhere: every "<b" is text
    best = min(_timed(lambda: protected_spans(text, "html")) for _ in range(2))
    assert best < 0.5


MARKDOWN_SHAPES = """# Title with [a link][ref]

Intro paragraph with `code` and <span>html</span>.

> A quote
> - with a list
>   1. nested
>
> ```python
> print("fenced in a quote")
> ```

- item one
- item two

  continued paragraph

| a | b |
| - | - |
| 1 | 2 |

    indented code

Setext heading
--------------

[ref]: https://example.org "title"

<div>
raw html block
</div>

Final paragraph.
"""


@pytest.mark.parametrize("source", [MARKDOWN_SHAPES, (Path(__file__).parent.parent / "fixtures" / "damaged-article.md").read_text(encoding="utf-8")])
def test_streamed_block_tokens_are_markdown_its_own(source: str) -> None:
    """markup/markdown.py hands markdown-it's tokens over one top-level block at a time through
    StateCore (memory); the tokens and the references must be those of a plain parse, or an
    upgrade of markdown-it-py changed what the streaming relies on."""
    from normalize.markup.markdown import _parse, _parser

    env: dict = {}
    plain = _parser().parse(source, env)
    streamed: list = []
    streamed_env: dict = {}
    _parse(source, streamed_env, streamed.append)
    assert [(t.type, t.map, t.level, t.content) for t in streamed] == [(t.type, t.map, t.level, t.content) for t in plain]
    assert streamed_env == env
