"""Line offsets of a text, for scanners that work line by line (CRLF, CR and LF alike)."""

from __future__ import annotations

import itertools
import re

from .spans import Span

_NEWLINE = re.compile(r"\r\n|\r|\n")


class Lines:
    """Line start and content-end offsets, splitting lines the way markdown-it does."""

    __slots__ = ("starts", "ends")

    def __init__(self, text: str) -> None:
        if "\r" in text:
            self.starts = [0]
            self.ends: list[int] = []
            for m in _NEWLINE.finditer(text):
                self.ends.append(m.start())
                self.starts.append(m.end())
            self.ends.append(len(text))
        else:  # the common case, several times faster than a regex
            lengths = [len(line) + 1 for line in text.split("\n")]
            self.starts = [0, *itertools.accumulate(lengths[:-1])]
            self.ends = [s + n - 1 for s, n in zip(self.starts, lengths)]

    def __len__(self) -> int:
        return len(self.starts)

    def block(self, first: int, stop: int) -> Span:
        """Characters of lines `first` up to (not including) `stop`, without the last newline."""
        stop = min(stop, len(self.starts))
        return self.starts[first], self.ends[stop - 1]
