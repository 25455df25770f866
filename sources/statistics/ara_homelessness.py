"""ARA's yearly homelessness survey (asunnottomuusselvitys), by municipality: the homelessness phenomenon's
national source.

ARA (Asumisen rahoitus- ja kehittämiskeskus) collects the figures from the municipalities at year end; they
describe the situation on 15 November (thl_model.md §1.3 [V]). ARA publishes the survey with a municipal
appendix as a spreadsheet; deliver it to ``landing/ara_homelessness/`` as xlsx (or csv), one file per survey
year, with the year in the file name (``asunnottomat_2023.xlsx``: the last 19xx/20xx in the name).

What is verified about the content [V]: the survey is yearly, by municipality, as of 15 November; it counts
single homeless people (yksinelävät asunnottomat) with the long-term homeless among them, homeless families,
and the subgroups young people under 25, women and immigrants; long-term homelessness has been counted since
2008. What is DESIGNED here [I] (no stored public copy of the spreadsheet was found): the header row is the
first row of the first sheet; the headers below, with the spelling variants seen across years in ARA's report
texts (yksinäiset → yksinelävät asunnottomat; kuntanumero / kuntakoodi); ARA's columns of the forms of
homelessness are known and not loaded; any other column, or a missing one, sets the file aside with its name
(a renamed count must not vanish silently); ``-`` means zero and ``..`` or an empty cell means not reported
(allowed for every count but the single homeless total; an area with an unreported count gets no total).

    municipality_code   Kuntanumero | Kuntakoodi | Kunta nro | Kuntanro | Kunnan numero | Kunta-koodi
    municipality_name   Kunta | Kunnan nimi           (both columns; a row may leave the code empty)
    single_homeless     Yksinelävät asunnottomat (yhteensä) | Yksinäiset asunnottomat (yhteensä)
    long_term_homeless  Pitkäaikaisasunnottomat (yhteensä) | Joista pitkäaikaisasunnottomia
    homeless_families   Asunnottomat perheet (yhteensä) | Perheet
    under_25            Alle 25-vuotiaat | Nuoret alle 25 v | Joista alle 25-vuotiaita        (optional)
    women               Naiset | Joista naisia | Asunnottomat naiset                          (optional)
    immigrants          Maahanmuuttajat | Joista maahanmuuttajia | Asunnottomat maahanmuuttajat (optional)

A row is one municipality, found by its code (with or without leading zeros) or, without a code, by its name,
in the seeds ``municipalities`` (Varha) and ``municipality_counties`` (the others; [I] rows). A municipality
the seeds do not map goes to quarantine with that reason, so its county total is not silently short. The
file's own total row (``Koko maa`` / ``Yhteensä`` without a code) is kept with ``is_total_row``: dbt compares
it with the sum of the municipalities (test ``assert_ara_homelessness_reconciles``). Subgroups larger than
the single homeless count, negative or fractional counts, and a municipality given twice go to quarantine.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pandas as pd

from sources.cleaning import Cleaner
from sources.contracts.statistics import ARA_COUNTS, ARA_HOMELESSNESS, ARA_SUBGROUPS
from sources.landing import PrepareContext, file_source
from sources.readers import ROW_NUMBER
from sources.reference import all_municipality_lookup

REQUIRED = ("single_homeless", "long_term_homeless", "homeless_families")
OPTIONAL = ("under_25", "women", "immigrants")
HEADER_ALIASES = {
    "kuntanumero": "municipality_code", "kuntakoodi": "municipality_code", "kunta_nro": "municipality_code",
    "kuntanro": "municipality_code", "kunnan_numero": "municipality_code", "kunta_koodi": "municipality_code",
    "kunta": "municipality_name", "kunnan_nimi": "municipality_name",
    "yksinelavat_asunnottomat": "single_homeless", "yksinelavat_asunnottomat_yhteensa": "single_homeless",
    "yksinaiset_asunnottomat": "single_homeless", "yksinaiset_asunnottomat_yhteensa": "single_homeless",
    "pitkaaikaisasunnottomat": "long_term_homeless", "pitkaaikaisasunnottomat_yhteensa": "long_term_homeless",
    "joista_pitkaaikaisasunnottomia": "long_term_homeless",
    "asunnottomat_perheet": "homeless_families", "asunnottomat_perheet_yhteensa": "homeless_families",
    "perheet": "homeless_families",
    "alle_25_vuotiaat": "under_25", "nuoret_alle_25_v": "under_25", "joista_alle_25_vuotiaita": "under_25",
    "naiset": "women", "joista_naisia": "women", "asunnottomat_naiset": "women",
    "maahanmuuttajat": "immigrants", "joista_maahanmuuttajia": "immigrants",
    "asunnottomat_maahanmuuttajat": "immigrants",
}
# ARA's other columns, known and not loaded: the forms of homelessness (the categories' wording of several years).
IGNORED = {
    "ulkona_porraskaytavissa_ensisuojissa_ym", "ulkona_porraskaytavissa_ensisuojissa", "ulkona_tilapaissuojissa",
    "ulkona_tilapaissuojissa_asuntoloissa", "asuntoloissa_majoitusliikkeissa", "asuntoloissa_tai_majoitusliikkeissa",
    "laitoksissa", "tilapaisesti_tuttavien_ja_sukulaisten_luona", "tuttavien_ja_sukulaisten_luona",
}
TOTAL_NAMES = {"koko maa", "yhteensä", "yhteensa", "kaikki kunnat", "koko maa yhteensä", "koko maa yhteensa"}
YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def _key(header: str) -> str:
    text = unicodedata.normalize("NFKD", str(header)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def canonical_header(header: str) -> str:
    """The loaded column a header names; '' for ARA's known columns that are not loaded (the forms of
    homelessness); the header itself when it is unknown."""
    key = _key(header)
    return "" if key in IGNORED else HEADER_ALIASES.get(key, header)


def survey_year_from_name(file_name: str) -> int:
    found = YEAR_IN_NAME.findall(file_name)
    if not found:
        raise ValueError("file name has no survey year: name ARA's files like asunnottomat_2023.xlsx")
    return int(found[-1])


def check_headers(headers: list[str], file_name: str) -> None:
    survey_year_from_name(file_name)
    canonical = [canonical_header(h) for h in headers]
    problems = []
    doubled = sorted({c for c in canonical if c and canonical.count(c) > 1})
    if doubled:
        problems.append("columns given twice: " + ", ".join(doubled))
    missing = [c for c in ("municipality_code", "municipality_name", *REQUIRED) if c not in canonical]
    if missing:
        problems.append("missing columns " + ", ".join(missing))
    known = {"municipality_code", "municipality_name", *REQUIRED, *OPTIONAL, ""}
    extra = [h for h, c in zip(headers, canonical) if c not in known]
    if extra:
        problems.append("unexpected columns " + ", ".join(repr(e) for e in extra))
    if problems:
        raise ValueError("; ".join(problems) + " (see sources/statistics/ara_homelessness.py for the headers)")


def prepare(raw: pd.DataFrame, ctx: PrepareContext) -> Cleaner:
    year = survey_year_from_name(ctx.file_name)
    renamed = {c: canonical_header(c) for c in raw.columns if c != ROW_NUMBER and canonical_header(c)}
    frame = raw[[ROW_NUMBER, *renamed]].rename(columns=renamed)
    for column in OPTIONAL:
        if column not in frame.columns:
            frame[column] = pd.Series(pd.NA, index=frame.index, dtype="string")
    for column in ARA_COUNTS:  # '-' is zero in Finnish statistics, '..' is not reported
        text = frame[column].astype("string").str.strip()
        frame[column] = text.mask((text == "-").fillna(False), "0").mask(text.isin(["..", "."]).fillna(False), pd.NA)

    c = Cleaner(frame)
    c.out["survey_year"] = pd.Series(year, index=frame.index, dtype="Int64")
    c.out["snapshot_date"] = pd.Series(pd.Timestamp(dt.date(year, 11, 15)), index=frame.index).astype(
        "datetime64[s]")
    code = c.text("municipality_code", "_code")
    name = c.text("municipality_name")
    lookup = all_municipality_lookup()
    is_total = code.isna() & name.str.lower().isin(TOTAL_NAMES).fillna(False)
    by_code = code.str.lower().map(lookup, na_action="ignore")
    by_name = name.str.lower().map(lookup, na_action="ignore")
    resolved = by_code.where(code.notna(), by_name).astype("string")
    c.reject(code.notna() & by_code.isna(),
             "municipality_code: unknown municipality '" + code.fillna("") + "' (not in the seeds "
             "municipalities / municipality_counties)")
    c.reject(code.isna() & ~is_total & by_name.isna(),
             "municipality_name: unknown municipality '" + name.fillna("") + "' and no code")
    c.out["municipality_code"] = resolved
    c.out["is_total_row"] = is_total.astype("boolean")
    c.out = c.out.drop(columns=["_code"])
    c.number("single_homeless", required=True, minimum=0, integer=True)
    for column in (*REQUIRED[1:], *OPTIONAL):  # '..' (not reported) is allowed here: null
        c.number(column, minimum=0, integer=True)
    for column in ARA_SUBGROUPS:  # each subgroup is a part of the single homeless
        c.reject((c.out[column] > c.out["single_homeless"]).fillna(False),
                 f"{column}: more than the single homeless count")
    return c


SOURCE = file_source(
    __name__, "ARA homelessness survey (asunnottomuusselvitys) by municipality, yearly as of 15 November: "
              "single, long-term, families, under 25, women, immigrants",
    headers=check_headers, prepare=prepare, schema=ARA_HOMELESSNESS, period_column="snapshot_date",
)
