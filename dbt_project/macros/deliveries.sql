{#
  A file source's deliveries as the intermediate models see them (rows with loaded_at, from with_file_loaded_at in
  macros/lineage.sql, which also gives current_file_loads per file).

  source_loaded_at(source_name, ledger)
      one row, loaded_at = the newest current load of `source_name` in the load ledger; the body of a model's
      `loads` CTE (cross-joined into its rows as their loaded_at). `ledger` is the ledger relation the model reads:
      source('ledger', '_loads') or ref('stg_ledger__loads') (the choice decides which runs rebuild the model, so it
      stays the model's).
  latest_delivery_rank(partition_by)
      row_number() over the deliveries of one row (`partition_by`: its key): 1 = the copy in the most recently
      loaded file (then the file name that sorts last, then the last row), the one that counts when a later export
      repeats a row with its current status.
  latest_deliveries(relation, source_name, key)
      the rows of `relation` (a staging model of the file source `source_name`) with their loaded_at, only the
      latest delivery of each `key` (latest_delivery_rank 1).
#}
{% macro source_loaded_at(source_name, ledger) -%}
    select max(loaded_at) as loaded_at
    from {{ ledger }}
    where source = '{{ source_name }}' and status = 'current'
{%- endmacro %}

{% macro latest_delivery_rank(partition_by) -%}
    row_number() over (partition by {{ partition_by }} order by loaded_at desc, file_name desc, row_number_in_file desc)
{%- endmacro %}

{% macro latest_deliveries(relation, source_name, key) -%}
    select *
    from (
        select d.*, {{ latest_delivery_rank(key) }} as delivery_rank
        from ({{ with_file_loaded_at(relation, source_name) }}) as d
    ) as ranked
    where delivery_rank = 1
{%- endmacro %}
