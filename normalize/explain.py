"""`normalize rule ID`: one rule explained, with examples run through the engine (never made up).

Examples come from the packs (honorific and rule-pack `examples`, gazetteer variants) or, for
the rules implemented in code, from SAMPLES below; each is normalised with only that rule
selected, and only examples that really trigger it are shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .errors import NormalizeError

# Inputs that trigger the rules implemented in code (checked by tests/test_cli.py).
SAMPLES: dict[str, tuple[str, ...]] = {
    "encoding.mojibake": ("The minister said he donâ€™t know.",),
    "encoding.legacy-cp1251": ("Defence minister Ñåðãåé Øîéãó said the drills would continue.",),
    "unicode.zero-width-space": ("Talks in Ukr\u200baine resumed on Monday.",),
    "unicode.soft-hyphen": ("The two sides agreed to co\u00adoperate on trade.",),
    "unicode.nfc": ("The Cafe\u0301 Pushkin was closed.",),
    "unicode.ligature": ("The \ufb01nal talks ended on Monday.",),
    "unicode.fullwidth": ("The vote was ２０ to ３.",),
    "whitespace.unusual-space": ("The talks\u2002ended on Monday.",),
    "homoglyph.latin": ("Talks in Ukr\u0430ine resumed on Monday.",),
    "homoglyph.cyrillic": ("Путин встретился с Kим.",),
    "foreign-script.stray": ("It is a violation of [του Συμβουλίου Ασφαλείας] of the UN, he said.",),
}
SUPPRESS = """How to accept it:
  in the article   <!-- normalize: ignore[{id}] -->                 at the end of the line
                   <!-- normalize: ignore-next-line[{id}] -->       on the line before
  in configuration ignore = ["{id}"]                                everywhere
                   [[tool.normalize.per-file]]                      for some files
                   files = ["archive/*.md"]
                   ignore = ["{id}"]
  for today's copy normalize check --write-baseline .normalize-baseline.json, then --baseline it
"""


def explain(rule_id: str, config_file: Path | None, show_path: Callable[[str], str] = str) -> str:
    """The explanation of `rule_id` as text; an unknown id is a NormalizeError with a suggestion."""
    from .config import Config, load_config_file
    from .pipeline import Normalizer
    from .validate import suggestion

    config = load_config_file(config_file) if config_file else Config()
    infos = {r.id: r for r in Normalizer(config=config).rules()}
    info = infos.get(rule_id)
    if info is None:
        families = {i.split(".")[0] for i in infos}
        hint = suggestion(rule_id, list(infos) + list(families))
        raise NormalizeError(f"unknown rule {rule_id!r}{hint} (see `normalize rules`)")
    shown, message = _examples(rule_id, config)
    lines = [info.id, "",
             f"  message   {info.message or message or '(see the source)'}",
             f"  category  {info.category}",
             f"  severity  {info.severity}",
             f"  source    {show_path(info.source)}", ""]
    if shown:
        lines.append("Examples (run now, with only this rule selected):")
        lines += shown
        lines.append("")
    return "\n".join(lines) + SUPPRESS.format(id=rule_id)


def _examples(rule_id: str, config: object) -> tuple[list[str], str]:
    """The example lines, and the message the rule gave on the first of them."""
    from .pipeline import Normalizer

    engine = Normalizer(select=[rule_id], config=config)  # type: ignore[arg-type]
    out: list[str] = []
    message = ""
    for text, style in _candidates(rule_id, config)[:3]:
        result = (engine if style is None else Normalizer(select=[rule_id], style=style,
                                                          config=config)).normalize_text(text)  # type: ignore[arg-type]
        hits = [c for c in result.changes if c.rule == rule_id]
        found = [f for f in result.findings if f.rule == rule_id]
        if not hits and not found:
            continue
        message = message or (hits[0].message if hits else found[0].message)
        out.append(f"  input     {_quote(text)}" + (f"  (style {style})" if style else ""))
        if hits:
            out.append(f"  output    {_quote(result.text)}")
        for f in found:
            detail = f"; suggestion: {f.suggestion}" if getattr(f, "suggestion", None) else ""
            out.append(f"  finding   {f.severity}: {f.message} {_quote(f.text)}{detail}")
    return out, message


def _quote(text: str) -> str:
    """Quoted, with invisible, combining and control characters as \\uXXXX so they can be seen."""
    import unicodedata

    shown = "".join(c if (c.isprintable() or c == " ") and not unicodedata.combining(c)
                    and unicodedata.category(c) != "Cf" else f"\\u{ord(c):04x}" for c in text)
    return f'"{shown}"'


def _candidates(rule_id: str, config: object) -> list[tuple[str, str | None]]:
    """Example inputs for the rule: from its pack, or SAMPLES."""
    from .rulebook import load_packs, parse_rules
    from .stages.honorifics import parse_honorifics

    if rule_id in SAMPLES:
        return [(text, None) for text in SAMPLES[rule_id]]
    packs = load_packs(config.packs)  # type: ignore[attr-defined]
    for pack in packs:
        if pack.kind == "honorifics":
            for item in parse_honorifics(pack).honorifics:
                if item.id == rule_id:
                    return [(e.input, e.style) for e in item.examples]
        elif pack.kind == "rules":
            for rule in parse_rules(pack):
                if rule.id == rule_id:
                    return [(e.input, e.style) for e in rule.examples]
    if rule_id.startswith("names."):
        from .names import load_gazetteer

        gazetteer = load_gazetteer([Path(p.path) for p in packs if p.kind == "gazetteer"])
        entity = gazetteer.by_id.get(rule_id.split(".", 1)[1])
        if entity is not None:
            return [(f"The talks were led by {v}, officials said.", None) for v in entity.variants]
    return []
