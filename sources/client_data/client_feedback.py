"""Client feedback (asiakaspalaute) exported from the county's feedback system, one file per month.

Export: `;`-separated cp1252 text (the system's "Excel-yhteensopiva" CSV), sometimes an xlsx workbook; Finnish
headers, `d.m.yyyy hh:mm` timestamps. A feedback item carries a 1–5 rating, a 0–10 recommendation score, or
both (older forms have only one), and optional free text in Finnish or Swedish. The free text is redacted
(identity codes, phone numbers, e-mail addresses) before it is stored, in raw and in quarantine alike.
Feedback is anonymous: there is no identity column.
"""

from __future__ import annotations

import datetime as dt

from sources.cleaning import Cleaner
from sources.contracts.client_data import CLIENT_FEEDBACK, FEEDBACK_CHANNELS, FEEDBACK_TOPICS, LANGUAGES
from sources.landing import PrepareContext, file_source

HEADERS = [
    "Palautteen tunnus",
    "Saapunut",
    "Palvelualue",
    "Yksikkö",
    "Kunta",
    "Kanava",
    "Aihe",
    "Arvosana (1-5)",
    "Suosittelu (0-10)",
    "Palaute",
    "Kieli",
]

CHANNEL_SPELLINGS = {
    "paperi": "paperilomake",
    "tekstiviesti (sms)": "tekstiviesti",
    "sms": "tekstiviesti",
    "palautepääte": "palautepaate",
    "sähköposti": "sahkoposti",
    "webropol": "verkkolomake",
    "verkko": "verkkolomake",
}
TOPIC_SPELLINGS = {
    "palvelun saatavuus": "saatavuus",
    "toimeentulotuki": "toimeentulo",
    "päihteet": "paihteet",
    "päihdepalvelut": "paihteet",
    "mielenterveyspalvelut": "mielenterveys",
    "asuminen ja asunnottomuus": "asuminen",
    "kiitos ja kehu": "kiitos",
}
LANGUAGE_SPELLINGS = {
    "suomi": "fi",
    "ruotsi": "sv",
    "svenska": "sv",
    "finska": "fi",
    "fin": "fi",
    "swe": "sv",
}


def prepare(raw, ctx: PrepareContext) -> Cleaner:
    c = Cleaner(raw)
    c.text("Palautteen tunnus", "feedback_id", required=True)
    c.timestamp("Saapunut", "received_at", not_after=dt.datetime.combine(ctx.today, dt.time.max))
    c.service_area("Palvelualue")
    c.text("Yksikkö", "unit_name")
    c.municipality("Kunta", required=False)
    c.choice("Kanava", FEEDBACK_CHANNELS, "channel", mapping=CHANNEL_SPELLINGS, what="channel")
    c.choice("Aihe", FEEDBACK_TOPICS, "topic", mapping=TOPIC_SPELLINGS, required=False, what="topic")
    c.number("Arvosana (1-5)", "rating_1_5", integer=True, minimum=1, maximum=5)
    c.number("Suosittelu (0-10)", "score_0_10", integer=True, minimum=0, maximum=10)
    text = c.free_text("Palaute", "feedback_text")
    empty = c.raw["Arvosana (1-5)"].isna() & c.raw["Suosittelu (0-10)"].isna() & text.isna()
    c.reject(empty.fillna(False), "Palaute: no rating, score or text: nothing to record")
    c.choice("Kieli", LANGUAGES, "language", mapping=LANGUAGE_SPELLINGS, required=False, what="language")
    return c


SOURCE = file_source(
    __name__, "Client feedback from the feedback system: channel, 1–5 rating and/or 0–10 score, redacted text",
    headers=HEADERS, prepare=prepare, schema=CLIENT_FEEDBACK, period_column="received_at",
)
