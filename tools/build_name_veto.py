"""Build normalize/data/name_veto.txt.gz: given names and surnames that are people's own names.

A near miss that is itself a real name ("Condon", "Nowak", "Johansson", "Lamy") is another person,
never a misspelling of a gazetteer entity; the names stage uses this list as a veto. The names
come from Faker's per-locale person providers (MIT licence, https://github.com/joke2k/faker):
Latin-script given names and surnames of the locales that appear in international news, plus
Faker's romanised Japanese and Chinese names. Faker is needed only to build the list:

    pip install faker && python tools/build_name_veto.py

Each line is one folded name (lower case, no diacritics, as `phonetic.fold` writes it).
"""

from __future__ import annotations

import gzip
import importlib
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from normalize.names.phonetic import fold  # noqa: E402

OUT = ROOT / "normalize" / "data" / "name_veto.txt.gz"
_ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary", "last_names",
               "first_romanized_names", "last_romanized_names", "first_romanized_names_male",
               "first_romanized_names_female", "romanized_last_names", "romanized_first_names",
               "last_names_male", "last_names_female", "first_names_unisex")


def _names(value: object) -> list[str]:
    if isinstance(value, dict):  # weighted lists: OrderedDict name -> weight
        return list(value)
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str)]
    return []


def collect() -> tuple[set[str], list[str]]:
    import faker.providers.person as person

    names: set[str] = set()
    locales: list[str] = []
    for info in pkgutil.iter_modules(person.__path__):
        module = importlib.import_module(f"faker.providers.person.{info.name}")
        provider = getattr(module, "Provider", None)
        if provider is None:
            continue
        before = len(names)
        for attribute in _ATTRIBUTES:
            for name in _names(getattr(provider, attribute, ())):
                for part in name.replace("-", " ").split():
                    key = fold(part.strip(".,"))
                    if len(key) >= 3 and key.isascii() and key.isalpha():
                        names.add(key)
        if len(names) > before:
            locales.append(info.name)
    return names, locales


def main() -> None:
    import faker

    names, locales = collect()
    header = (f"# Given names and surnames from Faker {faker.VERSION} person providers (MIT licence,\n"
              f"# https://github.com/joke2k/faker), Latin script, folded; built by tools/build_name_veto.py.\n"
              f"# Locales: {' '.join(sorted(locales))}\n")
    OUT.write_bytes(gzip.compress((header + "\n".join(sorted(names)) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(names)} names from {len(locales)} locales -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
