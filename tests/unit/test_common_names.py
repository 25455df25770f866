"""The redaction's name list is reference data in the repository (the product does not need Faker): it must be
exactly what `python -m demo.name_list` writes from the pinned Faker, and the redaction must use it."""

from __future__ import annotations

import pytest

from sources.professional_observations.redaction import COMMON_NAMES, redact_free_text


def test_committed_name_list_is_what_the_generator_writes(tmp_path):
    pytest.importorskip("faker")
    from demo.name_list import write

    write(tmp_path / "names.csv")
    assert (tmp_path / "names.csv").read_bytes() == COMMON_NAMES.read_bytes()


def test_names_from_both_languages_are_redacted():
    assert redact_free_text("Soitin Virtaselle eilen.") == "Soitin [NIMI] eilen."
    assert redact_free_text("Samtal med Lindqvist om boendet.") == "Samtal med [NIMI] om boendet."
    assert redact_free_text("Asiakas muutti Saloon.") == "Asiakas muutti Saloon."  # a municipality, not a name
