"""Write the name list the free-text redaction reads: `sources/professional_observations/common_names.csv`.

The names are the Finnish and Swedish person-name lists that Faker (MIT licence; the version pinned in the
`demo` extra) ships, which in turn come from public name statistics:

- fi_FI first names and surnames: the Digital and Population Data Services Agency's (DVV) statistics of the most
  common given names and surnames in Finland, published on avoindata.fi;
- sv_SE surnames: the Swedish Tax Agency's (Skatteverket) top-500 surnames (2025); first names: the Institute for
  Language and Folklore's (Isof) top-500 first names (2023).

Generated once and committed, so that the product (`sources/`) does not need Faker at run time. Rerun after a
Faker upgrade and review the diff:

    python -m demo.name_list
"""

from __future__ import annotations

import csv
import importlib
from pathlib import Path

import faker

TARGET = Path(__file__).resolve().parents[1] / "sources" / "professional_observations" / "common_names.csv"
LOCALES = ("fi_FI", "sv_SE")
# Faker's `first_names` is the union of the first two: not listed again.
ATTRIBUTES = ("first_names_male", "first_names_female", "last_names")


def name_rows() -> list[tuple[str, str]]:
    """(name, list) for every name of every list, sorted; a name in several lists has a row for each."""
    rows = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ATTRIBUTES:
            rows.update((name, f"{locale} {attribute}") for name in getattr(provider, attribute))
    return sorted(rows)


def write(path: Path = TARGET) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["name", "list"])
        out.writerows(name_rows())


if __name__ == "__main__":
    write()
    print(f"{TARGET}: {len(name_rows())} names from Faker {faker.VERSION}")
