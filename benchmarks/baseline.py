"""The bare-DuckDB baseline: what the warehouse does, written as one plain script with nothing but DuckDB.

No orchestration, no dbt, no validation framework, no chunked pandas: the best this hardware does for the same
work, so that the pipeline's cost can be stated as a ratio.

1. Ingest: every landing file of every file source (the same CSV and xlsx files the pipeline reads), all text.
   CSV through DuckDB's reader (UTF-8; cp1252 files are transcoded to UTF-8 first, as DuckDB has no cp1252
   decoder without an extension); xlsx through openpyxl. The recorded StatFin population and Sotkanet data are
   read from the same JSON recordings the fixture server plays back.
2. Pseudonymise: the distinct identity codes of every source, checked (shape, date, check character) in SQL and
   replaced by HMAC-SHA-256 pseudonyms (a vectorised Python UDF over the distinct codes only, the same key as
   the demo pipeline), joined back; the typed, pseudonymised rows are stored (the code is not).
3. Aggregate: per source, counts (and distinct clients for the register sources) by month × municipality ×
   group; for the service events also the county level and substance-service events per 1,000 residents a year;
   register clients per 1,000 residents by year × municipality × client group.
4. Publish: the aggregates into their own DuckDB file and Parquet files.

    python -m benchmarks.baseline --landing DIR --recordings DIR --out DIR
"""

from __future__ import annotations

import argparse
import codecs
import hashlib
import hmac
import json
import shutil
import tempfile
import time
from pathlib import Path

import duckdb
import pyarrow as pa

from sources.privacy import DEMO_PSEUDONYM_KEY

SEEDS = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"

# source: (identity-code column, date column, municipality column, group column); None = the source has none
SOURCES: dict[str, tuple[str | None, str | None, str | None, str | None]] = {
    "client_register_events": ("asiakkaan_hetu", "tapahtumapvm", "kunta", "palvelutehtava"),
    "client_register_clients": ("asiakkaan_hetu", "asiakkuus_alkoi", "kotikunta", "palvelutehtava"),
    "client_register_assistance": ("hakijan_hetu", "paatospvm", "kotikunta", "tukilaji"),
    "client_register_housing": ("asiakkaan_hetu", "kirjauspvm", "kotikunta", "asumistilanne"),
    "instruments": ("asiakkaan_hetu", "arviointipvm", "kunta", "palvelutehtava"),
    "complaints": ("asiakkaan_hetu", "saapumispvm", "kunta", "palvelualue"),
    "client_feedback": (None, "Saapunut", "Kunta", "Palvelualue"),
    "haipro": (None, "Ilmoituspäivä", "Kunta", "Palvelualue"),
    "client_panels": (None, "Päivämäärä", "Kunta", "Palvelualue"),
    "supervision_status": (None, "Tilannepäivä", "Kunta", "Palvelualue"),
    "ombudsman": (None, "Vuosi", "Kunta", "Palvelualue"),
    "kouluterveyskysely": (None, "Vuosi", "Alue", "Indikaattori"),
    "staff_survey": (None, "Vuosi", None, "Palvelutehtävä"),
    "social_reports": (None, None, None, None),
    "plan_actions": (None, None, None, None),
}
CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# -- 1. ingest --------------------------------------------------------------------------------------------------
def _utf8_path(path: Path, scratch: Path) -> tuple[Path, bool]:
    """The file itself when it is UTF-8 (BOM or not), else a UTF-8 copy of its cp1252 text."""
    with path.open("rb") as fh:
        head = fh.read(3)
    if head == b"\xef\xbb\xbf":
        return path, False
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 22), b""):
                decoder.decode(block)
        return path, False
    except UnicodeDecodeError:
        out = scratch / (path.stem + ".utf8.csv")
        with path.open("r", encoding="cp1252", newline="") as src, out.open("w", encoding="utf-8", newline="") as dst:
            shutil.copyfileobj(src, dst, 1 << 22)
        return out, True


def _xlsx_rows(path: Path) -> tuple[list[str], list[list[str | None]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows)]
        body = [[None if v is None else str(v) for v in r[:len(header)]] for r in rows
                if any(v is not None for v in r)]
        return header, body
    finally:
        book.close()


def ingest(con: duckdb.DuckDBPyConnection, landing: Path, scratch: Path) -> dict[str, int]:
    """landing/<source>/* → text table land.<source> (all columns varchar, union by name)."""
    con.execute("create schema if not exists land")
    rows: dict[str, int] = {}
    for source in SOURCES:
        folder = landing / source
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".csv", ".txt", ".xlsx")) \
            if folder.exists() else []
        if not files:
            continue
        csv_paths, parts, registered = [], [], []
        for path in files:
            if path.suffix.lower() == ".xlsx":
                header, body = _xlsx_rows(path)
                table = pa.table({h: pa.array([r[i] if i < len(r) else None for r in body], pa.string())
                                  for i, h in enumerate(header) if h})
                name = f"_xlsx_{len(registered)}"
                con.register(name, table)
                registered.append(name)
                parts.append(f"select * from {name}")
            else:
                csv_paths.append(str(_utf8_path(path, scratch)[0]))
        if csv_paths:
            files_sql = "[" + ", ".join(_lit(p) for p in csv_paths) + "]"
            parts.insert(0, f"select * from read_csv({files_sql}, all_varchar = true, header = true, "
                            f"union_by_name = true, strict_mode = false)")
        con.execute(f"create or replace table land.{source} as " + " union all by name ".join(parts))
        for name in registered:
            con.unregister(name)
        rows[source] = con.execute(f"select count(*) from land.{source}").fetchall()[0][0]
    return rows


def ingest_api(con: duckdb.DuckDBPyConnection, recordings: Path) -> None:
    """StatFin population (json-stat2 cube) and Sotkanet data rows from the recordings."""
    cube = json.loads((recordings / "statfin" / "11re_data.json").read_text(encoding="utf-8"))
    dims = cube["id"]
    sizes = cube["size"]
    index = {d: list(cube["dimension"][d]["category"]["index"]) for d in dims}
    values = cube["value"]
    # total population by region and year (age total 'SSS', gender total 'SSS')
    a, y = dims.index("Alue"), dims.index("Vuosi")
    fixed = {dims.index("Ikä"): index["Ikä"].index("SSS"), dims.index("Sukupuoli"): index["Sukupuoli"].index("SSS")}
    regions, years, population = [], [], []
    for ri, region in enumerate(index["Alue"]):
        for yi, year in enumerate(index["Vuosi"]):
            pos = [0] * len(dims)
            pos[a], pos[y] = ri, yi
            for d, i in fixed.items():
                pos[d] = i
            flat = 0
            for d, size in enumerate(sizes):
                flat = flat * size + pos[d]
            regions.append(region[2:] if region[:2] in ("HV", "KU") else region)
            years.append(int(year))
            population.append(values[flat])
    con.register("_pop", pa.table({"region_code": regions, "year": years, "population": population}))
    con.execute("create or replace table land.population as select * from _pop")
    con.unregister("_pop")
    data_files = [str(p) for p in sorted((recordings / "sotkanet" / "data").glob("*.json"))]
    if data_files:
        con.execute("create or replace table land.sotkanet_data as select * from read_json(["
                    + ", ".join(_lit(p) for p in data_files) + "], format = 'array')")


# -- 2. pseudonymise --------------------------------------------------------------------------------------------
def _hmac_udf(key: bytes):
    def pseudonym(codes: pa.Array) -> pa.Array:
        return pa.array([None if c is None else hmac.digest(key, c.encode("ascii"), hashlib.sha256).hex()
                         for c in codes.to_pylist()], pa.string())
    return pseudonym


def pseudonymise(con: duckdb.DuckDBPyConnection, key: str) -> int:
    """Distinct codes → validity (SQL) and HMAC-SHA-256 pseudonym (UDF over the distinct codes)."""
    con.create_function("hmac_pseudonym", _hmac_udf(key.encode("utf-8")), ["VARCHAR"], "VARCHAR", type="arrow")
    parts = [f"select distinct upper(trim({_q(col)})) as code from land.{source}"
             for source, (col, *_rest) in SOURCES.items() if col and _has_table(con, "land", source)]
    con.execute("create or replace table land.codes as select distinct code from (" + " union all ".join(parts)
                + ") where code is not null")
    con.execute(f"""
        create or replace table land.pseudonyms as
        with shaped as (
            select code,
                   cast(substr(code, 1, 2) as integer) as d, cast(substr(code, 3, 2) as integer) as m,
                   case when substr(code, 7, 1) = '+' then 1800
                        when substr(code, 7, 1) in ('A', 'B', 'C', 'D', 'E', 'F') then 2000 else 1900 end
                       + cast(substr(code, 5, 2) as integer) as y,
                   cast(substr(code, 8, 3) as integer) as n
            from land.codes
            where regexp_full_match(code, '[0-3][0-9][01][0-9][0-9][0-9][-+ABCDEFYXWVU][0-9]{{3}}[0-9A-Y]')
        )
        select code, hmac_pseudonym(code) as pseudonym
        from shaped
        where n >= 2 and try_cast(make_date(y, m, d) as date) is not null and m between 1 and 12
          and substr({_lit(CHECK_CHARS)},
                     cast(cast(substr(code, 1, 6) || substr(code, 8, 3) as bigint) % 31 as integer) + 1, 1)
              = substr(code, 11, 1)
    """)
    return con.execute("select count(*) from land.pseudonyms").fetchall()[0][0]


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(con.execute("select count(*) from duckdb_tables() where schema_name = ? and table_name = ?",
                            [schema, table]).fetchall()[0][0])


# -- 3. type, clean and aggregate -------------------------------------------------------------------------------
def _date_sql(column: str) -> str:
    c = f"trim(r.{_q(column)})"
    return (f"coalesce(try_strptime({c}, '%d.%m.%Y'), try_strptime({c}, '%d.%m.%Y %H:%M'), "
            f"try_strptime({c}, '%d.%m.%Y %H.%M'), try_strptime({c}, '%Y-%m-%d'), "
            f"try_strptime({c}, '%Y-%m-%d %H:%M:%S'), "
            f"case when regexp_full_match({c}, '[0-9]{{4}}') then make_timestamp(cast({c} as integer), 1, 1, 0, 0, 0) end)")


def transform(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists clean")
    con.execute("create schema if not exists agg")
    con.execute(f"""
        create or replace table clean.municipality_keys as
        select lower(key) as key, municipality_code, wellbeing_county_code from (
            select municipality_code as key, municipality_code, wellbeing_county_code from read_csv({_lit(str(SEEDS / 'municipalities.csv'))}, all_varchar = true)
            union all select municipality_name_fi, municipality_code, wellbeing_county_code from read_csv({_lit(str(SEEDS / 'municipalities.csv'))}, all_varchar = true)
            union all select municipality_name_sv, municipality_code, wellbeing_county_code from read_csv({_lit(str(SEEDS / 'municipalities.csv'))}, all_varchar = true)
        )
    """)
    con.execute(f"""
        create or replace table clean.group_keys as
        select distinct lower(trim(t.alias)) as key, g.client_group_code
        from read_csv({_lit(str(SEEDS / 'client_groups.csv'))}, all_varchar = true) g,
             unnest(list_concat([g.client_group_code, g.client_group_name_fi, g.client_group_name_sv,
                                 g.client_group_name_en], string_split(coalesce(g.aliases, ''), '|'))) as t(alias)
        where t.alias <> ''
    """)
    for source, (identity, date_col, muni_col, group_col) in SOURCES.items():
        if not _has_table(con, "land", source):
            continue
        columns = [r[0] for r in con.execute(
            "select column_name from duckdb_columns() where schema_name = 'land' and table_name = ?",
            [source]).fetchall()]
        date_col = date_col if date_col in columns else None
        muni_col = muni_col if muni_col in columns else None
        group_col = group_col if group_col in columns else None
        keep = [f"r.{_q(c)}" for c in columns if c != identity]
        select = ", ".join(keep)
        joins = ""
        extra = []
        if identity:
            # register rows need a valid code (an invalid one is rejected); a complaint may concern no client
            join = "left" if source == "complaints" else "inner"
            joins += f" {join} join land.pseudonyms p on p.code = upper(trim(r.{_q(identity)}))"
            extra.append("p.pseudonym as client_pseudonym")
        if date_col:
            extra.append(f"cast({_date_sql(date_col)} as date) as _date")
        if muni_col:
            joins += f" left join clean.municipality_keys mk on mk.key = lower(trim(r.{_q(muni_col)}))"
            extra += ["mk.municipality_code as _municipality", "mk.wellbeing_county_code as _county"]
        if group_col:
            joins += f" left join clean.group_keys gk on gk.key = lower(trim(r.{_q(group_col)}))"
            extra.append(f"coalesce(gk.client_group_code, lower(trim(r.{_q(group_col)}))) as _group")
        con.execute(f"create or replace table clean.{source} as select {select}{', ' if extra else ''}"
                    f"{', '.join(extra)} from land.{source} r{joins}")
        if date_col:
            by = ["date_trunc('month', _date) as month"]
            if muni_col:
                by.append("_municipality")
            if group_col:
                by.append("_group")
            distinct = ", count(distinct client_pseudonym) as clients" if identity else ""
            group_sql = ", ".join(str(i + 1) for i in range(len(by)))
            con.execute(f"create or replace table agg.{source}_monthly as select {', '.join(by)}, count(*) as n"
                        f"{distinct} from clean.{source} where _date is not null group by {group_sql}")
        else:
            con.execute(f"create or replace table agg.{source}_count as select count(*) as n from clean.{source}")
        if source == "client_register_events":
            con.execute("""
                create or replace table agg.client_register_events_county_monthly as
                select date_trunc('month', _date) as month, _county, _group, count(*) as events,
                       count(distinct client_pseudonym) as clients
                from clean.client_register_events where _date is not null and _county is not null
                group by all
            """)
            con.execute("""
                create or replace table agg.substance_events_per_1000 as
                with y as (
                    select year(month) as year, _municipality as region_code, sum(n) as events
                    from agg.client_register_events_monthly where _group = 'paihde_riippuvuus' group by all
                    union all
                    select year(month), _county, sum(events) from agg.client_register_events_county_monthly
                    where _group = 'paihde_riippuvuus' group by all
                )
                select y.*, p.population, 1000.0 * y.events / p.population as per_1000
                from y asof join land.population p on p.region_code = y.region_code and p.year <= y.year
            """)
        if source == "client_register_clients":
            con.execute("""
                create or replace table agg.register_clients_per_1000 as
                with c as (
                    select year(_date) as year, _municipality as region_code, _group,
                           count(distinct client_pseudonym) as clients
                    from clean.client_register_clients where _date is not null group by all
                )
                select c.*, p.population, 1000.0 * c.clients / p.population as per_1000
                from c asof join land.population p on p.region_code = c.region_code and p.year <= c.year
            """)
    if _has_table(con, "land", "sotkanet_data"):
        con.execute("""
            create or replace table agg.sotkanet_latest as
            select indicator, region, gender, arg_max(value, year) as value, max(year) as year
            from land.sotkanet_data group by all
        """)


# -- 4. publish -------------------------------------------------------------------------------------------------
def publish(con: duckdb.DuckDBPyConnection, out: Path) -> int:
    tables = [r[0] for r in con.execute(
        "select table_name from duckdb_tables() where schema_name = 'agg' order by 1").fetchall()]
    parquet = out / "parquet"
    parquet.mkdir(parents=True, exist_ok=True)
    marts = out / "baseline_marts.duckdb"
    marts.unlink(missing_ok=True)
    con.execute(f"attach {_lit(str(marts))} as marts")
    for t in tables:
        con.execute(f"create table marts.{t} as select * from agg.{t}")
        con.execute(f"copy agg.{t} to {_lit(str(parquet / (t + '.parquet')))} (format parquet)")
    con.execute("detach marts")
    return len(tables)


def run(landing: Path, recordings: Path, out: Path, key: str = DEMO_PSEUDONYM_KEY) -> dict[str, float]:
    out.mkdir(parents=True, exist_ok=True)
    db = out / "baseline.duckdb"
    db.unlink(missing_ok=True)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    con = duckdb.connect(str(db))
    scratch = Path(tempfile.mkdtemp(prefix="rsw-baseline-"))
    try:
        t = time.perf_counter()
        rows = ingest(con, landing, scratch)
        ingest_api(con, recordings)
        timings["ingest"] = time.perf_counter() - t
        t = time.perf_counter()
        timings["distinct_codes"] = pseudonymise(con, key)
        timings["pseudonymise"] = time.perf_counter() - t
        t = time.perf_counter()
        transform(con)
        con.execute("drop schema land cascade")  # the identity codes are not kept
        con.execute("checkpoint")
        timings["transform_aggregate"] = time.perf_counter() - t
        t = time.perf_counter()
        timings["tables_published"] = publish(con, out)
        timings["publish"] = time.perf_counter() - t
    finally:
        con.close()
        shutil.rmtree(scratch, ignore_errors=True)
    timings["rows_in"] = sum(rows.values())
    timings["total"] = time.perf_counter() - started
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--landing", type=Path, required=True)
    parser.add_argument("--recordings", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--json", action="store_true", help="print the timings as one JSON line")
    args = parser.parse_args()
    timings = run(args.landing, args.recordings, args.out)
    if args.json:
        print(json.dumps(timings))
    else:
        for k, v in timings.items():
            print(f"{k:<22}{v:10.2f}")


if __name__ == "__main__":
    main()
