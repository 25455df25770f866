"""Freshness policies matching each source's real cadence, schedules and the landing-zone sensor."""

import dagster as dg

from sources.reference import ledger_source, source_load_windows


def with_source_freshness(spec: dg.AssetSpec) -> dg.AssetSpec:
    """Attach the source's freshness policy to a raw.<source> asset: the load windows of its row in the one
    cadence table, dbt_project/seeds/source_cadence.csv (the source_freshness mart reads the same rows)."""
    warn, fail = source_load_windows(ledger_source(spec.key.path[-1]))
    return dg.apply_freshness_policy(spec, dg.FreshnessPolicy.time_window(fail_window=fail, warn_window=warn))


RAW_ASSETS = dg.AssetSelection.key_prefixes(["raw"]) - dg.AssetSelection.all_asset_checks()

# -- jobs and schedules -----------------------------------------------------------------------------------
CLIENT_DATA = dg.AssetSelection.groups("client_data")
SOTKANET = dg.AssetSelection.keys(["raw", "sotkanet_regions"], ["raw", "sotkanet_indicators"],
                                  ["raw", "sotkanet_indicator_resolution"], ["raw", "sotkanet_data"])
PUBLISH_AND_REPORTS = dg.AssetSelection.groups("published")

# The polling jobs only extract: what they bring in moves the load ledger, and the landing-zone sensor then starts
# one run that rebuilds and republishes what is downstream of the sources that delivered (nothing new → no dbt run).
daily_refresh = dg.define_asset_job(
    "daily_client_data_refresh",
    selection=CLIENT_DATA,
    description="Daily: load what the client-data sources delivered; the landing-zone sensor rebuilds and "
                "republishes downstream of what changed.",
)
weekly_sotkanet = dg.define_asset_job(
    "weekly_sotkanet_poll",
    selection=SOTKANET,
    description="Weekly: Sotkanet catalogue poll; only indicators whose data-updated changed are downloaded, and "
                "only then does the landing-zone sensor rebuild downstream.",
)
half_year_package = dg.define_asset_job(
    "half_year_social_reporting_package",
    selection=dg.AssetSelection.groups("professional_observations").downstream() | PUBLISH_AND_REPORTS,
    description="January and July: the social reporting package for the half-year just completed.",
)
yearly_comparison = dg.define_asset_job(
    "yearly_national_comparison",
    selection=dg.AssetSelection.groups("statistics"),
    description="Yearly, after THL's spring releases: every statistics source; the landing-zone sensor rebuilds "
                "the national comparison from what changed.",
)
DBT_DOCS = dg.AssetSelection.keys(["published", "dbt_docs"])
full_refresh = dg.define_asset_job("full_refresh", selection=dg.AssetSelection.all() - DBT_DOCS,
                                   description="Everything but the dbt docs: extract, dbt build, publish, reports.")
docs_refresh = dg.define_asset_job("dbt_docs_refresh", selection=DBT_DOCS,
                                   description="dbt's documentation site, rebuilt only when the project changed.")

RUNNING = dg.DefaultScheduleStatus.RUNNING  # the daemon runs them from the first start, no clicking in the UI
schedules = [
    dg.ScheduleDefinition(job=daily_refresh, cron_schedule="0 5 * * *", execution_timezone="Europe/Helsinki",
                          default_status=RUNNING),
    dg.ScheduleDefinition(job=weekly_sotkanet, cron_schedule="0 4 * * 1", execution_timezone="Europe/Helsinki",
                          default_status=RUNNING),
    dg.ScheduleDefinition(job=half_year_package, cron_schedule="0 6 2 1,7 *", execution_timezone="Europe/Helsinki",
                          default_status=RUNNING),
    dg.ScheduleDefinition(job=yearly_comparison, cron_schedule="0 6 15 4 *", execution_timezone="Europe/Helsinki",
                          default_status=RUNNING),
    dg.ScheduleDefinition(job=docs_refresh, cron_schedule="30 2 * * *", execution_timezone="Europe/Helsinki",
                          default_status=RUNNING),
]


ACTIVE_RUN_STATUSES = [dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED,
                       dg.DagsterRunStatus.CANCELING]


# -- landing-zone sensor ----------------------------------------------------------------------------------
def landing_zone_sensor(sources, landing_root_of, warehouse_of, manifest_of) -> dg.SensorDefinition:
    """One run for whatever has arrived: the sources with files the load ledger has not dealt with (by content
    hash), and the sources whose ledger moved since the last publish (an API poll of a schedule that downloaded
    something, a run that loaded but did not publish); their loads, and what `orchestration.refresh` rebuilds
    downstream of them, up to a new publish. An unchanged landing zone and ledger start no run.

    The sensor never writes the warehouse and never waits on it: it reads the ledger read-only, only when the
    landing zone holds files it has not yet seen handled or the warehouse (or the published state) changed since
    the last tick, and no run is in progress (a run whose process is gone is marked failed first, see
    orchestration/instance.py), and skips the tick if a writer holds the file. The cursor keeps each file's size,
    modification time and hash (so unchanged files are not re-read), the deliveries known to be handled and the
    warehouse's modification time. The run key is the set of pending deliveries and changed sources, so one
    delivery never starts two runs."""
    import hashlib
    import json

    import duckdb

    from orchestration.instance import recover
    from orchestration.refresh import build_selection, project_built, read_state, state_path
    from sources.landing import fingerprint_landing
    from sources.loads import handled_files, source_states

    names = [s.name for s in sources]

    def stamp(warehouse) -> list[int]:
        return [p.stat().st_mtime_ns if p.exists() else 0 for p in (warehouse, state_path(warehouse))]

    @dg.sensor(name="landing_zone_sensor", minimum_interval_seconds=30, target=dg.AssetSelection.all(),
               default_status=dg.DefaultSensorStatus.RUNNING)
    def _sensor(context: dg.SensorEvaluationContext):
        state = json.loads(context.cursor) if context.cursor else {"files": {}, "handled": []}
        warehouse = warehouse_of()
        files = fingerprint_landing(landing_root_of(), names, state["files"])
        delivered = {(*key.split("/", 1), fp[2]) for key, fp in files.items()}
        handled = {tuple(h) for h in state["handled"]} & delivered
        seen = state.get("warehouse")
        changed: dict[str, str] = {}  # source: ledger digest not yet published
        if delivered - handled or stamp(warehouse) != seen:
            for line in recover(context.instance):  # a run whose process died must not hold new files back
                context.log.warning(line)
            busy = context.instance.get_run_records(
                dg.RunsFilter(statuses=ACTIVE_RUN_STATUSES), limit=1)
            if busy:
                context.update_cursor(json.dumps({"files": files, "handled": sorted(handled), "warehouse": seen}))
                return dg.SkipReason(f"{len(delivered - handled)} new file(s) wait until run "
                                     f"{busy[0].dagster_run.run_id} has finished")
            seen = stamp(warehouse)
            if warehouse.exists():
                try:
                    con = duckdb.connect(str(warehouse), read_only=True)
                except (duckdb.IOException, duckdb.ConnectionException) as exc:
                    return dg.SkipReason(f"the warehouse is busy ({exc}); trying again at the next tick")
                try:
                    states = source_states(con)
                    handled = (handled_files(con) if states else set()) & delivered
                finally:
                    con.close()
                published = read_state(state_path(warehouse))["sources"]
                changed = {s: digest for s, digest in sorted(states.items()) if published.get(s) != digest}
        context.update_cursor(json.dumps({"files": files, "handled": sorted(handled), "warehouse": seen}))
        pending = sorted(delivered - handled)
        if not pending and not changed:
            return dg.SkipReason("no new deliveries: every file in the landing zone is in the load ledger, and "
                                 "every source's deliveries are published")
        pending_sources = sorted({source for source, _, _ in pending})
        graph = context.repository_def.asset_graph
        # as `orchestration.refresh` decides for `make run`: nothing published yet (a new data dir: no seeds, no
        # API tables either) → the whole pipeline; a changed dbt project → everything below the sources
        recorded = read_state(state_path(warehouse))
        if not recorded["sources"]:
            selection = (dg.AssetSelection.all() - DBT_DOCS).resolve(graph)
        else:
            selection = {dg.AssetKey(["raw", s]) for s in pending_sources} | build_selection(
                graph, set(pending_sources) | set(changed),
                project_changed=not project_built(recorded, manifest_of()))
        return dg.RunRequest(
            run_key=hashlib.sha256(repr((pending, sorted(changed.items()))).encode()).hexdigest()[:20],
            asset_selection=sorted(selection),
            tags={"rsw/sources": ",".join(sorted(set(pending_sources) | set(changed))),
                  "rsw/files": str(len(pending))},
        )

    return _sensor
