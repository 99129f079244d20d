"""The JSON report (the public contract: README.md, section "Public contract")."""

from __future__ import annotations

import json
from typing import Any


def render_json(report: dict[str, Any]) -> str:
    # Indented for people, but compact for big reports: indenting disables json's C encoder.
    summary = report["summary"]
    indent = 2 if summary["changes"] + summary["findings"] < 5000 else None
    # Lone surrogates (stray bytes) come out as \udcXX escapes, which JSON readers accept.
    return json.dumps(report, ensure_ascii=False, indent=indent, default=str).encode(
        "utf-8", errors="backslashreplace"
    ).decode("utf-8") + "\n"
