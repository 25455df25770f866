"""The `row_rules` test (dbt_project/macros/generic_tests.sql) checks a model's not-null, accepted-value and
expression rules in one query. Here its compiled SQL for a real model runs against rows that break each kind of
rule: every broken rule is named with its row count, and the rows that break nothing (a null where nulls are
allowed, a null expression) are not counted."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.integration


def compiled_row_rules(model: str, tmp_path: Path) -> str:
    from orchestration.assets.dbt import dbt_cli, dbt_project

    target = tmp_path / "target"
    dbt_cli(dbt_project()).cli(["compile", "--select", f"{model},test_name:row_rules"], target_path=target).wait()
    compiled = list((target / "compiled").rglob("row_rules_*.sql"))
    assert len(compiled) == 1, compiled
    return compiled[0].read_text()


def test_row_rules_names_each_broken_rule_and_counts_its_rows(tmp_path, monkeypatch):
    monkeypatch.setenv("RSW_DATA_DIR", str(tmp_path))
    from orchestration.settings import load

    warehouse = load().warehouse_path
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(warehouse))
    con.execute("create schema intermediate")
    con.execute("""
        create table intermediate.int_complaints__enriched (
            case_id varchar, phenomenon_group varchar, period_label varchar, municipality_name_fi varchar,
            service_area_name_fi varchar, handled_as varchar, case_type varchar, handling_days integer,
            open_days integer, is_decided boolean, is_overdue boolean, is_event_over_2y boolean)""")
    good = ("'KA-1'", "'none'", "'2025H1'", "'Turku'", "'Aikuiset'", "'muistutus'", "'muistutus'", "10", "null",
            "true", "false", "false")
    rows = [
        good,
        ("null",) + good[1:],                                    # not_null: case_id
        ("null",) + good[1:],
        good[:5] + ("'valitus'",) + good[6:],                    # accepted_values: handled_as
        good[:5] + ("null",) + good[6:],                         # a null handled_as is not a value outside the list
        good[:7] + ("-3",) + good[8:],                           # expression: handling_days >= 0
        good[:5] + ("'kantelu'",) + good[6:10] + ("true",) + good[11:],  # expression: only muistutus is overdue
        good[:7] + ("null", "null") + good[9:],                  # the decided case has no handling days
        good[:9] + ("null",) + good[10:],                        # a null expression passes, as in SQL's where
    ]
    con.execute("insert into intermediate.int_complaints__enriched values "
                + ", ".join("(" + ", ".join(r) + ")" for r in rows))
    con.close()
    sql = compiled_row_rules("int_complaints__enriched", tmp_path)  # dbt opens the warehouse: it must exist
    with duckdb.connect(str(warehouse)) as con:
        found = dict(con.execute(sql).fetchall())
    assert found == {
        "not_null: case_id": 2,
        "accepted_values: handled_as": 1,
        "expression: handling_days is null or handling_days >= 0": 1,
        'expression: handled_as = "muistutus" or not is_overdue': 1,
        "expression: (is_decided and handling_days is not null and open_days is null) or (not is_decided and "
        "handling_days is null and open_days is not null)": 1,
    }
