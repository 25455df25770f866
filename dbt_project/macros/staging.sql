{#
  A staging model's typed select list, from its source table's columns as the staging folder's
  _<folder>__sources.yml declares them: each column's type is written there once, not in the model.

  staged_columns(source_name, table_name, renamed={}, excluded=[], derived={})
      one line per declared column, in the yml's order:
        cast(<column> as <data_type>) as <name>   a column with a data_type (`string` is dbt.type_string())
        <column> [as <name>]                      a column without one: kept as landed
      <name> is renamed[<column>] when given, else the column's own name. derived[<column>] (a line
      `<expression> as <name>`) follows its column: a column the model computes from it. Left out: the columns in
      `excluded` and the landing's lineage columns (`_file_name`, `_row_number`, `_load_id`: a model names those
      itself, see macros/lineage.sql).
  The columns are read from dbt's graph (`graph.sources`), not from the database: a unit test's mocked
  inputs compile the same.
#}
{% macro staged_columns(source_name, table_name, renamed={}, excluded=[], derived={}) -%}
    {%- if not execute -%}
        {#- parsing (and `make lint-sql`, whose templater has no graph): a stand-in, so the model is still SQL -#}
        {{ table_name }}_staged_columns
    {%- else -%}
        {%- set table = graph.sources.values() | selectattr('source_name', 'equalto', source_name)
                        | selectattr('name', 'equalto', table_name) | first -%}
        {%- set lines = [] -%}
        {%- for column in (table.columns.values() if table else [])
                if column.name not in excluded and not column.name.startswith('_') -%}
            {%- set name = renamed.get(column.name, column.name) -%}
            {%- if column.data_type -%}
                {%- set data_type = dbt.type_string() if column.data_type == 'string' else column.data_type -%}
                {%- do lines.append('cast(' ~ column.name ~ ' as ' ~ data_type ~ ') as ' ~ name) -%}
            {%- elif name != column.name -%}
                {%- do lines.append(column.name ~ ' as ' ~ name) -%}
            {%- else -%}
                {%- do lines.append(column.name) -%}
            {%- endif -%}
            {%- if column.name in derived %}{% do lines.append(derived[column.name]) %}{% endif -%}
        {%- endfor -%}
        {%- if not lines -%}
            {{ exceptions.raise_compiler_error('staged_columns: no columns declared for source ' ~ source_name
                                               ~ '.' ~ table_name) }}
        {%- endif -%}
        {{ lines | join(',\n    ') }}
    {%- endif -%}
{%- endmacro %}
