"""normalize: rule-driven multilingual text normaliser for articles.

    >>> import normalize
    >>> normalize.normalize_text("Mr. Kim met Mr Putin and Mr Lee.").text
    'Mr Kim met Mr Putin and Mr Lee.'
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Normalizer", "Result", "Change", "Finding", "Config", "NormalizeError",
           "normalize_text", "normalize_bytes", "__version__"]

if TYPE_CHECKING:
    from .config import Config
    from .edits import Change, Finding
    from .errors import NormalizeError
    from .pipeline import Normalizer, Result

_LAZY = {
    "Normalizer": "pipeline", "Result": "pipeline", "Change": "edits", "Finding": "edits",
    "Config": "config", "NormalizeError": "errors",
}
_ENGINES: dict[Any, Any] = {}


def __getattr__(name: str) -> Any:  # import submodules only when used: the CLI starts fast
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)


def _engine(style: Any, select: Any, ignore: Any, config: Any, language: Any = None) -> "Normalizer":
    """A Normalizer for these settings. Engines for a config given by path (or none) are kept,
    so the file is read once; a Config or mapping gets a fresh, cheap engine (its compiled
    stages are shared through pipeline._COMPILED), never one cached under a recycled id()."""
    from .pipeline import Normalizer

    if config is not None and not isinstance(config, (str, PurePath)):
        return Normalizer(style=style, select=select, ignore=ignore, config=config, language=language)
    key = (style, _key(select), _key(ignore), str(config) if config is not None else None, language)
    engine = _ENGINES.get(key)
    if engine is None:
        engine = Normalizer(style=style, select=select, ignore=ignore, config=Path(config) if config else None,
                            language=language)
        if len(_ENGINES) < 32:
            _ENGINES[key] = engine
    return engine


def _key(value: Any) -> Any:
    return tuple(value) if isinstance(value, (list, tuple)) else value


def normalize_text(text: str, style: str | None = None, select: Any = None, ignore: Any = None,
                   config: Any = None, language: str | None = None) -> "Result":
    """Normalise one text; the compiled engine is cached per settings. `language`: None or
    "auto" to detect the document's language, or an ISO 639-1 code that overrides detection."""
    return _engine(style, select, ignore, config, language).normalize_text(text)


def normalize_bytes(data: bytes, style: str | None = None, select: Any = None, ignore: Any = None,
                    config: Any = None, language: str | None = None) -> "Result":
    """Decode (detecting the encoding) and normalise one document."""
    return _engine(style, select, ignore, config, language).normalize_bytes(data)
