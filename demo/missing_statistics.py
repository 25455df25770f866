"""Demo landing files for the sources issue 17 added to the statistics half: RAI assessments, AVAIN client-plan
goals, the county's local surveys (client data), partner indicators (municipalities and NGOs, the documented
template as xlsx and CSV) and THL's Sotekuva tables.

Every layout here is the DESIGNED export of its source module (the real ones were not found; see each module's
docstring). Identity codes are FICTITIOUS (individual numbers 900–999). The partners' business IDs are
fictitious too (valid check digits, not real organisations). Deterministic: seeded numpy, no wall clock.
A few deliberately broken rows per file show the quarantine at work.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from demo.hetu import fictitious_hetus, spoil_hetu
from demo.statistics import MUNICIPALITY_POPULATION, decimal_comma, finnish_date
from demo.writers import write_frame_csv, write_frame_xlsx
from sources.reference import _rows

MUNICIPALITY_NAMES = {r["municipality_code"]: r["municipality_name_fi"] for r in _rows("municipalities")}
CODES = np.array(list(MUNICIPALITY_POPULATION))
WEIGHTS = np.array(list(MUNICIPALITY_POPULATION.values()), dtype=float) / sum(MUNICIPALITY_POPULATION.values())


def _people(rng: np.random.Generator, n: int, ages: tuple[int, int], today: dt.date) -> pd.DataFrame:
    age = rng.integers(ages[0], ages[1] + 1, n)
    birth = (pd.Timestamp(today) - pd.to_timedelta(age * 365.25 + rng.integers(0, 365, n), unit="D")).normalize()
    people = pd.DataFrame({"birth": birth, "municipality": rng.choice(CODES, size=n, p=WEIGHTS)})
    people["hetu"] = fictitious_hetus(people["birth"], rng)
    return people


def _dates(rng: np.random.Generator, n: int, year: int, today: dt.date) -> pd.Series:
    last = min(dt.date(year, 12, 31), today)
    days = (last - dt.date(year, 1, 1)).days + 1
    return pd.Series(pd.Timestamp(year, 1, 1) + pd.to_timedelta(rng.integers(0, days, n), unit="D"))


# -- RAI ---------------------------------------------------------------------------------------------------------
def rai_assessments(rng: np.random.Generator, people: pd.DataFrame, year: int, today: dt.date,
                    scale: float) -> pd.DataFrame:
    n = max(30, int(6_000 * scale))
    who = people.iloc[rng.integers(0, len(people), n)].reset_index(drop=True)
    tool = rng.choice(["RAI-HC", "interRAI-HC", "RAI-LTC", "interRAI-LTCF"], n, p=[0.35, 0.25, 0.25, 0.15])
    frailty = rng.beta(2.0, 2.5, n)
    long_term = np.isin(tool, ["RAI-LTC", "interRAI-LTCF"])
    frailty = np.where(long_term, np.minimum(1, frailty + 0.3), frailty)
    cps = rng.binomial(6, frailty)
    adlh = rng.binomial(6, np.clip(frailty * 0.9 + rng.normal(0, 0.1, n), 0, 1))
    drs = rng.binomial(14, rng.beta(1.2, 7.0, n))
    maple = np.where(long_term, -1, 1 + rng.binomial(4, frailty))
    chess = rng.binomial(5, rng.beta(1.2, 4.0, n))
    spelled = {"RAI-HC": "RAI-HC", "interRAI-HC": "interRAI HC", "RAI-LTC": "RAI-LTC", "interRAI-LTCF": "interRAI LTCF"}
    frame = pd.DataFrame({
        "asiakkaan_hetu": who["hetu"],
        "arviointipvm": finnish_date(_dates(rng, n, year, today)),
        "arviointivaline": [spelled[t] for t in tool],
        "palvelutehtava": np.where(rng.random(n) < 0.9, "Iäkkäiden palvelut", "Vammaispalvelut"),
        "kunta": [MUNICIPALITY_NAMES[m] if i % 3 else m for i, m in enumerate(who["municipality"])],
        "CPS": cps.astype(str), "ADLH": adlh.astype(str), "DRS": drs.astype(str),
        "MAPLE": np.where(maple < 0, "", maple.astype(str)), "CHESS": chess.astype(str),
    })
    rows = rng.choice(n, 4, replace=False)
    frame.loc[rows[0], "asiakkaan_hetu"] = spoil_hetu(frame.loc[[rows[0]], "asiakkaan_hetu"]).iloc[0]
    frame.loc[rows[1], "DRS"] = "15"  # DRS is 0..14
    frame.loc[rows[2], ["CPS", "ADLH", "DRS", "MAPLE", "CHESS"]] = ""  # no scale at all
    frame.loc[rows[3], "arviointivaline"] = "RAI-XYZ"
    return frame


# -- AVAIN -------------------------------------------------------------------------------------------------------
AVAIN_AREAS = ["Arjen hallinta", "Asuminen", "Taloudellinen tilanne", "Työ ja opiskelu", "Terveys ja toimintakyky",
               "Mielenterveys", "Päihteet ja riippuvuudet", "Sosiaaliset suhteet", "Osallisuus"]
AVAIN_WEIGHTS = np.array([0.18, 0.12, 0.2, 0.14, 0.08, 0.1, 0.08, 0.06, 0.04])
ATTAINMENT = ["Tilanne heikentynyt", "Ei toteutunut", "Osittain toteutunut", "Toteutunut"]


def avain_goals(rng: np.random.Generator, people: pd.DataFrame, year: int, today: dt.date,
                scale: float) -> pd.DataFrame:
    plans = max(20, int(3_000 * scale))
    who = people.iloc[rng.integers(0, len(people), plans)].reset_index(drop=True)
    plan_date = _dates(rng, plans, year, today)
    goals = rng.integers(1, 4, plans)
    idx = np.repeat(np.arange(plans), goals)
    n = len(idx)
    review = plan_date.iloc[idx].reset_index(drop=True) + pd.to_timedelta(rng.integers(60, 270, n), unit="D")
    reviewed = review <= pd.Timestamp(today)
    attainment = rng.choice(4, n, p=[0.08, 0.27, 0.4, 0.25])
    frame = pd.DataFrame({
        "asiakkaan_hetu": who["hetu"].iloc[idx].to_numpy(),
        "suunnitelman_pvm": finnish_date(plan_date.iloc[idx]).to_numpy(),
        "arviointipvm": finnish_date(review.where(reviewed)).to_numpy(),
        "palvelutehtava": "Työikäisten sosiaalipalvelut",
        "kunta": who["municipality"].iloc[idx].to_numpy(),
        "tavoitteen_osa_alue": rng.choice(AVAIN_AREAS, n, p=AVAIN_WEIGHTS / AVAIN_WEIGHTS.sum()),
        "tavoitteen_toteutuminen": np.where(reviewed, np.array(ATTAINMENT)[attainment], ""),
    })
    done = frame.index[frame["arviointipvm"] != ""]
    if len(done) >= 2:
        frame.loc[done[0], "tavoitteen_toteutuminen"] = ""  # reviewed, attainment missing
        frame.loc[done[1], "tavoitteen_osa_alue"] = "Harrastukset ja vapaa-aika"  # not a goal area
    return frame


# -- local surveys -----------------------------------------------------------------------------------------------
def local_surveys(rng: np.random.Generator, years: list[int], scale: float) -> dict[int, pd.DataFrame]:
    """Simulated respondents, aggregated the way the survey owner's summary table is: the county by gender and
    age group, each municipality in total. A few respondents give no municipality, gender or age, so every
    total counts at least the sum of its parts (never fewer)."""
    indicators = list(_rows("local_survey_indicators"))
    names = {"paihdetilanne": "Päihdetilannekysely", "vakivalta": "Väkivaltakysely", "mielenterveys": "Mielenterveyskysely"}
    ages = np.array(["18-24", "25-64", "65+"])
    out = {}
    for year in years:
        rows = []
        for survey in names:
            n = max(200, int(2_500 * scale))
            people = pd.DataFrame({
                "municipality": np.where(rng.random(n) < 0.02, "", rng.choice(CODES, size=n, p=WEIGHTS)),
                "gender": rng.choice(["Miehet", "Naiset", ""], size=n, p=[0.47, 0.51, 0.02]),
                "age": np.where(rng.random(n) < 0.02, "", rng.choice(ages, size=n, p=[0.12, 0.6, 0.28])),
            })
            for ind in (i for i in indicators if i["survey"] == survey):
                people["finding"] = rng.random(n) < rng.uniform(0.05, 0.3)
                for muni, group in people[people["municipality"] != ""].groupby("municipality"):
                    rows.append([names[survey], year, MUNICIPALITY_NAMES[muni], "Yhteensä", "Kaikki",
                                 ind["indicator_key"], len(group), int(group["finding"].sum())])
                for gender in ("Yhteensä", "Miehet", "Naiset"):
                    for age in ("Kaikki", *ages):
                        group = people[((people["gender"] == gender) | (gender == "Yhteensä"))
                                       & ((people["age"] == age) | (age == "Kaikki"))]
                        if len(group):
                            rows.append([names[survey], year, "Koko Varha", gender, age, ind["indicator_key"],
                                         len(group), int(group["finding"].sum())])
        frame = pd.DataFrame(rows, columns=["kysely", "vuosi", "kunta", "sukupuoli", "ikaryhma", "indikaattori",
                                            "vastaajia", "vastaajia_joilla_ilmio"]).astype(str)
        frame.loc[3, "vastaajia_joilla_ilmio"] = str(int(frame.loc[3, "vastaajia"]) + 2)  # more findings than answers
        frame.loc[5, "indikaattori"] = "paihde_tupakointi"  # not in the indicator list
        out[year] = frame
    return out


# -- partner indicators ------------------------------------------------------------------------------------------
def _business_id(base: str) -> str:
    from stdnum.fi import ytunnus
    return next(f"{base}-{d}" for d in range(10) if ytunnus.is_valid(f"{base}-{d}"))


PARTNER_HEADERS = ["organisaatio", "y_tunnus", "organisaation_tyyppi", "indikaattorin_koodi", "indikaattorin_nimi",
                   "maaritelma", "yksikko", "ilmio", "suunta", "kunta", "ajanjakso", "sukupuoli", "ikaryhma", "arvo",
                   "osoittaja", "nimittaja", "avoin_tilasto", "lahde"]


def partner_ngo(rng: np.random.Generator, years: list[int]) -> pd.DataFrame:
    """A (fictitious) food-aid association: households it helped per half-year and municipality (the county's
    own, protected), and the share of them with children."""
    org, bid = "Esimerkin Ruoka-apu ry (demo)", _business_id("9876543")
    rows = []
    for year in years:
        for half in ("H1", "H2"):
            for muni in ("853", "734", "202", "680", "577", "304"):
                helped = max(0, int(rng.poisson(MUNICIPALITY_POPULATION[muni] / 600)))
                with_children = int(rng.binomial(helped, 0.3)) if helped else 0
                rows.append([org, bid, "järjestö", "ruoka_apu_kotitaloudet", "Ruoka-apua saaneet kotitaloudet",
                             "Kotitaloudet, jotka saivat ruoka-apua jakson aikana (kukin kerran)", "lkm",
                             "toimeentulo", "suurempi on huonompi", MUNICIPALITY_NAMES[muni], f"{year}{half}",
                             "yhteensä", "kaikki", str(helped), str(helped), "", "ei", ""])
                if helped:
                    share = 100 * with_children / helped
                    rows.append([org, bid, "järjestö", "ruoka_apu_lapsiperheet_osuus",
                                 "Lapsiperheiden osuus ruoka-apua saaneista kotitalouksista",
                                 "Kotitaloudet, joissa alaikäisiä lapsia / kaikki ruoka-apua saaneet", "%",
                                 "toimeentulo", "suurempi on huonompi", MUNICIPALITY_NAMES[muni], f"{year}{half}",
                                 "yhteensä", "kaikki", f"{share:.1f}".replace(".", ","), str(with_children),
                                 str(helped), "ei", ""])
    frame = pd.DataFrame(rows, columns=PARTNER_HEADERS)
    frame.loc[1, "osoittaja"] = ""  # a protected share without its numerator: quarantined, not published bare
    return frame


def partner_municipality(rng: np.random.Generator, years: list[int]) -> pd.DataFrame:
    """A (fictitious) municipality's night-shelter and youth-service figures, one series already published in its
    open statistics."""
    org, bid = "Esimerkkikaupunki (demo)", _business_id("1234567")
    rows = []
    for year in years:
        for month in range(1, 13):
            users = int(rng.poisson(40))
            rows.append([org, bid, "kunta", "yomaja_kayttajat", "Yömajan käyttäjät kuukaudessa",
                         "Eri henkilöt, jotka yöpyivät kaupungin yömajassa kuukauden aikana", "lkm", "asunnottomuus",
                         "suurempi on huonompi", "Turku", f"{year}-{month:02d}", "yhteensä", "kaikki", str(users),
                         str(users), "", "ei", ""])
        rate = rng.uniform(8, 14)
        rows.append([org, bid, "kunta", "nuorisotakuu_ohjatut", "Etsivän nuorisotyön tavoittamat nuoret / 1000 15–28-v.",
                     "Kaupungin tilastokatsauksessa julkaistu luku", "/1000", "mielenterveys", "", "Turku", str(year),
                     "yhteensä", "18-24", f"{rate:.1f}".replace(".", ","), "", "", "kyllä",
                     "https://www.example.invalid/tilastokatsaus"])
    frame = pd.DataFrame(rows, columns=PARTNER_HEADERS)
    frame.loc[2, "y_tunnus"] = "1234567-0"  # a wrong check digit
    return frame


# -- Sotekuva ----------------------------------------------------------------------------------------------------
def sotekuva(rng: np.random.Generator, years: list[int]) -> pd.DataFrame:
    areas = ["Koko maa"] + [r["region_name_fi"] for r in _rows("regions") if r["region_level"] == "wellbeing_county"]
    units = {"eur_per_resident": "euroa / asukas", "eur_per_client": "euroa / asiakas", "per_1000": "/ 1 000 asukasta"}
    rows = []
    for ind in _rows("sotekuva_indicators"):
        level = {"eur_per_resident": 120.0, "eur_per_client": 4_000.0, "per_1000": 25.0}[ind["unit"]]
        for name in areas:
            own = level * rng.uniform(0.7, 1.3)
            for year in years:
                value = own * (1 + 0.03 * (year - years[0])) * rng.uniform(0.97, 1.03)
                rows.append([name, str(year), ind["client_group_fi"], ind["measure_name_fi"], units[ind["unit"]],
                             decimal_comma(pd.Series([value])).iloc[0]])
    frame = pd.DataFrame(rows, columns=["Alue", "Vuosi", "Asiakasryhmä", "Tunnusluku", "Yksikkö", "Arvo"])
    frame.loc[7, "Arvo"] = ".."  # withheld by THL: kept, not read as zero
    frame.loc[11, "Alue"] = "Pohjois-Suomen hyvinvointialue"  # no such area
    return frame


def write_missing_statistics_landing(landing_root: Path, scale: float = 1.0, seed: int = 2025,
                                     today: dt.date = dt.date(2025, 12, 31)) -> None:
    landing_root = Path(landing_root)
    rng = np.random.default_rng(seed + 17)
    years = [today.year - 1, today.year]
    older = _people(rng, max(60, int(8_000 * scale)), (65, 99), today)
    working_age = _people(rng, max(60, int(6_000 * scale)), (18, 64), today)
    for year in years:
        write_frame_csv(rai_assessments(rng, older, year, today, scale),
                   landing_root / "rai_assessments" / f"rai_arvioinnit_{year}.csv", "utf-8-sig")
        write_frame_csv(avain_goals(rng, working_age, year, today, scale),
                   landing_root / "avain_goals" / f"avain_tavoitteet_{year}.csv", "cp1252" if year % 2 else "utf-8-sig")
    for year, frame in local_surveys(rng, years, scale).items():
        write_frame_csv(frame, landing_root / "local_surveys" / f"paikalliset_kyselyt_{year}.csv", "utf-8-sig")
    write_frame_csv(partner_ngo(rng, years), landing_root / "partner_indicators" / "kumppani_ruoka_apu.csv", "utf-8-sig")
    write_frame_xlsx(partner_municipality(rng, years),
                     landing_root / "partner_indicators" / "kumppani_esimerkkikaupunki.xlsx", "Indikaattorit")
    write_frame_csv(sotekuva(rng, [today.year - 3, today.year - 2, today.year - 1]),
               landing_root / "sotekuva" / f"sotekuva_{today.year - 1}.csv", "utf-8-sig")
