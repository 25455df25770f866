"""Demo files of ARA's homelessness survey (asunnottomuusselvitys) for `landing/ara_homelessness/`.

DEMO NUMBERS: the counts are made up (seeded), at about the real national level (thl_model.md §1.3: about
3,400 single homeless people in 2023, ~30 % long-term, 22 % women, 15 % under 25) and falling over time as
the real series does. The layout is the one `sources.statistics.ara_homelessness` documents (designed, [I]):
one file per survey year, the header in the first row, the older years with the older spellings
(Yksinäiset asunnottomat, Kuntanumero) as cp1252 CSV, the newer ones with today's spellings as xlsx with an
extra (ignored) column of a homelessness form; `-` for zero; the file's own "Koko maa" total row last.
Only the municipalities the seeds map are listed (Varha's 27 and 63 others), so the demo's "country" is the
sum of those. The newest file carries three broken rows (an unknown municipality code, long-term homeless
above the single homeless count, a fractional count) that the loader must quarantine.
"""

from __future__ import annotations

import csv
import math
import random
from pathlib import Path

from demo.writers import write_frame_csv, write_frame_xlsx
from sources.reference import SEEDS

SEED = 20240215
YEARS = range(2015, 2025)
# Approximate residents (rounded, end of 2023; weights only) of the largest municipalities outside Varha.
BIG = {"091": 674_000, "049": 314_000, "837": 255_000, "092": 248_000, "564": 215_000, "179": 148_000,
       "297": 124_000, "398": 121_000, "853": 204_000, "609": 83_000, "167": 78_000, "405": 73_000}


def _municipalities() -> list[tuple[str, str, int]]:
    rows = []
    for name in ("municipalities", "municipality_counties"):
        with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                code = r["municipality_code"]
                rows.append((code, r["municipality_name_fi"], BIG.get(code, 8_000 + (int(code) * 37) % 30_000)))
    return sorted(rows)


def survey_rows(year: int) -> list[dict[str, int | str]]:
    """One demo row per municipality: the counts of one survey year."""
    level = 1.25 * (0.93 ** (year - YEARS.start))  # single homeless per 1 000, falling
    out = []
    for code, name, pop in _municipalities():
        rng = random.Random(f"{SEED}|{code}|{year}")
        urban = 1.8 if pop > 100_000 else 1.0 if pop > 30_000 else 0.45
        region = math.exp(random.Random(f"{SEED}|{code}").gauss(0, 0.35))
        single = max(0, round(pop / 1000 * level * urban * region * math.exp(rng.gauss(0, 0.08))))
        out.append({
            "code": code, "name": name, "single": single,
            "long_term": round(single * rng.uniform(0.22, 0.38)),
            "families": round(single * rng.uniform(0.02, 0.08)),
            "under_25": round(single * rng.uniform(0.10, 0.22)),
            "women": round(single * rng.uniform(0.18, 0.26)),
            "immigrants": round(single * rng.uniform(0.12, 0.28)) if year >= 2017 else None,
        })
    return out


OLD_HEADERS = ["Kuntanumero", "Kunta", "Yksinäiset asunnottomat yhteensä", "Pitkäaikaisasunnottomat",
               "Asunnottomat perheet", "Nuoret alle 25 v", "Naiset", "Maahanmuuttajat"]
NEW_HEADERS = ["Kuntakoodi", "Kunta", "Yksinelävät asunnottomat", "Ulkona, porraskäytävissä, ensisuojissa ym.",
               "joista pitkäaikaisasunnottomia", "Asunnottomat perheet", "Alle 25-vuotiaat", "Naiset",
               "Maahanmuuttajat"]


def _cell(n: int | None) -> str:
    return "" if n is None else "-" if n == 0 else str(n)


def _table(year: int) -> list[list[str]]:
    rows = survey_rows(year)
    keys = ("single", "long_term", "families", "under_25", "women", "immigrants")
    total = {k: (None if any(r[k] is None for r in rows) else sum(r[k] for r in rows)) for k in keys}
    if year == YEARS.stop - 1:  # three broken rows in the newest delivery
        for r in rows:
            if r["code"] == "577":
                r["long_term"] = r["single"] + 2  # long-term above the single homeless count
            if r["code"] == "322":
                r["code"], r["single"] = "", f"{r['single']},5"  # no code (found by name), fractional count
        rows.append({"code": "999", "name": "Tuntematon", "single": 4, "long_term": 1, "families": 0,
                     "under_25": 1, "women": 1, "immigrants": 0})  # a code no municipality has
    table = []
    for r in rows + [{"code": "", "name": "Koko maa", **total}]:
        counts = [r[k] if isinstance(r[k], str) else _cell(r[k]) for k in keys]
        if year >= 2020:
            outdoors = str(round(total["single"] * 0.06)) if r["name"] == "Koko maa" else ""
            table.append([r["code"], r["name"], counts[0], outdoors, *counts[1:]])
        else:
            table.append([r["code"].lstrip("0") if year <= 2016 else r["code"], r["name"], *counts])
    return table


def write_ara_landing(landing_root: Path) -> None:
    """Write one survey file per year into `landing_root/ara_homelessness/` (deterministic)."""
    import pandas as pd

    folder = Path(landing_root) / "ara_homelessness"
    for year in YEARS:
        headers = NEW_HEADERS if year >= 2020 else OLD_HEADERS
        frame = pd.DataFrame(_table(year), columns=headers)
        if year >= 2020:
            write_frame_xlsx(frame, folder / f"asunnottomat_{year}.xlsx", sheet="Asumistilanne")
        else:
            write_frame_csv(frame, folder / f"Asunnottomat_{year}_kunnittain.csv", "cp1252")
