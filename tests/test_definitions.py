"""The Dagster code location loads, and its shape matches the house plan."""

from __future__ import annotations

import dagster as dg


def test_definitions_load(demo_run):
    from orchestration.definitions import defs

    dg.Definitions.validate_loadable(defs)
    graph = defs.resolve_asset_graph()
    groups = {graph.get(k).group_name for k in graph.get_all_asset_keys() if graph.get(k).is_materializable}
    assert {"client_data", "professional_observations", "statistics", "staging", "intermediate", "marts",
            "published"} <= groups


def test_every_source_has_a_freshness_policy(demo_run):
    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    raw = [k for k in graph.get_all_asset_keys() if k.path[0] == "raw" and graph.get(k).is_materializable]
    assert raw
    missing = [k.to_user_string() for k in raw if graph.get(k).freshness_policy is None]
    assert missing == []


def test_dbt_tests_are_asset_checks(demo_run):
    from orchestration.definitions import defs

    checks = {k.name for k in defs.resolve_asset_graph().asset_check_keys}
    assert any(name.startswith("unique_combination") for name in checks)
    assert "reconciliation" in checks


def test_landing_sensor_requests_one_run_per_delivery(demo_run):
    """The sensor asks for the source's asset and everything downstream; the same files never give a new run key."""
    from orchestration.definitions import config, defs

    sensor = defs.resolve_sensor_def("landing_zone_sensor")
    repo = defs.get_repository_def()

    def evaluate():
        with dg.build_sensor_context(repository_def=repo) as context:
            return {r.tags["rsw/source"]: r for r in sensor.evaluate_tick(context).run_requests}

    first = evaluate()
    assert "complaints" in first
    selection = {k.to_user_string() for k in first["complaints"].asset_selection}
    assert {"raw/complaints", "marts/supervision_signals", "published/rsw_marts"} <= selection
    assert "raw/social_reports" not in selection
    assert evaluate()["complaints"].run_key == first["complaints"].run_key

    new_file = config.landing_dir / "complaints" / "asiat_2026-01-01.csv"
    new_file.write_bytes((config.landing_dir / "complaints").glob("*.csv").__next__().read_bytes()[:200])
    try:
        assert evaluate()["complaints"].run_key != first["complaints"].run_key
    finally:
        new_file.unlink()
