"""Demo data for the warehouse: synthetic deliveries in the real export formats, recorded API answers, and a
local fixture server that plays them back. Not product code: installed with the `demo` extra, and nothing in
`sources/`, `disclosure/` or `orchestration/` imports it except the demo runners (`orchestration/demo.py`,
`orchestration/dev.py`). Tests and benchmarks use the names below, not the modules' private helpers.

    generate(landing, recordings, scale)       every landing file and every API recording (deterministic)
    write_<source class>_landing(...)          one source class's landing files
    write_knowledge_cycle_landing(landing)     decision register, information needs, analyst synthesis (after
                                               the social reports: it picks the proposals handled from them)
    write_recordings(folder)                   the Sotkanet and StatFin answers the fixture server plays back
    FixtureServer(recordings).start() / .stop() the local Sotkanet / StatFin stand-in (also a context manager)
    fictitious_hetu(born, individual)          a fictitious identity code (DVV's test range 900-999)
    complaint_case(year), feedback_record(year, month), panel_meeting(year)
                                               one well-formed client-data row (all but its id) to start from
    write_csv / write_xlsx                     files as the counties' systems export them
"""

from demo.api_recordings import COUNTIES, MUNICIPALITIES, write_recordings
from demo.ara_homelessness import write_ara_landing
from demo.client_data import complaint_case, feedback_record, panel_meeting, write_client_data_landing
from demo.fixture_server import FixtureServer
from demo.generate import DEMO_TODAY, generate
from demo.hetu import fictitious_hetu, fictitious_hetus, random_fictitious_hetu, spoil_hetu
from demo.knowledge_cycle import write_knowledge_cycle_landing
from demo.missing_observations import (
    write_missing_observations_landing,
    write_patient_ombudsman,
    write_shqs_criteria,
    write_supervision_findings,
)
from demo.plan import default_reference_csv, write_plan_landing
from demo.professional_observations import (
    write_haipro,
    write_ombudsman,
    write_professional_observations_landing,
    write_social_reports,
    write_staff_survey,
    write_supervision_status,
)
from demo.statistics import register_people, write_client_register_events, write_statistics_landing
from demo.writers import write_csv, write_frame_csv, write_frame_xlsx, write_xlsx

__all__ = [
    "COUNTIES", "DEMO_TODAY", "MUNICIPALITIES", "FixtureServer", "complaint_case", "default_reference_csv",
    "feedback_record", "fictitious_hetu",
    "fictitious_hetus", "generate", "panel_meeting", "random_fictitious_hetu", "register_people", "spoil_hetu",
    "write_ara_landing", "write_client_data_landing", "write_client_register_events", "write_csv",
    "write_frame_csv", "write_frame_xlsx", "write_haipro", "write_knowledge_cycle_landing",
    "write_missing_observations_landing", "write_ombudsman", "write_patient_ombudsman", "write_plan_landing",
    "write_shqs_criteria", "write_supervision_findings",
    "write_professional_observations_landing", "write_recordings", "write_social_reports", "write_staff_survey",
    "write_statistics_landing", "write_supervision_status", "write_xlsx",
]
