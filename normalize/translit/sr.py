"""Serbian: the official Latin alphabet (ђ đ, ћ ć, џ dž, љ lj, њ nj, ј j)."""

from __future__ import annotations

from ._case import CYRILLIC_WORD as WORD, table_word

SCHEME = "Serbian official Latin"
_SR = dict(
    zip(
        "абвгдђежзијклљмнњопрстћуфхцчџш",
        "a b v g d đ e ž z i j k l lj m n nj o p r s t ć u f h c č dž š".split(),
    )
)
romanise = table_word(_SR)

__all__ = ["SCHEME", "WORD", "romanise"]
