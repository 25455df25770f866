{#
  The analyst's synthesis presented beside the numbers of the half-year package: one row per finding (half-year ×
  phenomenon or 'all'), with the evidence and the recommended measure, in Finnish and, where given, Swedish.
  A half-year with no row had no synthesis. Holds no counts of people; text redacted at landing like proposals.
#}
select
    'half_year' as period_type,
    cast(period_label as {{ dbt.type_string() }}) as period_label,
    cast(period_start as date) as period_start,
    cast(phenomenon as {{ dbt.type_string() }}) as phenomenon,
    cast(source_row_number as integer) as finding_order,
    cast(finding_fi as {{ dbt.type_string() }}) as finding_fi,
    cast(finding_sv as {{ dbt.type_string() }}) as finding_sv,
    cast(evidence_refs as {{ dbt.type_string() }}) as evidence_refs,
    cast(recommended_measure_fi as {{ dbt.type_string() }}) as recommended_measure_fi,
    cast(recommended_measure_sv as {{ dbt.type_string() }}) as recommended_measure_sv
from {{ ref('stg_analyst_synthesis__findings') }}
