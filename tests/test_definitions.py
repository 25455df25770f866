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
