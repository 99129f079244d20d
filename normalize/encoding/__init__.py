"""Encoding stage: decoding bytes and repairing mojibake.

- `decode_bytes` turns a file's bytes into text (BOM, UTF-16/32, legacy code pages, stray bytes).
- `find_utf8_mojibake` repairs UTF-8 read in a single-byte code page (through ftfy).
- `find_legacy_mojibake` repairs Greek/Cyrillic legacy code pages read as Latin-1/cp1252 and
  UTF-8 read as cp1251, which ftfy leaves alone.

All return `Edit` proposals (category "encoding"); the pipeline applies them.
"""

from typing import Any

# Submodules load on first use: ftfy costs tens of milliseconds to import, and
# most documents (UTF-8, no mojibake) never need them.
_EXPORTS = {
    "Decoded": "decode", "decode_bytes": "decode", "repair_stray_bytes": "decode",
    "find_legacy_mojibake": "legacy", "needs_legacy_check": "legacy",
    "find_utf8_mojibake": "utf8", "needs_check": "utf8",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(f"normalize.encoding.{_EXPORTS[name]}"), name)
    raise AttributeError(name)


__all__ = sorted(_EXPORTS)
