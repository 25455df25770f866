"""Reference lists that Python validation shares with dbt. Their one home is `dbt_project/seeds/`."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "dbt_project" / "seeds"


@cache
def _rows(name: str) -> tuple[dict[str, str], ...]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def municipality_codes() -> frozenset[str]:
    return frozenset(r["municipality_code"] for r in _rows("municipalities"))


def municipality_lookup() -> dict[str, str]:
    """Codes and Finnish/Swedish names (lowercased) → the 3-digit municipality code."""
    out: dict[str, str] = {}
    for r in _rows("municipalities"):
        code = r["municipality_code"]
        for key in (code, code.lstrip("0"), r["municipality_name_fi"], r["municipality_name_sv"]):
            out[key.lower()] = code
    return out


def names_lookup(seed: str, entity: str) -> dict[str, str]:
    """Codes, names in three languages and known aliases (stripped, lowercased) → the code, from a seed with the
    columns `<entity>_code`, `<entity>_name_fi`, `_sv`, `_en` and `aliases` (`|`-separated)."""
    out: dict[str, str] = {}
    for r in _rows(seed):
        code = r[f"{entity}_code"]
        names = [code, r[f"{entity}_name_fi"], r[f"{entity}_name_sv"], r[f"{entity}_name_en"]]
        for key in names + [a for a in r["aliases"].split("|") if a]:
            out[key.strip().lower()] = code
    return out


def service_area_lookup() -> dict[str, str]:
    """Codes, names in three languages and known aliases (lowercased) → the service-area code."""
    return names_lookup("service_areas", "service_area")


def service_area_codes() -> frozenset[str]:
    return frozenset(r["service_area_code"] for r in _rows("service_areas"))


def shl11_phenomena() -> dict[int, tuple[str, ...]]:
    return {int(r["need_code"]): tuple(p for p in r["phenomena"].split("|") if p) for r in _rows("shl11_needs")}


def population_region_codes() -> list[str]:
    """Areas whose population the register-based rates need: the country, the 22 areas, Varha's municipalities."""
    return [r["region_code"] for r in _rows("regions")] + sorted(municipality_codes())


def municipality_counties() -> dict[str, str]:
    """Municipality code → its wellbeing services county's code."""
    return {r["municipality_code"]: r["wellbeing_county_code"] for r in _rows("municipalities")}


def municipality_sub_regions() -> dict[str, str]:
    """Municipality code → its sub-region (seutukunta) name."""
    return {r["municipality_code"]: r["sub_region_name"] for r in _rows("municipalities")}


def county_codes() -> frozenset[str]:
    """The 22 areas: the 21 wellbeing services counties and Helsinki (Ahvenanmaa is not one)."""
    return frozenset(r["region_code"] for r in _rows("regions") if r["region_level"] == "wellbeing_county")


def legacy_county_ids() -> dict[int, str]:
    """Pre-2023 Sotkanet region id of each county → its current official code."""
    return {int(r["sotkanet_old_region_id"]): r["region_code"] for r in _rows("regions")
            if r["sotkanet_old_region_id"]}


def sotkanet_catalogue() -> list[dict[str, str]]:
    """Catalogue entries to find in Sotkanet: those with an id, and ARA's series (also published in Sotkanet,
    ids unknown: resolved by title against the live listing)."""
    return [dict(r) for r in _rows("indicator_catalogue") if r["sotkanet_id"] or r["source_system"] == "ara"]


def sotkanet_indicator_ids() -> list[int]:
    """The Sotkanet ids the catalogue gives (ids found by title come from raw.sotkanet_indicator_resolution)."""
    return sorted({int(r["sotkanet_id"]) for r in sotkanet_catalogue() if r["sotkanet_id"]})


def all_municipality_lookup() -> dict[str, str]:
    """Every municipality the seeds map to a county (Varha's in `municipalities`, the others in
    `municipality_counties`): codes with and without leading zeros and names (lowercased) → 3-digit code."""
    out = municipality_lookup()
    for r in _rows("municipality_counties"):
        code = r["municipality_code"]
        for key in (code, code.lstrip("0"), r["municipality_name_fi"]):
            out[key.lower()] = code
    return out


def ledger_source(table: str) -> str:
    """The load ledger's (and source_cadence's) name of the source a raw table belongs to: Sotkanet's four tables
    are one source, `sotkanet`; every other raw table is its source."""
    return "sotkanet" if table.startswith("sotkanet_") else table


def source_load_windows(source: str) -> tuple[timedelta, timedelta]:
    """How long after its last load a source is late (warn) and overdue (fail), from seed source_cadence: the
    delivery cadence plus a grace period. The seed's warn/error_after_days are the other measure, the age of the
    newest data period (mart source_freshness). A source without a row raises KeyError: every source has one."""
    row = next((r for r in _rows("source_cadence") if r["source"] == source), None)
    if row is None:
        raise KeyError(f"source {source!r} has no row in dbt_project/seeds/source_cadence.csv")
    return timedelta(days=int(row["load_warn_after_days"])), timedelta(days=int(row["load_error_after_days"]))


@dataclass(frozen=True)
class Phenomenon:
    code: str
    name_fi: str
    name_sv: str
    name_en: str


def phenomena() -> tuple[Phenomenon, ...]:
    """The four phenomena of structural social work, in report order (seed phenomena, also read by dbt)."""
    rows = sorted(_rows("phenomena"), key=lambda r: int(r["sort_order"]))
    return tuple(Phenomenon(r["phenomenon"], r["phenomenon_fi"], r["phenomenon_sv"], r["phenomenon_en"])
                 for r in rows)


def phenomenon_codes() -> tuple[str, ...]:
    return tuple(p.code for p in phenomena())


def code_list(list_name: str) -> tuple[str, ...]:
    """The canonical codes of one list of seed observation_code_lists, in seed order."""
    return tuple(r["code"] for r in _rows("observation_code_lists") if r["list_name"] == list_name)


def code_list_lookup(list_name: str) -> dict[str, str]:
    """Codes, Finnish names and known spellings (lowercased) of one list of seed observation_code_lists → code."""
    out: dict[str, str] = {}
    for r in _rows("observation_code_lists"):
        if r["list_name"] != list_name:
            continue
        for key in [r["code"], r["name_fi"], *(s for s in r["spellings"].split("|") if s)]:
            out[key.lower()] = r["code"]
    return out
