"""Demo files of the knowledge cycle's own records: the decision register, the information needs log and the
analyst's synthesis, in the layouts of sources/professional_observations/{decision_register,
information_needs_log,analyst_synthesis}.py.

- `decision_register/paatosrekisteri.xlsx`: handlings by the three bodies and one other body, 2024–2025. The
  proposals handled are real submissions of the demo's social reports (read from the files
  demo.professional_observations wrote, so call this after it). The followed indicators are chosen so that the
  demo exercises every evaluation status at scale 1 (on track, no change, worse, too early) and a proposal with
  no decision yet; a handling with no measure; broken rows the loader must quarantine.
- `information_needs_log/tietotarpeet.csv`: cp1252, `;`: needs in every status, broken rows.
- `analyst_synthesis/synteesi_2025H1.xlsx` and `synteesi_2025H2.csv`: findings for 2025's two halves (none for
  2024: the package says no synthesis was given), one broken row.

Deterministic: no randomness; the proposals picked depend only on the social report files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from demo.writers import write_csv, write_xlsx
from sources.professional_observations.analyst_synthesis import HEADERS as SYNTHESIS_HEADERS
from sources.professional_observations.decision_register import HEADERS as REGISTER_HEADERS
from sources.professional_observations.information_needs_log import HEADERS as NEEDS_HEADERS
from sources.professional_observations.social_report_forms import FORM_VERSIONS

SOCIAL_REPORT_FILES = (("sosiaalinen_raportointi_2024.csv", "2024_bilingual", "cp1252"),
                       ("sosiaalinen_raportointi_2025_fi.csv", "2025_fi", "utf-8-sig"))
KEYWORDS = {"homelessness": "asun", "substance_use": "päih", "mental_health": "mielenterv",
            "livelihood": "toimeentul"}


def _proposals(landing_root: Path) -> list[tuple[str, dt.datetime, str]]:
    """(submission id, submitted at, proposal text) of every demo social report with a proposal."""
    out = []
    for name, version_key, encoding in SOCIAL_REPORT_FILES:
        path = landing_root / "social_reports" / name
        if not path.exists():
            continue
        fields = FORM_VERSIONS[version_key].fields
        field_of = {h: f for h, f in fields.items()}
        reader = csv.reader(io.StringIO(path.read_bytes().decode(encoding)), delimiter=";")
        headers = next(reader)
        for row in reader:
            rec = {field_of.get(h): v for h, v in zip(headers, row) if field_of.get(h)}
            try:
                submitted = dt.datetime.strptime(rec["submitted_at"].split(" ")[0], "%d.%m.%Y")
            except (KeyError, ValueError):
                continue
            if rec.get("proposal_text") and rec.get("submission_id"):
                out.append((rec["submission_id"], submitted, rec["proposal_text"].lower()))
    return out


def _pick(proposals, phenomenon: str, before: dt.date, taken: set[str]) -> str | None:
    """The latest proposal about the phenomenon submitted before the meeting, not handled yet."""
    fitting = [p for p in proposals if KEYWORDS[phenomenon] in p[2] and p[1].date() < before and p[0] not in taken]
    if not fitting:
        fitting = [p for p in proposals if p[1].date() < before and p[0] not in taken]
    if not fitting:
        return None
    chosen = max(fitting, key=lambda p: (p[1], p[0]))[0]
    taken.add(chosen)
    return chosen


def _d(day: dt.date | None) -> str | None:
    return f"{day.day}.{day.month}.{day.year}" if day else None


SJ = "Sosiaali- ja vammaispalvelujen johtoryhmä"
SOTE = "Sote-palveluiden johtoryhmä"
LTK = "Sote-palvelulautakunta"

# (id, phenomenon of the proposal or None for a topic, topic, phenomenon label, body, meeting, decision, measure,
#  responsible unit, indicators, review). The indicator values of the demo at scale 1 give the statuses noted.
HANDLINGS = [
    ("K2024-01", None, "Pitkäaikaisasunnottomuuden vähentäminen", "Asunnottomuus", SJ, dt.date(2024, 3, 12),
     "Hyväksytään Asunto ensin -toimintamallin laajentaminen koko hyvinvointialueelle.",
     "Asumisneuvonta kaikkiin sote-keskuksiin", "Aikuissosiaalityö",
     "ara_long_term_homeless_per_1000; ara_single_homeless_per_1000", dt.date(2024, 12, 31)),  # on track
    ("K2024-02", "substance_use", "Päihdepalveluihin pääsy", "Päihteet ja riippuvuudet", SOTE,
     dt.date(2024, 9, 17), "Ehdotus hyväksytään; matalan kynnyksen päihdetyö jalkautetaan sote-keskuksiin.",
     "Matalan kynnyksen päihdetyön jalkautuminen", "Mielenterveys- ja päihdepalvelut",
     "client_feedback_low_rating_share_substance_use, sotkanet_3099", dt.date(2024, 12, 31)),  # on track; no change
    ("K2025-01", "mental_health", "Mielenterveyspalvelujen saatavuus iltaisin", "Mielenterveys", LTK,
     dt.date(2025, 2, 25), "Lautakunta puoltaa iltavastaanoton kokeilua vuodelle 2025.",
     "Matalan kynnyksen mielenterveysvastaanotto iltaisin", "Mielenterveys- ja päihdepalvelut",
     "client_feedback_low_rating_share_mental_health", dt.date(2025, 12, 31)),  # worse
    ("K2025-02", "livelihood", "Toimeentulotuen asiakkaiden ohjaus", "Toimeentulo", SOTE, dt.date(2025, 2, 11),
     "Hyväksytään yhteinen ohjausmalli Kelan kanssa.", "Kela-yhteistyön ohjausmalli", "Aikuissosiaalityö",
     "client_register_assistance_recipients_year_distinct", dt.date(2025, 12, 31)),  # no change
    ("K2025-03", None, "Nuorten mielenterveyspalvelujen saatavuus", "Mielenterveys", LTK, dt.date(2025, 9, 23),
     "Palvelualue valmistelee saatavuuden parantamisen toimenpideohjelman.", "Toimenpideohjelma nuorten palveluihin",
     "Lapsiperheiden palvelut", "sotkanet_3113", dt.date(2026, 9, 30)),  # too early
    ("K2025-04", None, "Toimeentulon ilmiöt puolivuotiskatsauksessa", "Toimeentulo",
     "Aikuissosiaalityön johtoryhmä", dt.date(2025, 10, 7), "Merkitään tiedoksi.", None, None, None, None),  # no measure
    ("K2025-05", "homelessness", "Nuorten asunnottomuuden ehkäisy", "Asunnottomuus", SJ, dt.date(2025, 11, 18),
     None, None, None, None, None),  # no decision yet
]


def register_rows(proposals) -> list[list]:
    taken: set[str] = set()
    rows = []
    for hid, proposal_of, topic, label, body, meeting, decision, measure, unit, indicators, review in HANDLINGS:
        ref = _pick(proposals, proposal_of, meeting, taken) if proposal_of else None
        rows.append([hid, ref, topic, label, body, _d(meeting), decision, measure, unit, indicators, _d(review)])
    # broken on purpose, each for one reason
    other = ["Kotihoidon käyntiajat", "Toimeentulo", SOTE, "3.6.2025", "Merkitään tiedoksi.", None, None]
    rows.append([rows[0][0], None, *other, None, None])                   # the same handling id twice
    rows.append(["K2025-X1", None, *other, None, "1.1.2025"])             # review before the meeting
    rows.append(["K2025-X2", None, other[0], "Asuminen ja hyvinvointi", *other[2:], None, None])  # phenomenon
    rows.append(["K2025-X3", None, *other, "ara long term homeless", None])  # not an indicator code
    rows.append(["K2025-X4", None, None, *other[1:], None, None])        # neither a proposal nor a topic
    rows.append(["K2025-X5", None, *other[:3], "31.2.2025", *other[4:], None, None])  # impossible meeting date
    return rows


NEEDS = [
    ("T2024-01", "Tieto asunnottomuuden uhassa olevista nuorista kunnittain", "Asunnottomuus", SJ,
     dt.date(2024, 3, 12), "täytetty", dt.date(2025, 2, 14), "ARA asunnottomuusselvitys", "ara_homeless_under_25"),
    ("T2024-02", "Sosiaalisen raportoinnin havainnot päihdepalveluista puolivuosittain", "Päihteet", SOTE,
     dt.date(2024, 9, 17), "täytetty", dt.date(2025, 1, 20), "Sosiaalinen raportointi",
     "social_reporting_observations_substance_use"),
    ("T2025-01", "Asiakaspalautteen matalien arvioiden osuus mielenterveyspalveluissa", "Mielenterveys", LTK,
     dt.date(2025, 2, 25), "työn alla", dt.date(2025, 6, 2), None, None),
    ("T2025-02", "Toimeentulotuen hakijoiden jonotusajat", "Toimeentulo", "Aikuissosiaalityön tiimi",
     dt.date(2025, 5, 6), "avoin", None, None, None),
    ("T2025-03", "Kokemusasiantuntijoiden palautteen koonti asiakasraadeista", None, "Osallisuustiimi",
     dt.date(2025, 4, 8), "täytetty", dt.date(2025, 11, 3), "Asiakasraatien kokousmuistiot (client_panels)", None),
    ("T2025-04", "Erillinen kysely työntekijöiden kuormituksesta", None, SJ, dt.date(2025, 3, 11), "hylätty",
     dt.date(2025, 10, 7), None, None),
]
BROKEN_NEEDS = [
    ("T2025-01", "Kaksoiskappale", None, SOTE, dt.date(2025, 3, 1), "avoin", None, None, None),  # duplicate id
    ("T2025-X1", "Tila puuttuu", None, SOTE, dt.date(2025, 3, 1), "aloitettu", None, None, None),  # unknown status
    ("T2025-X2", "Täytetty ilman lähdettä", None, SOTE, dt.date(2025, 3, 1), "täytetty", dt.date(2025, 4, 1),
     None, None),
    ("T2025-X3", "Tilan päivä ennen esittämistä", None, SOTE, dt.date(2025, 3, 1), "työn alla",
     dt.date(2025, 2, 1), None, None),
]

SYNTHESIS = {
    "2025H1": [
        ("2025 H1", "Asunnottomuus",
         "Pitkäaikaisasunnottomuus on vähentynyt kolmena vuonna peräkkäin, mutta sosiaalisissa raporteissa nuorten "
         "vuokrarästit nousevat esiin aiempaa useammin.",
         "Långtidsbostadslösheten har minskat tre år i rad, men de sociala rapporterna lyfter oftare fram unga "
         "vuxnas hyresskulder.",
         "ara_long_term_homeless_per_1000; social_reporting; development_proposals",
         "Vuokrarästeihin puuttuminen ennen häätöprosessia yhteistyössä vuokranantajien kanssa.",
         "Ingripande i hyresskulder före vräkningsprocessen i samarbete med hyresvärdar."),
        ("2025 H1", "Toimeentulo",
         "Toimeentulotuen saajien osuus on ennallaan; palautteessa toistuu päätösten perustelujen epäselvyys.",
         None, "client_register_assistance_recipients_year_distinct; client_feedback",
         "Päätöspohjien selkokielistäminen.", None),
    ],
    "2025H2": [
        ("H2/2025", "Mielenterveys",
         "Mielenterveyspalvelujen asiakaspalautteessa matalien arvioiden osuus kasvoi iltavastaanoton kokeilusta "
         "huolimatta.",
         "Andelen låga betyg i klientresponsen inom mentalvårdstjänsterna ökade trots försöket med kvällsmottagning.",
         "client_feedback_low_rating_share_mental_health; measures_follow_up K2025-01",
         "Iltavastaanoton kokeilu arvioidaan ja asiakasraati kuullaan ennen jatkopäätöstä.",
         "Försöket med kvällsmottagning utvärderas och klientrådet hörs före beslut om fortsättning."),
        ("H2/2025", "Kaikki",
         "Sosiaalisen raportoinnin määrä on kasvanut kaikissa ilmiöissä: raportointi on vakiintumassa.",
         None, "social_reporting; plan_follow_up", None, None),
        ("2025/3", "Päihteet", "Rikkinäinen kausi", None, "social_reporting", None, None),  # not a half-year
    ],
}


def write_knowledge_cycle_landing(landing_root: Path) -> None:
    """Write the three sources' demo files under `landing_root` (after the social reports are written)."""
    landing_root = Path(landing_root)
    register = register_rows(_proposals(landing_root))
    write_xlsx(landing_root / "decision_register" / "paatosrekisteri.xlsx", REGISTER_HEADERS, register,
                sheet="Käsittelyt")
    needs = [[i, text, ph, by, _d(on), status, _d(sd), src, ind]
             for i, text, ph, by, on, status, sd, src, ind in NEEDS + BROKEN_NEEDS]
    write_csv(landing_root / "information_needs_log" / "tietotarpeet.csv", NEEDS_HEADERS, needs, "cp1252")
    write_xlsx(landing_root / "analyst_synthesis" / "synteesi_2025H1.xlsx", SYNTHESIS_HEADERS,
                [list(r) for r in SYNTHESIS["2025H1"]], sheet="Synteesi")
    write_csv(landing_root / "analyst_synthesis" / "synteesi_2025H2.csv", SYNTHESIS_HEADERS,
               [list(r) for r in SYNTHESIS["2025H2"]], "utf-8-sig")
