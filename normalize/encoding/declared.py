"""The encoding family's rules, declared in one place.

Declared here rather than beside each `Edit(...)` because this package is being
reworked on another branch: the emitting code can switch to `MOJIBAKE.edit(...)`
without changing what `normalize rules` says. Every `source` is the file that emits
the rule; tests/test_rule_declarations.py checks each emitted id, category and
severity against these declarations.
"""

from __future__ import annotations

from ..rule import Rule

MOJIBAKE = Rule("encoding.mojibake", "encoding", "warning", "normalize/encoding/utf8.py",
                "UTF-8 text decoded as cp1252 or Latin-1 (mojibake) repaired; a line it could only "
                "repair in part is left as it is and reported")
STRAY_BYTES = Rule("encoding.stray-bytes", "encoding", "warning", "normalize/encoding/decode.py",
                   "invalid UTF-8 bytes decoded with the code page that explains them; an error when none does",
                   severities=("warning", "error"))
LEGACY_FILE = Rule("encoding.legacy-file", "encoding", "info", "normalize/encoding/decode.py",
                   "file is not UTF-8: decoded with the code page its letters fit")
LEGACY_CP1251 = Rule("encoding.legacy-cp1251", "encoding", "warning", "normalize/encoding/legacy.py",
                     "cp1251 (Cyrillic) text read as Latin-1 or cp1252 repaired")
LEGACY_KOI8_R = Rule("encoding.legacy-koi8-r", "encoding", "warning", "normalize/encoding/legacy.py",
                     "KOI8-R (Russian) text read as Latin-1 or cp1252 repaired")
LEGACY_KOI8_U = Rule("encoding.legacy-koi8-u", "encoding", "warning", "normalize/encoding/legacy.py",
                     "KOI8-U (Ukrainian) text read as Latin-1 or cp1252 repaired")
LEGACY_CP1253 = Rule("encoding.legacy-cp1253", "encoding", "warning", "normalize/encoding/legacy.py",
                     "cp1253 (Greek) text read as Latin-1 or cp1252 repaired")
LEGACY_ISO_8859_7 = Rule("encoding.legacy-iso-8859-7", "encoding", "warning", "normalize/encoding/legacy.py",
                         "ISO-8859-7 (Greek) text read as Latin-1 or cp1252 repaired")
UTF8_AS_CP1251 = Rule("encoding.utf8-as-cp1251", "encoding", "warning", "normalize/encoding/legacy.py",
                      "UTF-8 text decoded as cp1251 repaired")
MIXED_CODE_PAGES = Rule("encoding.mixed-code-pages", "encoding", "warning", "normalize/encoding/decode.py",
                        "a passage of a legacy file decoded with another code page than the rest")
LEGACY_MAC_ROMAN = Rule("encoding.legacy-mac-roman", "encoding", "warning", "normalize/encoding/mac_dos.py",
                        "Mac Roman text read as Latin-1 or cp1252 repaired")
LEGACY_CP850 = Rule("encoding.legacy-cp850", "encoding", "warning", "normalize/encoding/mac_dos.py",
                    "DOS cp850 text read as Latin-1 or cp1252 repaired")

RULES = (MOJIBAKE, STRAY_BYTES, LEGACY_FILE, LEGACY_CP1251, LEGACY_KOI8_R, LEGACY_KOI8_U, LEGACY_CP1253,
         LEGACY_ISO_8859_7, UTF8_AS_CP1251, MIXED_CODE_PAGES, LEGACY_MAC_ROMAN, LEGACY_CP850)
