"""Standalone HTML review page for editors.

Why: an editor wants to see the *original* article with every repair marked in
place, not a list of offsets. The page shows, per file, the original text with
each change as ``<del>before</del><ins>after</ins>`` coloured by category (the
tooltip names the rule and its message), findings marked in the text and listed
below, a legend and summary counts.

Constraints it honours:

* one self-contained file: inline CSS, no scripts, no external resources, and a
  Content-Security-Policy that forbids them, so a page rendered from hostile
  input cannot run code or call home even if escaping were wrong somewhere;
* everything from the report or the article is HTML-escaped;
* offsets are character offsets into the original text. Changes never overlap
  each other; findings may overlap changes and each other. A finding is marked
  inline only when it nests cleanly (it contains whole changes or none, and it
  does not cross another marked finding); every finding is listed either way.
  An item whose offsets do not match the text is listed, not placed.
"""

from __future__ import annotations

import bisect
import html
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .github import artifact_path, scrub, visible
from .stream import Chunks, Write, collect

__all__ = ["render_html", "write_html", "CATEGORY_COLOURS"]

#: background colour per category (light tints, dark text stays readable).
CATEGORY_COLOURS: dict[str, str] = {
    "encoding": "#ffd6a5",
    "unicode": "#e4c1f9",
    "homoglyph": "#ffadad",
    "foreign-script": "#9bf6ff",
    "honorific": "#caffbf",
    "transliteration": "#fdffb6",
    "typography": "#bdb2ff",
    "whitespace": "#d9d9d9",
}
_SEVERITIES = ("error", "warning", "info")
_DOT = " \u00b7 "

_CSS = """
:root{color-scheme:light}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:1.5rem 2rem;
color:#1d1d1f;background:#fafafa}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.15rem;margin:0 0 .4rem;word-break:break-all}
h3{font-size:1rem;margin:1rem 0 .3rem}
.summary,.legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;margin:.4rem 0 1rem;padding:0;list-style:none}
.summary li{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.2rem .6rem}
.summary b{font-size:1.1rem}
.legend li{display:flex;align-items:center;gap:.35rem}
.swatch{display:inline-block;width:1.1em;height:1.1em;border-radius:3px;border:1px solid #0003}
section.file{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1rem 1.2rem;margin:0 0 1.5rem}
.meta{color:#555;font-size:.9rem;margin:0 0 .6rem}
pre.article{white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.6 ui-monospace,"DejaVu Sans Mono",monospace;
background:#fcfcfc;border:1px solid #eee;border-radius:6px;padding:.8rem;margin:0}
.change{border-radius:3px;padding:0 1px}
.change del{text-decoration:line-through;text-decoration-color:#a00;color:#7a0000;background:#fff5}
.change ins{text-decoration:none;font-weight:600;color:#004d00;border-bottom:2px solid #2a7a2a}
.cp{font-size:.7em;border:1px solid #999;border-radius:3px;padding:0 2px;vertical-align:middle;
background:#fff;color:#333}
mark.finding{background:transparent;border-bottom:3px solid;padding-bottom:1px;color:inherit}
mark.sev-error,.sev-error .dot{border-color:#d00000}
mark.sev-warning,.sev-warning .dot{border-color:#e85d04}
mark.sev-info,.sev-info .dot{border-color:#0077b6;border-bottom-style:dashed}
.badge{display:inline-block;font-size:.75rem;font-weight:700;text-transform:uppercase;border-radius:4px;
padding:0 .4rem;color:#fff}
.badge.sev-error{background:#d00000}.badge.sev-warning{background:#e85d04}.badge.sev-info{background:#0077b6}
.badge.change-badge{background:#555}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #eee;text-align:left;vertical-align:top;padding:.25rem .4rem}
th{background:#f3f3f3}
td.text{font-family:ui-monospace,"DejaVu Sans Mono",monospace;overflow-wrap:anywhere}
.note{color:#777;font-size:.85rem}
details{margin-top:.8rem}summary{cursor:pointer;color:#333}
.empty{color:#2a7a2a}
section.errors{border-color:#d00000}ul.errors{color:#900;margin:0}
"""

_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; "
        "base-uri 'none'; form-action 'none'")


def _esc(value: Any) -> str:
    """Escape for both text and attribute positions; lone surrogates become U+FFFD."""
    return html.escape(scrub(str(value)), quote=True)


def _shown(text: str) -> str:
    """Escaped text with invisible characters made visible as small code-point badges.

    Used inside ``<del>``/``<ins>``, where a removed zero-width space would
    otherwise be an empty, invisible element.
    """
    if text.isprintable():  # fast path: nothing invisible (isprintable is False for Cc, Cf, Z*, Cs, Co, Cn)
        return _esc(text)
    out: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in " \t\n" or cat[0] not in "CZ" or cat == "Co":
            out.append(_esc(ch))
        else:
            name = unicodedata.name(ch, "") if cat != "Cs" else "lone surrogate"
            out.append(f'<span class="cp" title="{_esc(name)}">U+{ord(ch):04X}</span>')
    return "".join(out)


def _cat_class(category: str) -> str:
    return "cat-" + "".join(ch if ch.isalnum() or ch == "-" else "_" for ch in category)


@dataclass(slots=True)
class _Node:
    """A span to draw: a change, or a finding that may contain changes. The item itself is
    looked up by `index` when drawn: a huge file's items are not all held as dicts at once."""

    start: int
    end: int
    kind: str  # "change" | "finding"
    index: int  # position in the file's changes / findings list
    children: list[_Node] = field(default_factory=list)


def _place(text: str, changes: Sequence[Mapping[str, Any]], findings: Sequence[Mapping[str, Any]]
           ) -> tuple[list[_Node], set[int], dict[int, str]]:
    """Choose what can be drawn inline.

    Returns the span forest, the indices of the changes drawn, and for every
    finding *not* drawn the reason why (drawn findings are absent).
    """
    n = len(text)
    change_nodes: list[_Node] = []
    for i, c in enumerate(changes):
        s, e = int(c.get("start", -1)), int(c.get("end", -1))
        if 0 <= s <= e <= n and text[s:e] == str(c.get("before", "")):
            change_nodes.append(_Node(s, e, "change", i))
    change_nodes.sort(key=lambda node: (node.start, node.end))
    # Changes never overlap by contract; drop any that do rather than draw garbage.
    kept_changes: list[_Node] = []
    for node in change_nodes:
        if kept_changes and node.start < kept_changes[-1].end:
            continue
        kept_changes.append(node)

    change_ends = [c.end for c in kept_changes]  # sorted: the changes are disjoint and sorted

    def crosses_change(s: int, e: int) -> bool:
        # Only changes ending after s can overlap [s, e); stop at the first one starting at or after e.
        for k in range(bisect.bisect_right(change_ends, s), len(kept_changes)):
            c = kept_changes[k]
            if c.start >= e:
                break
            if c.start != c.end and not (s <= c.start and c.end <= e):  # insertions never cross
                return True
        return False

    kept_findings: list[_Node] = []
    open_findings: list[_Node] = []
    skipped: dict[int, str] = {}
    order = sorted(range(len(findings)), key=lambda i: (int(findings[i].get("start", -1)),
                                                        -int(findings[i].get("end", -1))))
    for i in order:
        f = findings[i]
        s, e = int(f.get("start", -1)), int(f.get("end", -1))
        if not (0 <= s < e <= n) or ("text" in f and text[s:e] != str(f["text"])):
            skipped[i] = "offsets do not match the text" if s != e else "empty span"
            continue
        if crosses_change(s, e):
            skipped[i] = "overlaps part of a change"
            continue
        # Findings arrive by start (outer first), and the kept ones are laminar, so those still
        # open at s form a nested chain: comparing with the innermost one is enough.
        while open_findings and open_findings[-1].end <= s:
            open_findings.pop()
        inner = open_findings[-1] if open_findings else None
        if inner is not None and (inner.start, inner.end) == (s, e):
            skipped[i] = "same span as another finding"
            continue
        if inner is not None and inner.end < e:
            skipped[i] = "crosses another finding"
            continue
        node = _Node(s, e, "finding", i)
        kept_findings.append(node)
        open_findings.append(node)

    # Build the forest: outer spans first; findings before changes on equal spans.
    nodes = sorted(kept_findings + kept_changes,
                   key=lambda node: (node.start, -node.end, 0 if node.kind == "finding" else 1))
    roots: list[_Node] = []
    stack: list[_Node] = []
    for node in nodes:
        while stack and not (stack[-1].start <= node.start and node.end <= stack[-1].end
                             and node.start < stack[-1].end):
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        if node.kind == "finding":
            stack.append(node)
    return roots, {c.index for c in kept_changes}, skipped


def _tooltip_change(c: Mapping[str, Any]) -> str:
    return (f"{c.get('rule', '')} [{c.get('category', '')}]: {c.get('message', '')}\n"
            f"'{visible(str(c.get('before', '')))}' \u2192 '{visible(str(c.get('after', '')))}'")


def _tooltip_finding(f: Mapping[str, Any]) -> str:
    tip = f"{str(f.get('severity', '')).upper()} {f.get('rule', '')}: {f.get('message', '')}"
    if f.get("suggestion"):
        tip += f"\nsuggestion: {f['suggestion']}"
    return tip


def _draw(text: str, lo: int, hi: int, nodes: list[_Node], fid: str, write: Write,
          items: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    """Write text[lo:hi] with `nodes` marked; `items`: {"change": changes, "finding": findings}."""
    pos = lo
    for node in nodes:
        write(_esc(text[pos:node.start]))
        item = items[node.kind][node.index]
        if node.kind == "change":
            before, after = str(item.get("before", "")), str(item.get("after", ""))
            write(f'<span class="change {_cat_class(str(item.get("category", "")))}" '
                  f'id="{fid}-c{node.index}" data-rule="{_esc(item.get("rule", ""))}" '
                  f'title="{_esc(_tooltip_change(item))}">')
            if before:
                write(f"<del>{_shown(before)}</del>")
            if after:
                write(f"<ins>{_shown(after)}</ins>")
            write("</span>")
        else:
            sev = str(item.get("severity", "warning"))
            sev = sev if sev in _SEVERITIES else "warning"
            write(f'<mark class="finding sev-{sev}" id="{fid}-f{node.index}" '
                  f'data-rule="{_esc(item.get("rule", ""))}" title="{_esc(_tooltip_finding(item))}">')
            _draw(text, node.start, node.end, node.children, fid, write, items)
            write("</mark>")
        pos = node.end
    write(_esc(text[pos:hi]))


def _position(item: Mapping[str, Any]) -> str:
    return f"{item.get('line', '?')}:{item.get('column', '?')}"


def _changes_table(changes: Sequence[Mapping[str, Any]], placed: set[int], fid: str, write: Write) -> None:
    if not changes:
        return
    write(f"<details><summary>Changes ({len(changes)})</summary><table class=\"changes\"><thead><tr>"
          "<th>line:col</th><th>category</th><th>rule</th><th>before \u2192 after</th><th>message</th>"
          "</tr></thead><tbody>")
    for i, c in enumerate(changes):
        where = (f'<a href="#{fid}-c{i}">{_esc(_position(c))}</a>' if i in placed
                 else f'{_esc(_position(c))} <span class="note">(offsets do not match the text)</span>')
        write(
            f'<tr><td>{where}</td><td><span class="swatch {_cat_class(str(c.get("category", "")))}"></span> '
            f'{_esc(c.get("category", ""))}</td><td>{_esc(c.get("rule", ""))}</td>'
            f'<td class="text"><span class="change {_cat_class(str(c.get("category", "")))}">'
            f'<del>{_shown(str(c.get("before", "")))}</del> \u2192 '
            f'<ins>{_shown(str(c.get("after", "")))}</ins></span></td>'
            f'<td>{_esc(c.get("message", ""))}</td></tr>')
    write("</tbody></table></details>")


def _findings_table(findings: Sequence[Mapping[str, Any]], skipped: Mapping[int, str], fid: str, write: Write) -> None:
    if not findings:
        return
    write("<h3>Findings</h3><table class=\"findings\"><thead><tr><th>severity</th><th>line:col</th>"
          "<th>rule</th><th>text</th><th>message</th><th>language / script / confidence</th>"
          "<th>suggestion</th></tr></thead><tbody>")
    for i, f in enumerate(findings):
        sev = str(f.get("severity", "warning"))
        sev_cls = sev if sev in _SEVERITIES else "warning"
        where = (f'<a href="#{fid}-f{i}">{_esc(_position(f))}</a>' if i not in skipped
                 else f'{_esc(_position(f))} <span class="note">(not highlighted: {_esc(skipped[i])})</span>')
        detail = [f"{k}: {f[k]}" for k in ("language", "script", "confidence") if f.get(k) is not None]
        extra = f'<div class="note">context: {_esc(f["context"])}</div>' if f.get("context") else ""
        write(
            f'<tr class="sev-{sev_cls}"><td><span class="badge sev-{sev_cls}">{_esc(sev)}</span></td>'
            f"<td>{where}</td><td>{_esc(f.get('rule', ''))}</td>"
            f'<td class="text">{_shown(str(f.get("text", "")))}</td>'
            f"<td>{_esc(f.get('message', ''))}{extra}</td><td>{_esc(', '.join(detail))}</td>"
            f'<td class="text">{_shown(str(f["suggestion"])) if f.get("suggestion") is not None else ""}</td></tr>')
    write("</tbody></table>")


def _file_section(n: int, entry: Mapping[str, Any], sources: Mapping[str, tuple[str, str]], write: Write) -> None:
    path = str(entry.get("path", "-"))
    fid = f"file{n}"
    changes: Sequence[Mapping[str, Any]] = entry.get("changes", [])  # a list, or ItemDicts (made when read)
    findings: Sequence[Mapping[str, Any]] = entry.get("findings", [])
    original, cleaned = sources.get(path, (None, None))
    meta = [f"encoding: {entry.get('encoding') or '?'}", f"language: {entry.get('language') or '?'}",
            f"{len(changes)} change(s)", f"{len(findings)} finding(s)"]
    write(f'<section class="file" id="{fid}"><h2>{_esc(artifact_path(path))}</h2>')
    write(f'<p class="meta">{_esc(_DOT.join(meta))}</p>')
    if original is None:
        write('<p class="note">Original text not available; changes and findings are listed only.</p>')
        placed_c: set[int] = set()
        skipped_f = {i: "original text not available" for i in range(len(findings))}
    else:
        roots, placed_c, skipped_f = _place(original, changes, findings)
        if not changes and not findings:
            write('<p class="empty">Nothing to change, nothing to review.</p>')
        write(f'<pre class="article" lang="{_esc(entry.get("language") or "")}">')
        _draw(original, 0, len(original), roots, fid, write, {"change": changes, "finding": findings})
        write("</pre>")
        del roots
    _changes_table(changes, placed_c, fid, write)
    _findings_table(findings, skipped_f, fid, write)
    if cleaned is not None and cleaned != original:
        write('<details><summary>Cleaned text</summary>'
              f'<pre class="article cleaned">{_esc(cleaned)}</pre></details>')
    write("</section>")


def _summary(report: Mapping[str, Any]) -> str:
    files = list(report.get("files", []))
    summary = dict(report.get("summary") or {})
    counts = {
        "files": summary.get("files", len(files)),
        "changed": summary.get("changed", sum(1 for f in files if f.get("changed"))),
        "changes": summary.get("changes", sum(len(f.get("changes", [])) for f in files)),
        "findings": summary.get("findings", sum(len(f.get("findings", [])) for f in files)),
    }
    by_cat = Counter(str(c.get("category", "")) for f in files for c in f.get("changes", []))
    by_sev = Counter(str(x.get("severity", "")) for f in files for x in f.get("findings", []))
    items = [f"<li><b>{_esc(v)}</b> {_esc(k)}</li>" for k, v in counts.items()]
    items += [f'<li><span class="badge sev-{s}">{s}</span> <b>{by_sev[s]}</b></li>' for s in _SEVERITIES]
    legend = []
    for cat in CATEGORY_COLOURS:
        legend.append(f'<li><span class="swatch {_cat_class(cat)}"></span>{_esc(cat)} ({by_cat.get(cat, 0)})</li>')
    for cat in sorted(set(by_cat) - set(CATEGORY_COLOURS)):
        legend.append(f'<li><span class="swatch {_cat_class(cat)}"></span>{_esc(cat)} ({by_cat[cat]})</li>')
    legend += [f'<li><mark class="finding sev-{s}">{s} finding</mark></li>' for s in _SEVERITIES]
    legend.append('<li><span class="change"><del>removed</del><ins>inserted</ins></span></li>')
    return (f'<ul class="summary">{"".join(items)}</ul>'
            f'<h3>Legend</h3><ul class="legend">{"".join(legend)}</ul>')


def render_html(report: Mapping[str, Any], sources: Mapping[str, tuple[str, str]]) -> str:
    """A complete, self-contained HTML5 page for the report.

    ``sources`` maps a report path to ``(original text, cleaned text)``; a file
    without sources is still listed, without the inline view.
    """
    return collect(lambda write: write_html(report, write, sources))


def write_html(report: Mapping[str, Any], write: Write, sources: Mapping[str, tuple[str, str]]) -> None:
    """render_html's page written through `write`, one file's section after another."""
    out = Chunks(write)
    tool = report.get("tool", {}) or {}
    title = f"{tool.get('name', 'normalize')} {tool.get('version', '')} report".strip()
    colours = "".join(f".{_cat_class(c)}{{background:{v}}}" for c, v in CATEGORY_COLOURS.items())
    out("<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_esc(_CSP)}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{_esc(title)}</title><style>{_CSS}{colours}</style></head>\n"
        f"<body><header><h1>{_esc(title)}</h1>{_summary(report)}</header>\n<main>")
    errors = [str(e.get("message", e)) if isinstance(e, Mapping) else str(e) for e in report.get("errors") or []]
    if errors:
        items = "".join(f"<li>{_esc(message)}</li>" for message in errors)
        out(f'<section class="file errors"><h2>Inputs not handled ({len(errors)})</h2>'
            f'<ul class="errors">{items}</ul></section>')
    files = report.get("files", [])
    for n, entry in enumerate(files):
        _file_section(n, entry, sources, out)
    if not files:
        out('<p class="empty">No files were checked.</p>')
    out("</main></body></html>\n")
    out.flush()
