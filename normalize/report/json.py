"""The JSON report (the public contract in DESIGN.md)."""

from __future__ import annotations

import json
from typing import Any


def render_json(report: dict[str, Any]) -> str:
    # ensure_ascii keeps lone surrogates (stray bytes) representable; readers decode \u escapes
    return json.dumps(report, ensure_ascii=False, indent=2, default=str).encode(
        "utf-8", errors="backslashreplace"
    ).decode("utf-8") + "\n"
