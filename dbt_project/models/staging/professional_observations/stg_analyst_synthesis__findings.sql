{#
  The analyst's synthesis: one row per finding. A half-year delivered again (a corrected file) replaces the
  earlier file's findings for that half-year: only the file that sorts last per period_label is kept.
#}
with findings as (
    select
        cast(period_label as {{ dbt.type_string() }}) as period_label,
        cast(period_start as date) as period_start,
        cast(phenomenon as {{ dbt.type_string() }}) as phenomenon,
        cast(finding_fi as {{ dbt.type_string() }}) as finding_fi,
        cast(finding_sv as {{ dbt.type_string() }}) as finding_sv,
        cast(evidence_refs as {{ dbt.type_string() }}) as evidence_refs,
        cast(recommended_measure_fi as {{ dbt.type_string() }}) as recommended_measure_fi,
        cast(recommended_measure_sv as {{ dbt.type_string() }}) as recommended_measure_sv,
        cast(_file_name as {{ dbt.type_string() }}) as file_name,
        cast(_row_number as integer) as source_row_number,
        max(_file_name) over (partition by period_label) as latest_file
    from {{ source('knowledge_cycle', 'analyst_synthesis') }}
)

select
    period_label, period_start, phenomenon, finding_fi, finding_sv, evidence_refs, recommended_measure_fi,
    recommended_measure_sv, file_name, source_row_number
from findings
where file_name = latest_file
