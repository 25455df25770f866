"""Pseudonyms and redaction of identity codes, against values worked out outside the code; no usage telemetry
leaves the county's network."""

from __future__ import annotations

import pytest
import yaml
from dbt.config.project import read_project_flags

from orchestration.settings import DBT_PROJECT_DIR, PROJECT_ROOT
from sources.privacy import Pseudonymizer, redact
from tests.identity_codes import codes_in, written_forms

# HMAC-SHA-256, key "rsw-test-key", message "311299-934B", computed independently:
#   printf %s 311299-934B | openssl dgst -sha256 -hmac rsw-test-key
EXPECTED = "bc9013dfd3ce6b9aa557dd37f676ba5dfd375102102ff026f23e27494824bf30"


def test_pseudonym_is_the_precomputed_hmac():
    assert Pseudonymizer("rsw-test-key").pseudonym("311299-934B") == EXPECTED


@pytest.mark.parametrize("written", ["311299-934b", " 311299-934B ", "311299 - 934B", "311299 -934b"])
def test_lower_case_and_spaced_codes_give_the_same_pseudonym(written):
    assert Pseudonymizer("rsw-test-key").pseudonym(written) == EXPECTED


@pytest.mark.parametrize("written", written_forms("311299", "934") + written_forms("010190", "923"))
def test_every_written_form_is_redacted(written):
    assert codes_in(written), "the tests' scanner must see the planted code"
    out = redact(f"Asiakkaan tiedot: {written}, soitettu.")
    assert codes_in(out) == [] and "[HETU]" in out


@pytest.mark.parametrize("number", ["1234567890", "2024001234", "asia 311299 934C", "311299934C", "990199-1234"])
def test_ordinary_numbers_are_kept(number):
    """Without a century sign, a wrong check character means an ordinary number: kept as written."""
    if "-" in number:  # with a century sign the shape alone is personal data, mistyped or not
        assert redact(number) == "[HETU]"
    else:
        assert redact(number) == number


def test_the_scanner_takes_no_load_id_for_an_identity_code_but_sees_one_beside_it():
    """A load id is a UUID; its last group can be twelve digits that look like a code written without its sign
    (the pipeline test once failed on '…-3102451557ab'). A code a person wrote next to one is still found."""
    load_id = "5b0c1d2e-aaaa-4bbb-8ccc-3102451557ab"
    assert codes_in(load_id) == []
    assert all(codes_in(f"{load_id} {written}") for written in written_forms("010203", "900"))


def test_neither_dbt_nor_dagster_sends_usage_telemetry():
    """Nothing about the county's runs leaves its network: dbt's anonymous usage events (on by default, posted to
    dbt Labs during every invocation) and Dagster's telemetry are both off, as dbt and Dagster read their settings."""
    assert read_project_flags(str(DBT_PROJECT_DIR), str(DBT_PROJECT_DIR)).send_anonymous_usage_stats is False
    instance = yaml.safe_load((PROJECT_ROOT / "orchestration" / "dagster.yaml").read_text(encoding="utf-8"))
    assert instance["telemetry"]["enabled"] is False
