"""A refresh that costs what changed: the decision comes from the load ledger.

`make run` on a warehouse that has published before (and the bench's no-change and one-new-file runs) does:

1. **extract**: the file sources with deliveries the load ledger has not dealt with (by content hash, the
   landing-zone sensor's test) and the API sources (only a poll tells whether they changed; they download only
   what changed);
2. **build**: the sources whose ledger digest (`sources.loads.source_states`) moved since the last successful
   publish, and everything downstream of them (and of the ledger's own models): the dbt models and tests, the
   publish, the reports. Nothing moved
   → no dbt and no republish. A changed dbt project (manifest fingerprint) or no earlier publish → everything.

After a snapshot is published (and audited) the publish step records, in `<warehouse dir>/published_state.json`,
the ledger digest of every source whose whole downstream that run rebuilt (`record_published`): a run that
built only complaints' models does not mark the other sources as published.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
import duckdb

from sources.docs import manifest_fingerprint
from sources.landing import fingerprint_landing
from sources.loads import read_handled_files, source_states

STATE_FILE = "published_state.json"
LEDGER = dg.AssetKey(["raw", "_loads"])  # the dbt source of stg_ledger__loads: moves with every delivery
DOCS = dg.AssetKey(["published", "dbt_docs"])  # off the refresh path (its own job)


def state_path(warehouse_path: Path) -> Path:
    return Path(warehouse_path).with_name(STATE_FILE)


def read_state(path: Path) -> dict:
    """{"project": manifest fingerprint of the last full build, "sources": {source: ledger digest}}."""
    if not path.exists():
        return {"project": None, "sources": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def write_state(path: Path, project: str | None, sources: dict[str, str]) -> None:
    """Merge into the recorded state (atomically: a crash leaves the old file or the new one)."""
    state = read_state(path)
    state = {"project": project or state["project"], "sources": dict(sorted({**state["sources"], **sources}.items()))}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def project_built(state: dict, manifest_path: Path) -> bool:
    """Whether this dbt project (manifest fingerprint) is the one the recorded `state` (`read_state`) last built in
    full and published. If not, a refresh rebuilds everything; if so, its dbt unit tests passed then: they test the
    project's SQL, not the data, so a later build of the same project skips them."""
    return state["project"] == manifest_fingerprint(manifest_path)


def _rebuilt(graph, keys: set[dg.AssetKey]) -> set[dg.AssetKey]:
    """What a refresh rebuilds downstream of `keys`: not the raw assets (extracted before), not the docs."""
    down = dg.AssetSelection.keys(*keys).downstream().resolve(graph) if keys else set()
    return {k for k in down if k.path[0] != "raw" and k != DOCS and graph.get(k).is_materializable}


def everything(graph) -> set[dg.AssetKey]:
    return {k for k in graph.get_all_asset_keys()
            if k.path[0] != "raw" and k != DOCS and graph.get(k).is_materializable}


def source_assets(graph, source: str) -> set[dg.AssetKey] | None:
    """The raw assets a ledger source's step writes, or None if unknown: `raw.<source>` for the file sources, the
    step named after the source for the APIs (the ledger's `sotkanet` is the `sotkanet` step's four assets)."""
    key = dg.AssetKey(["raw", source])
    if graph.has(key) and graph.get(key).is_materializable:
        return set(graph.get(key).assets_def.keys)
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        if key.path[0] == "raw" and node.is_materializable and node.assets_def.node_def.name == source:
            return set(node.assets_def.keys)
    return None


def build_selection(graph, changed: set[str], project_changed: bool) -> set[dg.AssetKey]:
    """The assets to rebuild when `changed` sources delivered since the last publish."""
    if project_changed:
        return everything(graph)
    keys: set[dg.AssetKey] = set()
    for source in changed:
        assets = source_assets(graph, source)
        if assets is None:  # a ledger source no asset writes: rebuild everything rather than guess
            return everything(graph)
        keys |= assets
    if not keys:
        return set()
    # The ledger moved too. A model below both the ledger and another source reads that source's own ledger rows
    # (`where source = '...'`, the convention of every such model), so only what is below the ledger and no
    # unchanged source is rebuilt for it: stg_ledger__loads, source_freshness and what follows them.
    unchanged = {k for k in graph.get_all_asset_keys()
                 if k.path[0] == "raw" and graph.get(k).is_materializable} - keys
    return _rebuilt(graph, keys) | (_rebuilt(graph, {LEDGER}) - _rebuilt(graph, unchanged))


def record_published(graph, built: set[dg.AssetKey], warehouse_path: Path, manifest_path: Path) -> dict[str, str]:
    """After a successful publish: record the ledger digest of each source whose whole downstream was in
    `built` (this run's assets), and the project fingerprint if everything was. Returns what was recorded."""
    con = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        states = source_states(con)
    finally:
        con.close()
    done = {}
    for source, digest in states.items():
        if source_assets(graph, source) is not None and build_selection(graph, {source}, False) <= built:
            done[source] = digest
    project = manifest_fingerprint(manifest_path) if everything(graph) <= built else None
    write_state(state_path(warehouse_path), project, done)
    return done


def pending_file_sources(landing_root: Path, names: list[str], warehouse_path: Path) -> set[str]:
    """File sources with a delivery (file name + content hash) the ledger has not dealt with."""
    handled = read_handled_files(warehouse_path)
    pending = set()
    for key, fp in fingerprint_landing(landing_root, names).items():
        source, name = key.split("/", 1)
        if (source, name, fp[2]) not in handled:
            pending.add(source)
    return pending


@dataclass
class RefreshResult:
    """The runs of one refresh, read like one run's result by `orchestration.demo.summarise`."""

    runs: list = field(default_factory=list)
    extracted: list[dg.AssetKey] = field(default_factory=list)
    built: list[dg.AssetKey] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    full: bool = False  # everything rebuilt: no earlier publish, or the dbt project changed

    @property
    def success(self) -> bool:
        return all(r.success for r in self.runs)

    @property
    def all_events(self) -> list:
        return [e for r in self.runs for e in r.all_events]


def refresh(defs: dg.Definitions, instance: dg.DagsterInstance, settings, manifest_path: Path,
            run_config: dict | None = None) -> RefreshResult:
    """Extract what may have changed, then rebuild and republish only what is downstream of the sources whose
    ledger moved since the last publish (everything on the first run or when the dbt project changed)."""
    from sources.registry import all_file_sources

    graph = defs.resolve_asset_graph()
    job = defs.resolve_job_def("full_refresh")
    state = read_state(state_path(settings.warehouse_path))
    project_changed = not project_built(state, manifest_path)
    result = RefreshResult(full=project_changed)
    if not settings.warehouse_path.exists() or not state["sources"]:
        result.runs.append(job.execute_in_process(instance=instance, raise_on_error=False, run_config=run_config))
        result.built = sorted(everything(graph))
        return result

    file_sources = [s.name for s in all_file_sources()]
    pending = pending_file_sources(settings.landing_dir, file_sources, settings.warehouse_path)
    raw = {k for k in graph.get_all_asset_keys() if k.path[0] == "raw" and graph.get(k).is_materializable}
    result.extracted = sorted(k for k in raw if k.path[1] not in file_sources or k.path[1] in pending)
    if result.extracted:
        result.runs.append(job.execute_in_process(instance=instance, raise_on_error=False, run_config=run_config,
                                                  asset_selection=result.extracted))
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        states = source_states(con)
    finally:
        con.close()
    result.changed = sorted(s for s, digest in states.items() if state["sources"].get(s) != digest)
    result.built = sorted(build_selection(graph, set(result.changed), project_changed))
    if result.built:
        result.runs.append(job.execute_in_process(instance=instance, raise_on_error=False, run_config=run_config,
                                                  asset_selection=result.built))
    return result


def describe(result: RefreshResult) -> str:
    """One line for `make run`: what was extracted, which sources changed, what was rebuilt."""
    if result.full:
        return f"Full refresh: {len(result.built)} assets built (no earlier publish, or the dbt project changed)"
    if not result.built:
        return (f"Nothing new since the last publish ({len(result.extracted)} extract assets polled): "
                "no dbt build, no republish")
    dbt = [k for k in result.built if k.path[0] not in ("published",)]
    return (f"Sources with new deliveries since the last publish: {', '.join(result.changed)}; rebuilt "
            f"{len(dbt)} warehouse assets downstream of them, then republished")
