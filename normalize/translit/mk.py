"""Macedonian: the official romanisation (ѓ gj, ќ kj, ѕ dz, џ dzh, ц c, ч ch, ш sh, ж zh)."""

from __future__ import annotations

from ._case import CYRILLIC_WORD as WORD, table_word

SCHEME = "Macedonian official"
_MK = dict(
    zip(
        "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
        "a b v g d gj e zh z dz i j k l lj m n nj o p r s t kj u f h c ch dzh sh".split(),
    )
)
romanise = table_word(_MK)

__all__ = ["SCHEME", "WORD", "romanise"]
