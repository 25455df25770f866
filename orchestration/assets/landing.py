"""One Dagster asset per file-based source: landing/<source>/ → raw.<source> (+ quarantine.<source>)."""

import datetime as dt

import dagster as dg

from orchestration.resources import LandingZone, PseudonymKey, Warehouse
from sources.landing import FileSource, SourceLoad, load_source
from sources.registry import file_sources

WAREHOUSE_POOL = "duckdb_warehouse"


def load_metadata(result: SourceLoad) -> dict[str, dg.MetadataValue]:
    loaded = result.loaded
    starts = [f.period_start for f in loaded if f.period_start]
    ends = [f.period_end for f in loaded if f.period_end]
    return {
        "files_loaded": dg.MetadataValue.int(len(loaded)),
        "files_unchanged": dg.MetadataValue.int(sum(f.status == "skipped" for f in result.files)),
        "files_duplicate": dg.MetadataValue.int(sum(f.status == "duplicate" for f in result.files)),
        "files_rejected": dg.MetadataValue.int(len(result.failed)),
        "rejected": dg.MetadataValue.json({e.path.name: e.problem for e in result.failed}),
        "rows_in": dg.MetadataValue.int(result.total("rows_in")),
        "rows_accepted": dg.MetadataValue.int(result.total("rows_accepted")),
        "rows_quarantined": dg.MetadataValue.int(result.total("rows_quarantined")),
        "quarantine_reasons": dg.MetadataValue.json(result.reasons),
        "data_period": dg.MetadataValue.text(f"{min(starts)} .. {max(ends)}" if starts else "no new data"),
        "files": dg.MetadataValue.md(
            "\n".join(
                ["| file | status | in | accepted | quarantined |", "|---|---|---|---|---|"]
                + [f"| {f.file_name} | {f.status} | {f.rows_in} | {f.rows_accepted} | {f.rows_quarantined} |"
                   for f in result.files]
                + [f"| {e.path.name} | **rejected**: {e.problem} | | | |" for e in result.failed]
            )
        ),
    }


def file_source_asset(source: FileSource) -> dg.AssetsDefinition:
    @dg.asset(
        key=["raw", source.name],
        group_name=source.source_class,
        description=source.description,
        kinds={"duckdb", "python"},
        pool=WAREHOUSE_POOL,
    )
    def _load(context: dg.AssetExecutionContext, warehouse: Warehouse, landing: LandingZone,
              pseudonym_key: PseudonymKey) -> dg.MaterializeResult:
        pseudonymizer = pseudonym_key.pseudonymizer() if source.needs_pseudonymizer else None
        with warehouse.connect() as con:
            result = load_source(con, source, landing.path, pseudonymizer, dt.date.today())
        metadata = load_metadata(result)
        for rejected in result.failed:  # recorded in the ledger; the rejected_files check warns about it
            context.log.warning(f"{source.name}: rejected {rejected}")
        context.log.info(f"{source.name}: {metadata['rows_accepted'].value} rows accepted, "
                         f"{metadata['rows_quarantined'].value} quarantined")
        return dg.MaterializeResult(metadata=metadata)

    return _load


def file_source_assets(source_class: str) -> list[dg.AssetsDefinition]:
    return [file_source_asset(s) for s in file_sources(source_class)]
