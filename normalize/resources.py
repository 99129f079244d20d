"""Where the bundled rule packs live: inside the wheel, or next to the source tree."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def rules_dir() -> Path:
    packaged = Path(__file__).parent / "rules"  # the wheel maps the top-level rules/ here
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"  # source checkout / editable install

