"""dbt docs are rebuilt only when the project changed (sources/docs.py)."""

from __future__ import annotations

import json

from sources.docs import docs_current, manifest_fingerprint, mark_docs


def _manifest(path, generated_at: str, description: str, root: str = "/srv/rsw/dbt_project"):
    path.write_text(json.dumps({
        "metadata": {"generated_at": generated_at, "invocation_id": generated_at},
        "nodes": {"model.rsw.homelessness": {"description": description, "columns": {"value": {}},
                                             "root_path": root}},
    }))
    return path


def test_fingerprint_ignores_run_metadata_and_sees_project_changes(tmp_path):
    a = manifest_fingerprint(_manifest(tmp_path / "a.json", "2026-01-01T00:00:00", "Homelessness"))
    b = manifest_fingerprint(_manifest(tmp_path / "b.json", "2026-02-02T00:00:00", "Homelessness"))
    c = manifest_fingerprint(_manifest(tmp_path / "c.json", "2026-02-02T00:00:00", "Homelessness indicators"))
    moved = manifest_fingerprint(_manifest(tmp_path / "d.json", "2026-01-01T00:00:00", "Homelessness", "/home/x/rsw"))
    assert a == b == moved and a != c  # a clone elsewhere is the same project: no full rebuild for it


def test_docs_current_only_with_the_site_and_the_same_fingerprint(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    assert not docs_current(docs, "abc")
    mark_docs(docs, "abc")
    assert not docs_current(docs, "abc")  # no site yet
    (docs / "index.html").write_text("<html></html>")
    assert docs_current(docs, "abc") and not docs_current(docs, "abd")
