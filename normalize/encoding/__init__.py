"""Encoding stage: decoding bytes and repairing mojibake.

- `decode_bytes` turns a file's bytes into text (BOM, UTF-16/32, legacy code pages, stray bytes).
- `find_utf8_mojibake` repairs UTF-8 read in a single-byte code page (through ftfy).
- `find_legacy_mojibake` repairs Greek/Cyrillic legacy code pages read as Latin-1/cp1252 and
  UTF-8 read as cp1251, which ftfy leaves alone.

All return `Edit` proposals (category "encoding"); the pipeline applies them.
"""

from normalize.encoding.decode import Decoded, decode_bytes, repair_stray_bytes
from normalize.encoding.legacy import find_legacy_mojibake, needs_legacy_check
from normalize.encoding.utf8 import find_utf8_mojibake, needs_check

__all__ = [
    "Decoded",
    "decode_bytes",
    "find_legacy_mojibake",
    "find_utf8_mojibake",
    "needs_check",
    "needs_legacy_check",
    "repair_stray_bytes",
]
