"""Build normalize/data/confusables.json from Unicode's confusables.txt (UTS #39).

Why a derived table rather than the raw file: the homoglyph stage only repairs
words mixing Latin, Cyrillic and Greek, so it needs, per target script, a map
"look-alike letter -> the letter of the target script it imitates". The raw file
(6,500 mappings, 750 kB) maps everything to an abstract *skeleton*; two letters are
confusable when their skeletons are equal. We compute those classes once here and
keep only letters of the three scripts, with a deterministic choice when a class
offers several targets (same case first, then the modern core alphabet, then the
lowest code point).

Targets are limited to the letters a modern text would use (ASCII for Latin,
U+0400-U+045F for Cyrillic, U+0391-U+03C9 for Greek): repairing "Kyiv" into a
Cyrillic word must never produce an archaic izhitsa. Precomposed letters are not
listed: the runtime decomposes them (NFD) and maps the base letter. Fullwidth
forms are left out: `unicode.fullwidth` owns them.

Usage: python tools/build_confusables.py [SOURCE] [OUTPUT]
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = Path("/work/shared/data/unicode-confusables/confusables.txt")
DEFAULT_OUTPUT = ROOT / "normalize" / "data" / "confusables.json"

SCRIPTS = {"latin": "Latn", "cyrillic": "Cyrl", "greek": "Grek"}
CORE_TARGETS = {
    "latin": [chr(c) for c in range(0x41, 0x5B)] + [chr(c) for c in range(0x61, 0x7B)],
    "cyrillic": [chr(c) for c in range(0x0400, 0x0460)],
    "greek": [chr(c) for c in range(0x0391, 0x03AA) if c != 0x03A2]
    + [chr(c) for c in range(0x03B1, 0x03CA)],
}
# Preferred within a script's targets: the Russian alphabet before the letters of
# other Cyrillic languages (ѕ, ј, і), so a Latin "e" becomes Russian "е".
PRIMARY = {
    "latin": set(CORE_TARGETS["latin"]),
    "cyrillic": {chr(c) for c in range(0x0410, 0x0450)} | {"\u0401", "\u0451"},
    "greek": set(CORE_TARGETS["greek"]),
}


def parse(path: Path) -> dict[str, str]:
    """Read `SRC ; TARGET... ; MA` lines into {source char: prototype string}."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        data = line.split("#", 1)[0].strip()
        if not data:
            continue
        fields = [f.strip() for f in data.split(";")]
        source = chr(int(fields[0], 16))
        table[source] = "".join(chr(int(cp, 16)) for cp in fields[1].split())
    return table


def skeleton(char: str, table: dict[str, str]) -> str:
    """UTS #39 skeleton of one character: NFD, map each code point, NFD again."""
    mapped = "".join(table.get(c, c) for c in unicodedata.normalize("NFD", char))
    return unicodedata.normalize("NFD", mapped)


def script_letters(code: str) -> list[str]:
    """Undecomposable letters whose Script_Extensions is exactly this one script."""
    pattern = regex.compile(rf"[\p{{L}}&&\p{{scx={code}}}]", regex.V1)
    others = [regex.compile(rf"\p{{scx={c}}}") for c in SCRIPTS.values() if c != code]
    letters = []
    for cp in range(0x10000):
        ch = chr(cp)
        if 0xFF00 <= cp <= 0xFFEF:  # fullwidth forms belong to the hygiene stage
            continue
        if pattern.fullmatch(ch) and not any(o.match(ch) for o in others):
            if unicodedata.normalize("NFD", ch) == ch:
                letters.append(ch)
    return letters


def rank(source: str, target: str, script: str) -> tuple[int, int, int]:
    same_case = source.isupper() == target.isupper() and source.islower() == target.islower()
    return (0 if same_case else 1, 0 if target in PRIMARY[script] else 1, ord(target))


def build(table: dict[str, str]) -> dict[str, dict[str, str]]:
    """For each target script: {look-alike letter of another script: target letter}."""
    letters = {name: script_letters(code) for name, code in SCRIPTS.items()}
    out: dict[str, dict[str, str]] = {}
    for target_script, targets in CORE_TARGETS.items():
        by_skeleton: dict[str, list[str]] = {}
        for target in targets:
            if unicodedata.normalize("NFD", target) == target:
                by_skeleton.setdefault(skeleton(target, table), []).append(target)
        mapping: dict[str, str] = {}
        for source_script, sources in letters.items():
            if source_script == target_script:
                continue
            for source in sources:
                candidates = by_skeleton.get(skeleton(source, table), [])
                best = sorted(candidates, key=lambda t: rank(source, t, target_script))
                if best and rank(source, best[0], target_script)[0] == 0:
                    mapping[source] = best[0]
        out[target_script] = dict(sorted(mapping.items()))
    return out


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    output = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUTPUT
    text = source.read_text(encoding="utf-8-sig")
    version = regex.search(r"# Version: (\S+)", text)
    data = {
        "source": "Unicode confusables.txt (UTS #39)",
        "version": version.group(1) if version else "unknown",
        "licence": "Unicode License v3, see NOTICE",
        "to": build(parse(source)),
    }
    output.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = {k: len(v) for k, v in data["to"].items()}
    print(f"wrote {output} {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
