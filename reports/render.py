"""The reports' Jinja2 environment: templates in `reports/templates/`, autoescaped, strict about undefined names,
with the Finnish/Swedish formatting as filters. A template is rendered once per language with `t` (that
language's phrases) in its context."""

from __future__ import annotations

from functools import cache

import jinja2

from reports import formatting
from reports.i18n import Texts


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(
        num=formatting.number, count=formatting.count, pct=formatting.percent, share=formatting.share,
        by_unit=formatting.by_unit, signed=formatting.signed, date=formatting.date,
        # `codes|map("name", t, "phenomenon")`: the names of codes; `keys|map("of", mapping)`: their values
        name=lambda code, t, kind: t.name(kind, code), of=lambda key, mapping: mapping[key],
    )
    return env


def render(template: str, lang: str, **context) -> str:
    t = Texts(lang)
    return environment().get_template(template).render(
        t=t, lang=lang, half_year=lambda label: formatting.half_year(label, lang), **context)
