"""When dbt's documentation site needs rebuilding: only when the project's models, columns or descriptions changed.

`dbt docs generate` costs a catalog query over the whole warehouse; it runs on its own schedule, off the path from
a delivery to a fresh publish, and even then only when the manifest (minus its run metadata) differs from the one
the published site was built from.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

FINGERPRINT_FILE = "manifest.sha256"
VOLATILE_KEYS = ("metadata",)  # generated_at, invocation_id, ... change on every parse


# created_at: when the node was parsed (every full parse renews it); root_path: where the checkout is (a project
# moved or cloned elsewhere is the same project)
VOLATILE_NODE_KEYS = ("created_at", "root_path")


def _stable(value):
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in VOLATILE_NODE_KEYS}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def manifest_fingerprint(manifest_path: Path) -> str:
    """SHA-256 of the manifest without its per-invocation metadata and parse times (stable across parses of the
    same project)."""
    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    for key in VOLATILE_KEYS:
        manifest.pop(key, None)
    return hashlib.sha256(json.dumps(_stable(manifest), sort_keys=True).encode("utf-8")).hexdigest()


def docs_current(docs_dir: Path, fingerprint: str) -> bool:
    """True when `docs_dir` holds a site built from a manifest with this fingerprint."""
    stamp = docs_dir / FINGERPRINT_FILE
    return (docs_dir / "index.html").exists() and stamp.exists() and stamp.read_text().strip() == fingerprint


def mark_docs(docs_dir: Path, fingerprint: str) -> None:
    (docs_dir / FINGERPRINT_FILE).write_text(fingerprint + "\n")
