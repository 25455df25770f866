"""Demo landing files for the statistics class's file sources: client-register extracts (clients by service
task, social assistance decisions, housing status) and assessment instruments, in the real export formats
(Finnish headers, `;`, UTF-8 with BOM or cp1252, decimal comma, d.m.yyyy dates, xlsx for housing).

Scale 1 ≈ one Varha year: ~60,000 social welfare clients in the client-group extract, ~25,000 assistance
decisions and ~2,500 housing records a year, ~30,000 instrument assessments a year; data for the year before
`today` and `today`'s year; ~1,000,000 service events in monthly files for `today`'s year. A few deliberately
broken rows per file (invalid identity code, 31.2.2025, unknown municipality, AUDIT total ≠ item sum, BDI
without version, item out of range ...).

Identity codes are FICTITIOUS: individual numbers 900–999 only. Deterministic (seeded numpy and Faker-free:
no names are needed), vectorised, no wall clock.

(The Sotkanet/StatFin API recordings are written by `demo.api_recordings`.)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from demo.hetu import fictitious_hetus, spoil_hetu
from demo.writers import write_frame_csv, write_frame_xlsx
from sources.contracts.registers import client_group_codes

# Approximate residents per Varha municipality (Statistics Finland, end of 2023, rounded): weights only.
MUNICIPALITY_POPULATION = {
    "853": 204_000, "734": 51_000, "202": 36_000, "680": 24_800, "423": 20_700, "529": 20_000,
    "895": 14_900, "430": 15_400, "445": 15_200, "577": 11_000, "481": 10_000, "761": 8_700, "400": 8_500,
    "636": 8_000, "503": 7_700, "704": 6_600, "322": 6_500, "538": 4_900, "019": 4_100, "738": 3_100,
    "284": 2_200, "918": 2_200, "631": 2_000, "480": 1_900, "833": 1_600, "561": 1_300, "304": 900,
}

GROUP_NAMES = {
    "ikaantyneet": "Iäkkäiden palvelut", "tyoikaiset": "Työikäisten sosiaalipalvelut",
    "lapsiperheet": "Lapsiperheiden sosiaalipalvelut", "lastensuojelu": "Lastensuojelu",
    "vammaispalvelut": "Vammaispalvelut", "paihde_riippuvuus": "Päihde- ja riippuvuustyön erityiset palvelut",
}
GROUP_SHARES = {"ikaantyneet": 0.30, "tyoikaiset": 0.30, "lapsiperheet": 0.15, "lastensuojelu": 0.10,
                "vammaispalvelut": 0.10, "paihde_riippuvuus": 0.05}
# (min age, max age) of clients per group; lapsiperheet clients are mostly parents.
GROUP_AGES = {"ikaantyneet": (65, 99), "tyoikaiset": (18, 64), "lapsiperheet": (20, 55), "lastensuojelu": (0, 24),
              "vammaispalvelut": (0, 90), "paihde_riippuvuus": (18, 75)}
SECOND_GROUP = {"ikaantyneet": "vammaispalvelut", "tyoikaiset": "paihde_riippuvuus",
                "lapsiperheet": "lastensuojelu", "lastensuojelu": "lapsiperheet",
                "vammaispalvelut": "ikaantyneet", "paihde_riippuvuus": "tyoikaiset"}


def finnish_date(dates: pd.Series) -> pd.Series:
    d = pd.Series(pd.to_datetime(dates)).reset_index(drop=True)
    text = (d.dt.day.astype("Int64").astype("string") + "." + d.dt.month.astype("Int64").astype("string") + "."
            + d.dt.year.astype("Int64").astype("string"))
    return text.where(d.notna(), "")


def decimal_comma(values: pd.Series) -> pd.Series:
    return values.map(lambda v: "" if pd.isna(v) else f"{v:.2f}".replace(".", ","))


# -- people ----------------------------------------------------------------------------------------------------
def _municipalities(rng: np.random.Generator, n: int, urban_boost: float = 1.0) -> np.ndarray:
    codes = np.array(list(MUNICIPALITY_POPULATION))
    weights = np.array(list(MUNICIPALITY_POPULATION.values()), dtype=float)
    weights[codes == "853"] *= urban_boost
    return rng.choice(codes, size=n, p=weights / weights.sum())


def _people(rng: np.random.Generator, n: int, today: dt.date) -> pd.DataFrame:
    groups = np.array(client_group_codes())
    shares = np.array([GROUP_SHARES[g] for g in groups])
    group = rng.choice(groups, size=n, p=shares / shares.sum())
    lo = np.array([GROUP_AGES[g][0] for g in group])
    hi = np.array([GROUP_AGES[g][1] for g in group])
    age = lo + np.floor(rng.beta(1.6, 1.6, n) * (hi - lo + 1)).astype(int)
    birth = (pd.Timestamp(today) - pd.to_timedelta(age * 365.25 + rng.integers(0, 365, n), unit="D")).normalize()
    people = pd.DataFrame({"group": group, "birth": birth, "municipality": _municipalities(rng, n)})
    people["hetu"] = fictitious_hetus(people["birth"], rng)
    people["age"] = age
    return people


def register_people(rng: np.random.Generator, n: int, today: dt.date) -> pd.DataFrame:
    """The demo's register population: one row per person (group, birth, municipality, hetu, age)."""
    return _people(rng, n, today)


# -- (a) clients by service task -------------------------------------------------------------------------------
def _clients(rng: np.random.Generator, people: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    first = people[["hetu", "municipality", "group"]].copy()
    second = people[rng.random(len(people)) < 0.20][["hetu", "municipality", "group"]].copy()
    second["group"] = second["group"].map(SECOND_GROUP)
    rows = pd.concat([first, second], ignore_index=True)
    n = len(rows)
    window_start = pd.Timestamp(today.year - 1, 1, 1)
    start = pd.Series(window_start - pd.Timedelta(days=900)
                      + pd.to_timedelta(rng.integers(0, 900 + 700, n), unit="D"))
    start = start.where(start <= pd.Timestamp(today), pd.Timestamp(today))
    duration = pd.Series(pd.to_timedelta(rng.exponential(420, n).astype(int) + 30, unit="D"))
    end = (start + duration).where(pd.Series(rng.random(n) < 0.55))
    end = end.where(end <= pd.Timestamp(today))
    keep = (end.isna() | (end >= window_start)).to_numpy()
    rows, start, end = rows[keep], start[keep], end[keep]
    return pd.DataFrame({
        "asiakkaan_hetu": rows["hetu"].to_numpy(),
        "kotikunta": rows["municipality"].to_numpy(),
        "palvelutehtava": rows["group"].map(GROUP_NAMES).to_numpy(),
        "asiakkuus_alkoi": finnish_date(start).to_numpy(),
        "asiakkuus_paattyi": finnish_date(end).to_numpy(),
        "poimintapvm": f"{today.day}.{today.month}.{today.year}",
    })


# -- (b) assistance decisions ----------------------------------------------------------------------------------
def _assistance(rng: np.random.Generator, people: pd.DataFrame, year: int, today: dt.date, scale: float) -> pd.DataFrame:
    adults = people[people["age"].between(18, 80) & people["group"].isin(
        ["tyoikaiset", "paihde_riippuvuus", "lapsiperheet", "vammaispalvelut", "ikaantyneet"])]
    weights = adults["group"].map({"tyoikaiset": 5.0, "paihde_riippuvuus": 5.0, "lapsiperheet": 3.0,
                                   "vammaispalvelut": 1.0, "ikaantyneet": 0.4}).to_numpy()
    n_recipients = min(len(adults), max(10, int(9_000 * scale)))
    recipients = adults.iloc[rng.choice(len(adults), n_recipients, replace=False, p=weights / weights.sum())]
    per_client = 1 + rng.poisson(1.8, n_recipients)
    rows = recipients.loc[recipients.index.repeat(per_client)].reset_index(drop=True)
    n = len(rows)
    last_day = min(pd.Timestamp(today), pd.Timestamp(year, 12, 31))
    days = (last_day - pd.Timestamp(year, 1, 1)).days + 1
    date = pd.Timestamp(year, 1, 1) + pd.to_timedelta(rng.integers(0, days, n), unit="D")
    kind = np.where(rng.random(n) < 0.85, "Täydentävä", "Ehkäisevä")
    outcome = rng.choice(["Myönteinen", "Osittain myönteinen", "Kielteinen"], n, p=[0.80, 0.08, 0.12])
    median = np.where(kind == "Täydentävä", 240.0, 550.0)
    amount = np.round(median * rng.lognormal(0, 0.7, n), 2)
    amount = np.where(outcome == "Osittain myönteinen", np.round(amount * 0.6, 2), amount)
    amount_text = pd.Series(amount).pipe(decimal_comma).where(outcome != "Kielteinen", "0,00")
    return pd.DataFrame({
        "paatosnumero": [f"TOTU-{year}-{i:06d}" for i in range(1, n + 1)],
        "hakijan_hetu": rows["hetu"].to_numpy(),
        "kotikunta": rows["municipality"].to_numpy(),
        "tukilaji": kind,
        "paatospvm": finnish_date(pd.Series(date)).to_numpy(),
        "ratkaisu": outcome,
        "myonnetty_euroa": amount_text.to_numpy(),
    })


# -- (c) housing status ----------------------------------------------------------------------------------------
def _housing(rng: np.random.Generator, people: pd.DataFrame, year: int, today: dt.date, scale: float) -> pd.DataFrame:
    adults = people[people["age"].between(18, 85) & people["group"].isin(["tyoikaiset", "paihde_riippuvuus",
                                                                          "lastensuojelu", "ikaantyneet"])]
    weights = adults["group"].map({"tyoikaiset": 3.0, "paihde_riippuvuus": 8.0, "lastensuojelu": 2.0,
                                   "ikaantyneet": 0.3}).to_numpy()
    weights = weights * np.where(adults["municipality"] == "853", 1.6, 1.0)  # homelessness concentrates in Turku
    n_clients = min(len(adults), max(10, int(1_700 * scale)))
    chosen = adults.iloc[rng.choice(len(adults), n_clients, replace=False, p=weights / weights.sum())]
    per_client = 1 + rng.poisson(0.5, n_clients)
    rows = chosen.loc[chosen.index.repeat(per_client)].reset_index(drop=True)
    n = len(rows)
    status = rng.choice(["asunnoton", "asunnottomuuden uhka", "vakinainen asunto"], n, p=[0.4, 0.5, 0.1])
    form = np.where(status == "asunnoton",
                    rng.choice(["ulkona tai ensisuojassa", "asuntola", "laitos", "tuttavien tai sukulaisten luona"],
                               n, p=[0.1, 0.15, 0.15, 0.6]), "")
    long_term = np.where(status == "asunnoton", np.where(rng.random(n) < 0.3, "K", "E"), "")
    last_day = min(pd.Timestamp(today), pd.Timestamp(year, 12, 31))
    days = (last_day - pd.Timestamp(year, 1, 1)).days + 1
    date = pd.Timestamp(year, 1, 1) + pd.to_timedelta(rng.integers(0, days, n), unit="D")
    return pd.DataFrame({
        "asiakkaan_hetu": rows["hetu"].to_numpy(),
        "kotikunta": rows["municipality"].to_numpy(),
        "kirjauspvm": finnish_date(pd.Series(date)).to_numpy(),
        "asumistilanne": status,
        "asunnottomuuden_muoto": form,
        "pitkaaikaisasunnoton": long_term,
    })


# -- instruments -----------------------------------------------------------------------------------------------
INSTRUMENT_MIX = {  # (instrument, version cell as exported) -> share, client groups that use it
    ("AUDIT", ""): (0.33, ["paihde_riippuvuus", "tyoikaiset", "lastensuojelu"]),
    ("BDI", "BDI-II"): (0.12, ["tyoikaiset", "paihde_riippuvuus", "ikaantyneet"]),
    ("BDI", "BDI-I"): (0.03, ["tyoikaiset", "ikaantyneet"]),
    ("BDI", "BDI-13"): (0.05, ["tyoikaiset", "lapsiperheet"]),
    ("3X10D", ""): (0.26, ["lastensuojelu", "lapsiperheet", "tyoikaiset"]),
    ("Kykyviisari", ""): (0.19, ["tyoikaiset", "vammaispalvelut"]),
    ("MARAK", ""): (0.02, ["lapsiperheet", "tyoikaiset"]),
}


def _instruments(rng: np.random.Generator, people: pd.DataFrame, year: int, today: dt.date,
                 scale: float) -> pd.DataFrame:
    n_total = max(40, int(30_000 * scale))
    frames = []
    for (instrument, version), (share, groups) in INSTRUMENT_MIX.items():
        n = max(4, round(n_total * share))
        pool = people[people["group"].isin(groups) & (people["age"] >= 15)]
        clients = pool.iloc[rng.integers(0, len(pool), n)]
        items = np.full((n, 21), -1, dtype=int)
        total = np.full(n, -1, dtype=int)
        if instrument == "AUDIT":
            risk = rng.beta(1.1, 3.6, n)
            items[:, :8] = rng.binomial(4, risk[:, None], (n, 8))
            items[:, 8:10] = 2 * rng.binomial(2, risk[:, None] * 0.7, (n, 2))
            total = items[:, :10].sum(axis=1)
            total_only = rng.random(n) < 0.1
            items[total_only, :10] = -1
        elif instrument == "BDI":
            k = 13 if version == "BDI-13" else 21
            severity = rng.beta(1.2, 5.0, n)
            items[:, :k] = rng.binomial(3, severity[:, None], (n, k))
            total = items[:, :k].sum(axis=1)
        elif instrument == "3X10D":
            base = rng.normal(6.6, 1.6, n)
            items[:, :10] = np.clip(np.round(base[:, None] + rng.normal(0, 1.6, (n, 10))), 0, 10).astype(int)
            total = np.full(n, -1)
        elif instrument == "Kykyviisari":
            base = rng.normal(6.2, 1.8, n)
            items[:, :17] = np.clip(np.round(base[:, None] + rng.normal(0, 1.5, (n, 17))), 0, 10).astype(int)
            total = np.clip(np.round(base + rng.normal(0, 0.8, n)), 0, 10).astype(int)
        else:  # MARAK: only the yes-count is exported
            total = rng.binomial(24, rng.beta(3, 4, n))
        last_day = min(pd.Timestamp(today), pd.Timestamp(year, 12, 31))
        days = (last_day - pd.Timestamp(year, 1, 1)).days + 1
        date = pd.Timestamp(year, 1, 1) + pd.to_timedelta(rng.integers(0, days, n), unit="D")
        own_group = clients["group"].isin(groups).to_numpy()
        group = np.where(own_group, clients["group"].to_numpy(), groups[0])
        frame = pd.DataFrame({
            "asiakkaan_hetu": clients["hetu"].to_numpy(),
            "arviointipvm": finnish_date(pd.Series(date)).to_numpy(),
            "palvelutehtava": pd.Series(group).map(GROUP_NAMES).to_numpy(),
            "kunta": clients["municipality"].to_numpy(),
            "mittari": instrument,
            "mittarin_versio": version,
        })
        for i in range(21):
            frame[f"kohta_{i + 1}"] = np.where(items[:, i] >= 0, items[:, i].astype(str), "")
        frame["kokonaispisteet"] = np.where(total >= 0, total.astype(str), "")
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    return out.iloc[rng.permutation(len(out))].reset_index(drop=True)


# -- (d) service events -----------------------------------------------------------------------------------------
EVENTS_PER_YEAR = 1_000_000  # at scale 1: about a million service events a Varha year
EVENT_LABELS = ("Käynti", "Kotikäynti", "Puhelu", "Sähköinen asiointi", "Verkostoneuvottelu", "Päätös")
# event-type mix per client group (the order of EVENT_LABELS)
EVENT_MIX = {
    "ikaantyneet": (0.20, 0.30, 0.30, 0.05, 0.05, 0.10),
    "tyoikaiset": (0.30, 0.02, 0.30, 0.15, 0.05, 0.18),
    "lapsiperheet": (0.30, 0.20, 0.25, 0.10, 0.08, 0.07),
    "lastensuojelu": (0.30, 0.15, 0.25, 0.05, 0.15, 0.10),
    "vammaispalvelut": (0.20, 0.15, 0.30, 0.10, 0.05, 0.20),
    "paihde_riippuvuus": (0.45, 0.05, 0.25, 0.10, 0.08, 0.07),
}
# events a client has relative to an average client, per group (child welfare and substance services are intensive)
EVENT_INTENSITY = {"ikaantyneet": 0.8, "tyoikaiset": 1.0, "lapsiperheet": 1.0, "lastensuojelu": 1.8,
                   "vammaispalvelut": 0.8, "paihde_riippuvuus": 2.0}
STAFF_LABELS = ("Sosiaalityöntekijä", "Sosiaaliohjaaja", "Perhetyöntekijä", "Etuuskäsittelijä", "Sairaanhoitaja",
                "Muu", "")
# professional group per event type (the order of STAFF_LABELS; "" = not recorded)
STAFF_MIX = {
    "Käynti": (0.40, 0.35, 0.08, 0.02, 0.08, 0.05, 0.02),
    "Kotikäynti": (0.15, 0.35, 0.30, 0.00, 0.12, 0.06, 0.02),
    "Puhelu": (0.30, 0.40, 0.08, 0.10, 0.05, 0.05, 0.02),
    "Sähköinen asiointi": (0.25, 0.35, 0.05, 0.25, 0.03, 0.05, 0.02),
    "Verkostoneuvottelu": (0.60, 0.25, 0.10, 0.00, 0.03, 0.02, 0.00),
    "Päätös": (0.75, 0.05, 0.00, 0.20, 0.00, 0.00, 0.00),
}
EVENT_HEADERS = ["asiakkaan_hetu", "tapahtumapvm", "palvelutehtava", "kunta", "tapahtumatyyppi", "ammattiryhma"]


def _pick_by_row(rng: np.random.Generator, probs: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """One category index per element of `rows`, drawn from the probability row `probs[rows]` (vectorised)."""
    cumulative = np.cumsum(probs, axis=1)
    cumulative[:, -1] = 1.0
    u = rng.random(len(rows))
    return (u[:, None] > cumulative[rows]).sum(axis=1)


def _events_month(rng: np.random.Generator, people: dict[str, np.ndarray], categories: dict[str, list[str]],
                  activity: np.ndarray, year: int, month: int, n: int) -> dict[str, np.ndarray]:
    """One month's service events as category codes per column (no per-row Python strings)."""
    groups = np.array(client_group_codes())
    who = rng.choice(len(activity), size=n, p=activity)
    person_group = people["group"][who]
    first = pd.Timestamp(year, month, 1)
    days = first.days_in_month
    weekday = np.array([(first + pd.Timedelta(days=d)).weekday() for d in range(days)])
    day_weights = np.where(weekday < 5, 1.0, 0.08)  # few events at weekends
    day = rng.choice(days, size=n, p=day_weights / day_weights.sum())
    mix = np.array([EVENT_MIX[g] for g in groups])
    event = _pick_by_row(rng, mix, person_group)
    staff_mix = np.array([STAFF_MIX[label] for label in EVENT_LABELS])
    staff = _pick_by_row(rng, staff_mix, event)
    categories["tapahtumapvm"] = [f"{d + 1}.{month}.{year}" for d in range(days)] + [f"31.2.{year}"]
    order = np.lexsort((who, day))  # the export is sorted by date
    return {
        "asiakkaan_hetu": people["hetu"][who][order],
        "tapahtumapvm": day[order],
        "palvelutehtava": person_group[order],
        "kunta": people["municipality"][who][order],
        "tapahtumatyyppi": event[order],
        "ammattiryhma": staff[order],
    }


def _break_events(codes: dict[str, np.ndarray], categories: dict[str, list[str]],
                  rng: np.random.Generator) -> None:
    """Five deliberately broken rows: an invalid identity code, 31.2., an unknown municipality, an unknown event
    type and a missing identity code. The broken values are the last categories of their columns."""
    n = len(codes["asiakkaan_hetu"])
    if n < 10:
        return
    rows = rng.choice(n, 5, replace=False)
    hetu = categories["asiakkaan_hetu"]
    hetu[-2] = spoil_hetu(pd.Series([hetu[codes["asiakkaan_hetu"][rows[0]]]])).iloc[0]
    codes["asiakkaan_hetu"][rows[0]] = len(hetu) - 2
    codes["asiakkaan_hetu"][rows[4]] = len(hetu) - 1  # "": missing
    codes["tapahtumapvm"][rows[1]] = len(categories["tapahtumapvm"]) - 1
    codes["kunta"][rows[2]] = len(categories["kunta"]) - 1
    codes["tapahtumatyyppi"][rows[3]] = len(categories["tapahtumatyyppi"]) - 1


def _write_csv_fast(con, frame: pa.Table, path: Path) -> None:
    """`;`-separated UTF-8 (no BOM), CRLF, through DuckDB's CSV writer: a million-row month in about a second.
    Deterministic (insertion order is kept); values are quoted only when they contain `;` or a quote."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con.register("events_frame", frame)
    try:
        columns = ", ".join(f"nullif(cast({c} as varchar), '') as {c}" for c in frame.column_names)
        target = str(path).replace("'", "''")
        con.execute(f"copy (select {columns} from events_frame) to '{target}' "
                    "(header, delimiter ';', quote '\"', new_line '\r\n', null '')")
    finally:
        con.unregister("events_frame")


def write_client_register_events(landing_root: Path, people: pd.DataFrame, scale: float, seed: int,
                                 today: dt.date) -> None:
    """Monthly `client_register_events/client_register_events_YYYY-MM.csv` for `today`'s year up to `today`'s
    month (one county-year: about 1M events at scale 1, 10M at scale 10); EVENTS_PER_YEAR × scale events a year,
    with a seasonal dip in July."""
    rng = np.random.default_rng([seed, 5])
    groups = list(client_group_codes())
    hetu_codes, hetu_labels = pd.factorize(people["hetu"])
    muni_codes, muni_labels = pd.factorize(people["municipality"])
    arrays = {"group": people["group"].map({g: i for i, g in enumerate(groups)}).to_numpy(),
              "hetu": hetu_codes, "municipality": muni_codes}
    categories = {
        "asiakkaan_hetu": list(hetu_labels) + ["<spoiled>", ""],
        "palvelutehtava": [GROUP_NAMES[g] for g in groups],
        "kunta": list(muni_labels) + ["Tuntematon kunta"],
        "tapahtumatyyppi": list(EVENT_LABELS) + ["Tekstiviesti"],
        "ammattiryhma": list(STAFF_LABELS),
    }
    # activity: heavy-tailed per client (most clients have a few events, some have very many)
    activity = rng.gamma(0.6, 1.0, len(people)) * people["group"].map(EVENT_INTENSITY).to_numpy()
    activity = activity / activity.sum()
    season = {1: 1.05, 2: 1.05, 3: 1.08, 4: 1.0, 5: 1.0, 6: 0.9, 7: 0.6, 8: 0.95, 9: 1.08, 10: 1.08, 11: 1.08,
              12: 0.93}
    per_month = EVENTS_PER_YEAR * max(scale, 0.0001) / sum(season.values())
    import duckdb

    con = duckdb.connect()
    con.execute("set preserve_insertion_order = true")
    try:
        for year in (today.year,):
            for month in range(1, 13):
                if dt.date(year, month, 1) > today:
                    break
                n = max(20, round(per_month * season[month] * rng.uniform(0.97, 1.03)))
                codes = _events_month(rng, arrays, categories, activity, year, month, n)
                _break_events(codes, categories, rng)
                # dictionary-encoded Arrow columns: DuckDB reads them without a Python object per value
                frame = pa.table({c: pa.DictionaryArray.from_arrays(pa.array(codes[c], pa.int32()),
                                                                    pa.array(categories[c], pa.string()))
                                  for c in EVENT_HEADERS})
                _write_csv_fast(con, frame, landing_root / "client_register_events"
                                / f"client_register_events_{year}-{month:02d}.csv")
    finally:
        con.close()


# -- broken rows -----------------------------------------------------------------------------------------------
def _break(frame: pd.DataFrame, rng: np.random.Generator, hetu_column: str, date_column: str,
           municipality_column: str) -> pd.DataFrame:
    """Three deliberately broken rows: an invalid identity code, 31.2., an unknown municipality."""
    if len(frame) < 10:
        return frame
    frame = frame.copy()
    rows = rng.choice(len(frame), 3, replace=False)
    frame.loc[rows[0], hetu_column] = spoil_hetu(frame.loc[[rows[0]], hetu_column]).iloc[0]
    year = str(frame.loc[rows[1], date_column]).rsplit(".", 1)[-1] or "2025"
    frame.loc[rows[1], date_column] = f"31.2.{year}"
    frame.loc[rows[2], municipality_column] = "Tuntematon kunta"
    return frame


def _break_instruments(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    frame = _break(frame, rng, "asiakkaan_hetu", "arviointipvm", "kunta")
    audit = frame.index[(frame["mittari"] == "AUDIT") & (frame["kohta_1"] != "")]
    bdi = frame.index[frame["mittari"] == "BDI"]
    tenx = frame.index[frame["mittari"] == "3X10D"]
    if len(audit) >= 2:
        for row in audit[:2]:  # a total that is not the sum of its items
            frame.loc[row, "kokonaispisteet"] = str(int(frame.loc[row, "kokonaispisteet"]) + 3)
    if len(bdi) >= 2:
        frame.loc[bdi[:2], "mittarin_versio"] = ""  # BDI without its version
    if len(tenx):
        frame.loc[tenx[0], "kohta_4"] = "11"  # 3X10D item out of 0..10
    if len(audit) >= 3:
        frame.loc[audit[2], "kohta_9"] = "3"  # AUDIT Q9 takes 0, 2 or 4 only
    return frame


def write_statistics_landing(landing_root: Path, scale: float = 1.0, seed: int = 2025,
                             today: dt.date = dt.date(2025, 12, 31)) -> None:
    """Write the client-register and instrument demo files into `landing_root/<source>/`."""
    landing_root = Path(landing_root)
    rng = np.random.default_rng(seed)
    people = _people(rng, max(200, round(70_000 * scale)), today)
    years = [today.year - 1, today.year]

    clients = _break(_clients(rng, people, today), rng, "asiakkaan_hetu", "asiakkuus_alkoi", "kotikunta")
    write_frame_csv(clients, landing_root / "client_register_clients"
                    / f"asiakkuudet_palvelutehtavittain_{today:%Y%m%d}.csv", "utf-8-sig")

    for year in years:
        decisions = _break(_assistance(rng, people, year, today, scale), rng, "hakijan_hetu", "paatospvm", "kotikunta")
        write_frame_csv(decisions, landing_root / "client_register_assistance"
                        / f"toimeentulotukipaatokset_{year}.csv", "cp1252")
        housing = _break(_housing(rng, people, year, today, scale), rng, "asiakkaan_hetu", "kirjauspvm", "kotikunta")
        if year == today.year:  # the current year's housing extract comes as Excel, the previous as cp1252 CSV
            write_frame_xlsx(housing, landing_root / "client_register_housing" / f"asumistilanne_{year}.xlsx",
                             sheet="Asumistilanne")
        else:
            write_frame_csv(housing, landing_root / "client_register_housing" / f"asumistilanne_{year}.csv", "cp1252")
        assessments = _break_instruments(_instruments(rng, people, year, today, scale), rng)
        write_frame_csv(assessments, landing_root / "instruments" / f"mittarit_{year}.csv",
                        "utf-8-sig" if year % 2 else "cp1252")

    write_client_register_events(landing_root, people, scale, seed, today)
