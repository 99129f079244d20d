"""Fixtures shared by several test modules."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def private_names_cache(tmp_path_factory: pytest.TempPathFactory):
    """A fresh NORMALIZE_CACHE_DIR for one module: compiled gazetteers are built from this
    checkout's packs, never read from another run's cache."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("NORMALIZE_CACHE_DIR", str(tmp_path_factory.mktemp("names-cache")))
    yield
    monkeypatch.undo()
