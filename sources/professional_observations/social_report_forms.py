"""Versioned mapping of the social reporting form's export headers to the warehouse's fields.

The form tool exports each question's text as the column header, and a multi-select question as one 0/1
column per option ("<question> / <option>" or "<question>: <option>", depending on the round). The form is
revised between rounds, so the header text changes: every version the county has used is listed here, and a
delivered file's version is recognised from its header set. A header that no version knows fails the load with a
message naming it; nothing is silently dropped.

To add a new round: copy the newest version below, change the header texts that changed, give it a new key,
and run `tests/unit/test_social_reports.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sources.contracts.professional_observations import SHL11_NEED_CODES

# Canonical field names (the raw.social_reports columns the cleaner fills from the mapped headers).
SCALAR_FIELDS = (
    "submission_id", "submitted_at", "language", "reporter_role", "service_area", "municipality", "target_group",
    "valence", "observation_text", "causes_text", "proposal_text", "admin_sector", "handling_status",
    "feedback_date",
)
REQUIRED_FIELDS = ("submission_id", "submitted_at", "service_area", "municipality", "valence", "observation_text")

# The SHL §11 support needs as the form's options name them (Finnish and Swedish).
NEED_OPTIONS_FI = {
    1: "Jokapäiväisestä elämästä selviytyminen",
    2: "Asumiseen liittyvä tuen tarve",
    3: "Taloudellisen tuen tarve",
    4: "Sosiaalisen syrjäytymisen ehkäisy ja osallisuuden edistäminen",
    5: "Lähisuhde- ja perheväkivalta sekä muu väkivalta tai kaltoinkohtelu",
    6: "Äkilliset kriisitilanteet",
    7: "Lapsen tasapainoinen kehitys ja hyvinvointi",
    8: "Päihteiden ongelmakäyttö, mielenterveysongelma, muu sairaus, vamma tai ikääntyminen",
    9: "Muu fyysinen, psyykkinen, sosiaalinen tai kognitiivinen toimintakyky",
    10: "Läheisten tuen tarve",
}
NEED_OPTIONS_SV = {
    1: "Att klara av det dagliga livet",
    2: "Boenderelaterat stödbehov",
    3: "Behov av ekonomiskt stöd",
    4: "Förebyggande av social utslagning och främjande av delaktighet",
    5: "Våld i nära relationer och familjen samt annat våld eller annan misshandel",
    6: "Akuta krissituationer",
    7: "Barnets balanserade utveckling och välbefinnande",
    8: "Problematiskt missbruk, psykisk ohälsa, annan sjukdom, funktionsnedsättning eller åldrande",
    9: "Annan fysisk, psykisk, social eller kognitiv funktionsförmåga",
    10: "Närståendes stödbehov",
}


@dataclass(frozen=True)
class FormVersion:
    """One round of the form: header text → canonical field, and the 0/1 header per SHL §11 need option."""

    key: str
    description: str
    fields: dict[str, str]  # header text → canonical scalar field
    needs: dict[str, int]  # header text → SHL §11 need code (one 0/1 column per option)
    language: str | None = None  # the form's language when the export has no language column
    constants: dict[str, str] = field(default_factory=dict)

    def headers(self) -> list[str]:
        return list(self.fields) + list(self.needs)


def _needs(prefix: str, options: dict[int, str], joiner: str) -> dict[str, int]:
    return {f"{prefix}{joiner}{options[n]}": n for n in SHL11_NEED_CODES}


FORM_VERSIONS: dict[str, FormVersion] = {
    # 2024 round: one bilingual form; the respondent picks the language, headers are exported in Finnish and
    # the answer options in the language the respondent used.
    "2024_bilingual": FormVersion(
        key="2024_bilingual",
        description="Sosiaalisen raportoinnin lomake 2024 (yksi kaksikielinen lomake, kieli omana kysymyksenään)",
        fields={
            "Vastaustunnus": "submission_id",
            "Vastausaika": "submitted_at",
            "Lomakkeen kieli": "language",
            "Ammattiryhmä": "reporter_role",
            "Palvelualue": "service_area",
            "Kunta": "municipality",
            "Asiakasryhmä": "target_group",
            "Havainnon luonne": "valence",
            "Kuvaa havaintosi": "observation_text",
            "Mistä arvioit ilmiön johtuvan?": "causes_text",
            "Kehittämisehdotus": "proposal_text",
            "Mitä hallinnonalaa havainto koskee?": "admin_sector",
            "Käsittelyn tila": "handling_status",
            "Palautteen antopäivä": "feedback_date",
        },
        needs=_needs("Mihin tuen tarpeisiin (SHL 11 §) havainto liittyy?", NEED_OPTIONS_FI, " / "),
    ),
    # 2025 round: separate Finnish and Swedish forms with reworded questions; no language question.
    "2025_fi": FormVersion(
        key="2025_fi",
        description="Sosiaalisen raportoinnin lomake 2025, suomenkielinen",
        fields={
            "ID": "submission_id",
            "Lähetetty": "submitted_at",
            "Roolisi": "reporter_role",
            "Palvelutehtävä": "service_area",
            "Kunta tai alue": "municipality",
            "Kohderyhmä": "target_group",
            "Onko kyseessä epäkohta, hyvä käytäntö vai heikko signaali?": "valence",
            "Havainto": "observation_text",
            "Havainnon taustalla olevat syyt": "causes_text",
            "Toimenpide- tai kehittämisehdotus": "proposal_text",
            "Hallinnonala, jota havainto koskee": "admin_sector",
            "Käsittelyn tila": "handling_status",
            "Palaute annettu": "feedback_date",
        },
        needs=_needs("Tuen tarve (SHL 11 §)", NEED_OPTIONS_FI, ": "),
        language="fi",
    ),
    "2025_sv": FormVersion(
        key="2025_sv",
        description="Social rapportering 2025, svenskspråkig blankett",
        fields={
            "ID": "submission_id",
            "Skickat": "submitted_at",
            "Din roll": "reporter_role",
            "Serviceuppgift": "service_area",
            "Kommun eller område": "municipality",
            "Målgrupp": "target_group",
            "Är det fråga om ett missförhållande, en god praxis eller en svag signal?": "valence",
            "Observation": "observation_text",
            "Bakomliggande orsaker": "causes_text",
            "Förslag till åtgärd eller utveckling": "proposal_text",
            "Förvaltningsområde som observationen gäller": "admin_sector",
            "Behandlingsstatus": "handling_status",
            "Respons given": "feedback_date",
        },
        needs=_needs("Stödbehov (SHL 11 §)", NEED_OPTIONS_SV, ": "),
        language="sv",
    ),
}


def normalise_header(text: str) -> str:
    """Form tools differ in whitespace and case between exports of the same form; nothing else is folded."""
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def _check_versions() -> None:
    for version in FORM_VERSIONS.values():
        fields = set(version.fields.values())
        unknown = fields - set(SCALAR_FIELDS)
        missing = set(REQUIRED_FIELDS) - fields
        if unknown or missing or sorted(version.needs.values()) != list(SHL11_NEED_CODES):
            raise AssertionError(f"form version {version.key}: unknown {unknown}, missing {missing}")
        if "language" not in fields and version.language is None:
            raise AssertionError(f"form version {version.key}: neither a language column nor a fixed language")


_check_versions()


class UnknownFormVersion(ValueError):
    """The header set matches no known form version. The message names the headers that do not fit."""


def recognise_version(headers: list[str]) -> FormVersion:
    """The form version whose header set equals the file's (after whitespace/case normalisation).

    Raises UnknownFormVersion naming every unknown header (and missing ones) against the closest version."""
    given = [h for h in headers if h != "_row_number"]
    given_norm = {normalise_header(h): h for h in given}
    duplicates = len(given_norm) != len(given)
    best: tuple[int, FormVersion] | None = None
    for version in FORM_VERSIONS.values():
        expected = {normalise_header(h) for h in version.headers()}
        if set(given_norm) == expected and not duplicates:
            return version
        overlap = len(expected & set(given_norm))
        if best is None or overlap > best[0]:
            best = (overlap, version)
    assert best is not None
    closest = best[1]
    expected = {normalise_header(h): h for h in closest.headers()}
    known_anywhere = {normalise_header(h) for v in FORM_VERSIONS.values() for h in v.headers()}
    unknown = [h for n, h in given_norm.items() if n not in expected]
    missing = [h for n, h in expected.items() if n not in given_norm]
    problems = []
    if unknown:
        problems.append("unknown column(s) " + ", ".join(
            repr(h) + ("" if normalise_header(h) in known_anywhere else " (in no form version)") for h in unknown))
    if missing:
        problems.append("missing column(s) " + ", ".join(repr(h) for h in missing))
    if duplicates:
        problems.append("duplicate column headers")
    raise UnknownFormVersion(
        "the header set matches no known social reporting form version (closest: "
        f"{closest.key}): " + "; ".join(problems)
        + ". Add the new form round to sources/professional_observations/social_report_forms.py.")


def column_map(version: FormVersion, headers: list[str]) -> tuple[dict[str, str], dict[int, str]]:
    """The file's actual header text for each canonical field and each SHL §11 need code."""
    by_norm = {normalise_header(h): h for h in headers}
    fields = {f: by_norm[normalise_header(h)] for h, f in version.fields.items()}
    needs = {n: by_norm[normalise_header(h)] for h, n in version.needs.items()}
    return fields, needs
