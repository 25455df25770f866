"""The reports' charts: one matplotlib style, three chart shapes, deterministic bytes.

A hidden (suppressed) value is passed as None and drawn as nothing, with a "–" mark where its bar would be: a
chart never plots a number that the published snapshot hides. The same data gives the same PNG and SVG bytes
(fixed size and DPI, no dates or software versions in the metadata, a fixed SVG hash salt).
"""

from __future__ import annotations

import base64
import hashlib
import io
import math
import os
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DPI = 110
WIDTH = 8.5
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.edgecolor": "#8a99a8",
    "axes.labelcolor": "#333333",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "axes.axisbelow": True,
    "grid.color": "#e3e8ee",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "legend.frameon": False,
    "legend.fontsize": 8,
    "svg.hashsalt": "rsw-reports",
    "svg.fonttype": "path",
    "path.simplify": True,
}
# one palette: phenomena, valences, and what a direction-aware change means
COLOURS = {
    "homelessness": "#1b6ca8", "mental_health": "#7b4fa0", "substance_use": "#b03a2e", "livelihood": "#c27c0e",
    "other": "#7f8c8d", "all": "#2c3e50",
    "negative": "#b03a2e", "weak_signal": "#c27c0e", "positive": "#2e7d32",
    "better": "#2e7d32", "worse": "#b03a2e", "neutral": "#546e7a",
    "county": "#1b6ca8", "country": "#8a99a8",
    "in_use": "#2e7d32", "in_preparation": "#f2b705", "not_settled": "#9e9e9e",
}
SERIES = ["#1b6ca8", "#c27c0e", "#7b4fa0", "#2e7d32", "#b03a2e", "#546e7a", "#0e8a8a", "#8a5a2b"]


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    colour: str
    dashed: bool = False


def _value(v) -> float:
    return math.nan if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def _wrap(label: str, width: int = 38) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


@cache
def _matplotlib():
    """matplotlib, imported when the first chart is drawn: not by every process that loads the definitions (the
    import costs most of a second)."""
    import matplotlib
    import matplotlib.backends.backend_agg
    import matplotlib.backends.backend_svg
    import matplotlib.figure

    return matplotlib


def _style(**overrides):
    return _matplotlib().rc_context({**STYLE, **overrides})


def _figure(height: float) -> tuple[Figure, object]:
    with _style():
        fig = _matplotlib().figure.Figure(figsize=(WIDTH, height), dpi=DPI)
        ax = fig.add_subplot(1, 1, 1)
    return fig, ax


def bars(labels: Sequence[str], series: Sequence[Series], title: str, xlabel: str,
         annotations: Sequence[str] | None = None) -> Figure:
    """Horizontal grouped bars, one group per label; a hidden value is a "–" mark, not a bar."""
    with _style():
        fig, ax = _figure(0.45 * len(labels) * max(len(series), 1) ** 0.5 + 1.4)
        height = 0.8 / max(len(series), 1)
        finite = [_value(v) for s in series for v in s.values]
        top = max([v for v in finite if not math.isnan(v)] + [1.0])
        for k, s in enumerate(series):
            offset = (k - (len(series) - 1) / 2) * height
            values = [_value(v) for v in s.values]
            positions = [i + offset for i in range(len(labels))]
            ax.barh(positions, [0 if math.isnan(v) else v for v in values], height=height * 0.92,
                    color=s.colour, label=s.name if len(series) > 1 else None)
            for pos, v in zip(positions, values, strict=True):
                if math.isnan(v):
                    ax.text(top * 0.01, pos, "–", va="center", ha="left", color="#555555")
        if annotations:
            for i, text in enumerate(annotations):
                ax.text(top * 1.02, i, text, va="center", ha="left", fontsize=8, color="#333333")
            ax.set_xlim(0, top * 1.3)
        ax.set_yticks(range(len(labels)))
        ax.set_yticklabels([_wrap(label) for label in labels])
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        ax.set_title(title)
        if len(series) > 1:
            ax.legend(loc="lower right")
        fig.tight_layout()
    return fig


def stacked(labels: Sequence[str], series: Sequence[Series], title: str, xlabel: str,
            annotations: Sequence[str] = ()) -> Figure:
    """Horizontal stacked bars (e.g. the plan's actions by status per goal)."""
    with _style():
        fig, ax = _figure(0.85 * len(labels) + 1.2)
        left = [0.0] * len(labels)
        for s in series:
            values = [0.0 if math.isnan(_value(v)) else _value(v) for v in s.values]
            ax.barh(range(len(labels)), values, left=left, color=s.colour, label=s.name, edgecolor="white")
            left = [a + b for a, b in zip(left, values, strict=True)]
        for i, text in enumerate(annotations):
            ax.text(left[i] + 0.15, i, text, va="center", fontsize=8)
        ax.set_xlim(0, max(left + [1.0]) * 1.3)
        ax.set_yticks(range(len(labels)))
        ax.set_yticklabels([_wrap(label, 42) for label in labels])
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        ax.set_title(title)
        ax.legend(loc="lower right")
        fig.tight_layout()
    return fig


def lines(x_labels: Sequence[str], series: Sequence[Series], title: str, ylabel: str) -> Figure:
    """Lines over periods; a hidden value is a gap in its line."""
    with _style(**{"axes.grid.axis": "y"}):
        fig, ax = _figure(4.0)
        x = list(range(len(x_labels)))
        for s in series:
            ax.plot(x, [_value(v) for v in s.values], marker="o", markersize=4, color=s.colour,
                    linestyle="--" if s.dashed else "-", label=s.name)
        ax.set_xticks(x)
        ax.set_xticklabels(x_labels)
        ax.set_ylim(bottom=0)
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
        fig.tight_layout()
    return fig


def png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    with _style():
        _matplotlib().backends.backend_agg.FigureCanvasAgg(fig).print_png(buffer, metadata={"Software": None})
    return buffer.getvalue()


def svg(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    with _style():
        _matplotlib().backends.backend_svg.FigureCanvasSVG(fig).print_svg(buffer, metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


@cache
def _code() -> str:
    """This module's source and matplotlib's version: a chart drawn by other code is drawn again. The version is
    read from the package's metadata: a package whose charts are all kept does not import matplotlib."""
    return hashlib.sha256(Path(__file__).read_bytes() + metadata.version("matplotlib").encode()).hexdigest()


class Drawings:
    """PNG and SVG bytes of charts, each drawn once per content.

    A chart is keyed by the digest of its shape, its arguments and this module's source (the style lives here).
    With a `folder` (private: beside the warehouse, never published) each key's bytes are kept there, and a later
    package takes them from there instead of drawing the chart again: a republish redraws only the charts whose
    data changed. `prune()` then keeps only the keys this package used."""

    def __init__(self, folder: Path | None = None, formats: tuple[str, ...] = ("png", "svg")):
        self.folder = Path(folder) if folder else None
        self.formats = formats
        self.used: set[str] = set()
        self.drawn = 0

    @classmethod
    def embedded(cls, folder: Path | None = None) -> Drawings:
        """For an HTML report, which embeds PNG only."""
        return cls(folder, formats=("png",))

    def __call__(self, shape: Callable[..., Figure], *args) -> tuple[bytes, ...]:
        """The chart's bytes in each of `formats` (PNG and SVG by default)."""
        key = hashlib.sha256(repr((_code(), shape.__name__, args)).encode()).hexdigest()[:32]
        self.used.add(key)
        paths = [self.folder / f"{key}.{ext}" for ext in self.formats] if self.folder else []
        if paths and all(p.exists() for p in paths):
            return tuple(p.read_bytes() for p in paths)
        fig = shape(*args)
        drawn = tuple({"png": png, "svg": svg}[ext](fig) for ext in self.formats)
        self.drawn += 1
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)
            for path, data in zip(paths, drawn, strict=True):
                path.with_suffix(".tmp").write_bytes(data)
                os.replace(path.with_suffix(".tmp"), path)  # a crash leaves no half-written chart to reuse
        return drawn

    def prune(self) -> None:
        if self.folder and self.folder.exists():
            for path in self.folder.iterdir():
                if path.stem not in self.used:
                    path.unlink()


def data_uri(png_bytes: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png_bytes).decode("ascii")
