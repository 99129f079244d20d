"""The modules' doctests run with the suite (examples in docstrings are kept true)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import normalize

# cli and __main__ start the command-line app on import paths that doctest does not need
SKIP = {"normalize.__main__"}
MODULES = sorted(m.name for m in pkgutil.walk_packages(normalize.__path__, "normalize.") if m.name not in SKIP)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failed == 0


def test_some_modules_have_doctests():
    finder = doctest.DocTestFinder()
    found = sum(len([t for t in finder.find(importlib.import_module(n)) if t.examples]) for n in MODULES)
    assert found >= 3
