"""Demo versions of the implementation plan's action table, as the social work director's team delivers them.

Three snapshots in `landing_root/plan_actions/`:

- `plan_actions_2025-12-17.csv`: the real table as adopted on 17.12.2025, copied byte for byte (first header
  set: no responsible / updated columns; UTF-8, `;`).
- `plan_actions_2026-03-02.xlsx`: the team's first follow-up edit in Excel. Adds `responsible` and `updated`;
  statuses move on (social reporting goes into use, ...); one small wording edit ('palveluita' → 'palveluja');
  statuses typed carelessly ('käytössä ', 'VALMISTEILLA'); broken on purpose: an unknown status 'Aloitettu'
  and a duplicated action row.
- `plan_actions_2026-06-01.csv`: cp1252, Finnish headers, d.m.yyyy dates. More statuses move; one action is
  removed (merged into another), one is added; the action whose status was unknown in March is back; broken on
  purpose: a half-typed row without an action.

Deterministic: `seed` only picks the responsible roles and the row edit dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import shutil
from pathlib import Path

from demo.writers import write_csv, write_xlsx

SOURCE_NAME = "plan_actions"
FIRST_VERSION_DATE = dt.date(2025, 12, 17)
SECOND_VERSION_DATE = dt.date(2026, 3, 2)
THIRD_VERSION_DATE = dt.date(2026, 6, 1)

RESPONSIBLE_ROLES = (
    "Sosiaalityön johtaja",
    "Rakenteellisen sosiaalityön erityisasiantuntija",
    "Palvelualueen johtaja",
    "Kehittämisyksikkö",
    "Viestintä",
    "Tietojohtaminen",
)

# Status moves by version: action text (as in the adopted plan) -> (new status, note).
MARCH_MOVES = {
    "Sosiaalisen raportoinnin käyttöönotto": ("Käytössä", "Lomake käytössä kaikilla palvelualueilla"),
    "Rakenteellisen sosiaalityön vastuiden määrittely": ("Valmisteilla", "Luonnos johtoryhmässä"),
    "Asiantuntijaverkoston perustaminen": ("Valmisteilla", None),
    "Luodaan käytännöt systematisoidun tiedon kokoamiseksi epäkohtailmoituksista, kanteluista ja "
    "muistutuksista": ("Käytössä", "Neljännesvuosikooste valvontayksiköltä"),
}
JUNE_MOVES = {
    "Tarjotaan rakenteellisen sosiaalityön koulutusta verkossa ja paikallisina koulutustilaisuuksina "
    "työyksiköille": ("Käytössä", "Verkkokurssi julkaistu"),
    "Tuotetaan systematisoitua ja analysoitua indikaattoritietoa sosiaalihuoltoon keskeisesti liittyvistä "
    "ilmiöistä": ("Valmisteilla", "Kansallinen vertailu rakenteilla"),
    "Määritetään asiakastyössä käytettävät mittarit ja tuetaan niiden systemaattista käyttöä ja niihin "
    "liittyvää osaamista": ("Valmisteilla", None),
    "Rakenteellisen sosiaalityön vastuiden määrittely": ("Käytössä", "Vahvistettu johtoryhmässä"),
    "Perehdytykseen sisällytetään rakenteellisen sosiaalityön peruskoulutus": ("Valmisteilla", None),
    "Asiakaspalautejärjestelmään kertyvän sosiaalihuollon palveluja koskevan palautetiedon analysointi":
        ("Valmisteilla", "Palauteraportti kvartaaleittain"),
}
# The small wording edit of March (kept in June).
OLD_FEEDBACK_ACTION = ("Asiakaspalautejärjestelmään kertyvän sosiaalihuollon palveluita koskevan "
                       "palautetiedon analysointi")
NEW_FEEDBACK_ACTION = ("Asiakaspalautejärjestelmään kertyvän sosiaalihuollon palveluja koskevan "
                       "palautetiedon analysointi")
UNKNOWN_STATUS_ACTION = "Perehdytykseen sisällytetään rakenteellisen sosiaalityön peruskoulutus"
DUPLICATED_ACTION = "Asiantuntijaverkoston perustaminen"
REMOVED_IN_JUNE = "Huomioidaan sisällölliset koulutustoiveet"
ADDED_IN_JUNE = {
    "goal": "Rakenteellisesta sosiaalityöstä nousevan tiedon hyödyntäminen",
    "topic": "Tiedon kulun rakenteiden ja käytänteiden kehittäminen",
    "action": ("Sosiaalisen raportoinnin tulosten käsittely puolivuosittain sosiaali- ja vammaispalvelujen "
               "johtoryhmässä, Sote-palveluiden johtoryhmässä ja Sote-palvelulautakunnassa"),
    "target_group": "Varhan johto",
    "status": "Valmisteilla",
    "status_note": "Ensimmäinen käsittely syksyllä",
}

FIELDS = ["goal", "topic", "action", "target_group", "status", "status_note"]
FINNISH_HEADERS = ["tavoite", "teema", "toimenpide", "kohderyhmä", "tila", "lisätieto", "vastuutaho",
                   "päivitetty"]


def default_reference_csv() -> Path:
    return Path(__file__).parent / "plan_actions_2025_2029.csv"


def read_reference(reference_csv: Path) -> list[dict[str, str]]:
    with reference_csv.open(encoding="utf-8-sig", newline="") as fh:
        return [{k: (v or "") for k, v in row.items()} for row in csv.DictReader(fh, delimiter=";")]


def _edit_date(rng: random.Random, after: dt.date, until: dt.date) -> dt.date:
    return after + dt.timedelta(days=rng.randint(1, (until - after).days))


def march_rows(first: list[dict[str, str]], rng: random.Random) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for row in first:
        new: dict[str, object] = dict(row)
        new["responsible"] = rng.choice(RESPONSIBLE_ROLES)
        new["updated"] = FIRST_VERSION_DATE
        if row["action"] in MARCH_MOVES:
            status, note = MARCH_MOVES[row["action"]]
            new["status"], new["status_note"] = status, note or row["status_note"]
            new["updated"] = _edit_date(rng, FIRST_VERSION_DATE, SECOND_VERSION_DATE)
        if row["action"] == OLD_FEEDBACK_ACTION:
            new["action"] = NEW_FEEDBACK_ACTION
            new["updated"] = _edit_date(rng, FIRST_VERSION_DATE, SECOND_VERSION_DATE)
        if row["action"] == UNKNOWN_STATUS_ACTION:
            new["status"] = "Aloitettu"  # broken on purpose: not one of the three statuses
        rows.append(new)
    # Careless typing the loader tolerates.
    for new in rows:
        if new["status"] == "Käytössä" and new["action"] == "Sosiaalisen raportoinnin käyttöönotto":
            new["status"] = "käytössä "
        if new["action"] == "Rakenteellisen sosiaalityön vastuiden määrittely":
            new["status"] = "VALMISTEILLA"
    # Broken on purpose: the same action pasted twice.
    duplicate = next(r for r in rows if r["action"] == DUPLICATED_ACTION)
    rows.insert(rows.index(duplicate) + 1, dict(duplicate, status_note="kopio"))
    return rows


def june_rows(march: list[dict[str, object]], rng: random.Random) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    for row in march:
        action = str(row["action"])
        if action in seen or action == REMOVED_IN_JUNE:
            continue  # the duplicate is cleaned up; one action merged into the training actions
        seen.add(action)
        new = dict(row)
        status = str(new["status"]).strip()
        new["status"] = {"käytössä": "Käytössä", "VALMISTEILLA": "Valmisteilla"}.get(status, status)
        if action in JUNE_MOVES:
            status, note = JUNE_MOVES[action]
            new["status"], new["status_note"] = status, note or new["status_note"]
            new["updated"] = _edit_date(rng, SECOND_VERSION_DATE, THIRD_VERSION_DATE)
        rows.append(new)
    added = dict(ADDED_IN_JUNE, responsible=rng.choice(RESPONSIBLE_ROLES),
                 updated=_edit_date(rng, SECOND_VERSION_DATE, THIRD_VERSION_DATE))
    rows.append(added)
    # Broken on purpose: a half-typed row (goal and status, no action).
    rows.append({"goal": ADDED_IN_JUNE["goal"], "topic": "", "action": "", "target_group": "",
                 "status": "Ei selvillä", "status_note": "", "responsible": "", "updated": ""})
    return rows


def _finnish_date(value: object) -> str:
    return f"{value.day}.{value.month}.{value.year}" if isinstance(value, dt.date) else ""


def write_plan_landing(landing_root: Path, seed: int = 2025, reference_csv: Path | None = None) -> None:
    """Write the three demo versions of the plan's action table into `landing_root/plan_actions/`."""
    reference_csv = Path(reference_csv) if reference_csv else default_reference_csv()
    folder = Path(landing_root) / SOURCE_NAME
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)

    shutil.copyfile(reference_csv, folder / f"plan_actions_{FIRST_VERSION_DATE.isoformat()}.csv")
    first = read_reference(reference_csv)
    march = march_rows(first, rng)
    headers = FIELDS + ["responsible", "updated"]
    write_xlsx(folder / f"plan_actions_{SECOND_VERSION_DATE.isoformat()}.xlsx", headers,
               [[row.get(h) for h in headers] for row in march], sheet="Toimenpiteet",
               number_formats={"H": "d.m.yyyy"})
    june = june_rows(march, rng)
    write_csv(folder / f"plan_actions_{THIRD_VERSION_DATE.isoformat()}.csv", FINNISH_HEADERS,
              [[row.get(f) or "" for f in FIELDS] + [row.get("responsible") or "", _finnish_date(row.get("updated"))]
               for row in june], encoding="cp1252")
