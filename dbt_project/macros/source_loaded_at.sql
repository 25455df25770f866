{#
  source_loaded_at(source_name, ledger): one row, loaded_at = the newest current load of `source_name` in the load
  ledger; the body of a model's `loads` CTE (cross-joined into its rows as their loaded_at). `ledger` is the ledger
  relation the model reads: source('ledger', '_loads') or ref('stg_ledger__loads') (the choice decides which
  runs rebuild the model, so it stays the model's). Per-file load times: current_file_loads (macros/lineage.sql).
#}
{% macro source_loaded_at(source_name, ledger) -%}
    select max(loaded_at) as loaded_at
    from {{ ledger }}
    where source = '{{ source_name }}' and status = 'current'
{%- endmacro %}
