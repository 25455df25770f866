"""Finds the file-based sources of a source class: every module in the class package that defines `SOURCE`."""

from __future__ import annotations

import importlib
import pkgutil

from sources.landing import FileSource

SOURCE_CLASSES = ("client_data", "professional_observations", "statistics")


def file_sources(source_class: str) -> list[FileSource]:
    package = importlib.import_module(f"sources.{source_class}")
    found = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"sources.{source_class}.{info.name}")
        source = getattr(module, "SOURCE", None)
        if isinstance(source, FileSource):
            if source.source_class != source_class:
                raise ValueError(f"{module.__name__}: SOURCE.source_class is {source.source_class!r}")
            found.append(source)
    return found


def all_file_sources() -> list[FileSource]:
    return [s for c in SOURCE_CLASSES for s in file_sources(c)]
