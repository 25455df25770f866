{#
  Load lineage of a file source, and choosing one copy of a row that several deliveries repeat.

  lineage_columns()        the three lineage columns every landed file row carries (`_file_name`, `_row_number`,
                           `_load_id`), named file_name, source_row_number, load_id: in a staging model's select list
  latest_copy_rank(partition_by, newest_first=none, by_file=true)
                           row_number() over the copies of one row: 1 = the copy to keep. Order: `newest_first`
                           (a column, descending) when given, then the file name that sorts last, then the last row
                           (by_file=false: `newest_first` alone, for an API table, which has no lineage columns)
  latest_copy(relation, partition_by, newest_first=none, by_file=true)
                           a subquery of `relation` with one copy per `partition_by` (the copy latest_copy_rank
                           keeps), for a staging model's `from`: its rows as they are, plus `_copy_rank` (= 1).
                           The key and order read the columns as landed; the model's select casts the kept rows
  current_file_loads(source_name)
                           select of the current loads of one source: file_name, loaded_at (the latest load of the
                           file); the body of a `loads` CTE joined on file_name
#}
{% macro lineage_columns() -%}
    _file_name as file_name,
    cast(_row_number as integer) as source_row_number,
    _load_id as load_id
{%- endmacro %}

{% macro latest_copy_rank(partition_by, newest_first=none, by_file=true) -%}
    {%- set order = [newest_first ~ ' desc'] if newest_first else [] -%}
    {%- if by_file %}{% do order.extend(['_file_name desc', '_row_number desc']) %}{% endif -%}
    row_number() over (
        partition by {{ partition_by }}
        order by {{ order | join(', ') }}
    )
{%- endmacro %}

{% macro latest_copy(relation, partition_by, newest_first=none, by_file=true) -%}
    (
        select *
        from (
            select
                copies.*,
                {{ latest_copy_rank(partition_by, newest_first, by_file) | indent(12) }} as _copy_rank
            from {{ relation }} as copies
        ) as ranked
        where _copy_rank = 1
    )
{%- endmacro %}

{% macro current_file_loads(source_name) -%}
    select file_name, max(loaded_at) as loaded_at
    from {{ ref('stg_ledger__loads') }}
    where source = '{{ source_name }}' and status = 'current'
    group by file_name
{%- endmacro %}

{% macro with_file_loaded_at(relation, source_name) -%}
    select r.*, l.loaded_at
    from {{ relation }} as r
    left join ({{ current_file_loads(source_name) }}) as l on l.file_name = r.file_name
{%- endmacro %}
