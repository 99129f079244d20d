"""Line offsets of a text, for scanners that work line by line (CRLF, CR and LF alike)."""

from __future__ import annotations

import itertools
import re
from array import array

from .spans import Span

_NEWLINE = re.compile(r"\r\n|\r|\n")


class Lines:
    """Line start and content-end offsets, splitting lines the way markdown-it does (arrays,
    not lists: 16 bytes a line instead of 80, for texts of short lines)."""

    __slots__ = ("starts", "ends")

    def __init__(self, text: str) -> None:
        self.starts = array("q", [0])
        self.ends = array("q")
        if "\r" in text:
            for m in _NEWLINE.finditer(text):
                self.ends.append(m.start())
                self.starts.append(m.end())
            self.ends.append(len(text))
        else:  # the common case, several times faster than a regex
            lengths = [len(line) + 1 for line in text.split("\n")]
            self.starts.extend(itertools.accumulate(lengths[:-1]))
            self.ends.extend(s + n - 1 for s, n in zip(self.starts, lengths))

    def __len__(self) -> int:
        return len(self.starts)

    def block(self, first: int, stop: int) -> Span:
        """Characters of lines `first` up to (not including) `stop`, without the last newline."""
        stop = min(stop, len(self.starts))
        return self.starts[first], self.ends[stop - 1]
