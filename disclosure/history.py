"""History-aware protection: the pattern is chosen knowing what the previous release already published.

An outsider holds every release. Where the data under a partition (the cells of a mart that agree outside
the totals' dimensions) did not change, a value the previous release showed is known in this one too, hidden
or not (the auditor attacks both releases together that way). Hiding it again protects nothing there, and
the cells chosen around it can be recovered through it. So:

1. Up front, from the TRUE current values (`locks`): in a partition whose true values equal everything the
   previous release showed there, every unit that release showed is *shown*: `secondary()` then protects the
   pattern in two views, this release alone and both releases together (shown units known), and never takes
   a complement for the second view from a shown unit. A shown unit a primary rule now forbids is hidden
   anyway (this release alone must protect it); with both releases it stays known, and the auditor reports it
   as a historical disclosure. In a partition whose data changed, one changed unit the previous release
   showed is *locked* visible: the change is public, nobody takes the old values for today's, and nothing
   else there needs to stay as it was.
2. `secondary()` runs once with those units.
3. Verification with the auditor's own reveal (`audit.previously_shown`, under the pattern found): anything
   it would still reveal becomes shown and the pattern is repaired from where it is, not rebuilt; at most
   `MAX_ROUNDS` times. The guard's audit (both views, from the files alone) remains the proof.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from disclosure.audit import previously_shown, total_columns
from disclosure.cells import Items
from disclosure.intervals import Memo
from disclosure.protect import secondary
from disclosure.tables import Structure

MAX_ROUNDS = 3


@dataclass
class History:
    shown: np.ndarray   # per unit: shown by the previous release, data unchanged: known to an outsider
    locked: np.ndarray  # per unit: the visible witness of a partition whose data changed
    hidden_before: np.ndarray  # per unit: hidden by the previous release (the pattern to start from)
    changed_partitions: int = 0
    rounds: int = 0
    given_up: int = 0  # items the previous release alone narrows below the threshold (historical disclosures)

    def summary(self, items: Items, unit_hidden: np.ndarray) -> dict[str, int]:
        return {"shown_before": int(self.shown.sum()),
                "shown_before_hidden_now": int((self.shown & unit_hidden).sum()),
                "historical_disclosures": int((self.shown & items.unit_primary).sum()) + self.given_up,
                "changed_partitions": self.changed_partitions, "repair_rounds": self.rounds}


def protect_with_history(items: Items, declared: list[Structure], old: dict[str, pd.DataFrame], threshold: int,
                         memo: Memo | None = None) -> tuple[np.ndarray, History]:
    """The hidden flag of every unit, chosen around what the previous release published (`old`, laid out as
    cells by `audit.release_cells`)."""
    history = locks(items, declared, old)
    notes: dict = {}
    unit_hidden = secondary(items, threshold, history.locked, history.shown, start=history.hidden_before,
                            notes=notes, memo=memo)
    history.locked[notes["unlocked"]] = False
    for _ in range(MAX_ROUNDS):
        shown = previously_shown(items, declared, old, unit_hidden[items.unit])
        units = np.unique(items.unit[list(shown.values)]) if shown.values else np.array([], dtype=np.int64)
        new = units[~history.shown[units]]
        if not len(new):
            break
        history.rounds += 1
        history.shown[new] = True
        unit_hidden = secondary(items, threshold, history.locked, history.shown, start=unit_hidden, notes=notes,
                                memo=memo)
        history.locked[notes["unlocked"]] = False
    history.given_up = notes.get("given_up", 0)
    return unit_hidden, history


def locks(items: Items, declared: list[Structure], old_cells: dict[str, pd.DataFrame]) -> History:
    """The units the previous release (`old_cells`, from `audit.release_cells`) showed for unchanged data, and
    the witnesses of changed partitions."""
    n = len(items.unit_primary)
    history = History(np.zeros(n, dtype=bool), np.zeros(n, dtype=bool), np.zeros(n, dtype=bool))
    for s in declared:
        if s.same_cells or s.label not in items.tables or s.label not in old_cells:
            continue
        table = items.tables[s.label]
        old = old_cells[s.label]
        key, measures = list(s.key), list(s.measures)
        in_scope = [f"_in_{m}" for m in measures]
        merged = table.cells[key + measures + in_scope].reset_index().merge(
            old[key + measures + ["_suppressed"]], on=key, how="inner", suffixes=("", "_old"))
        if merged.empty:
            continue
        rows = merged["index"].to_numpy()
        part = [k for k in key if k not in total_columns(s)]
        partition = merged.groupby(part, dropna=False, sort=False).ngroup().to_numpy() if part else np.zeros(
            len(merged), dtype=np.int64)
        unit_cols, shown_cols, differs_cols = [], [], []
        for g, group in enumerate(s.groups):
            unit = table.units[g][rows]
            for m in group.measures:
                was = merged[f"{m}_old"].notna().to_numpy()
                now = merged[m].notna().to_numpy()
                # hidden before: a value there is today (an item) was null in a suppressed row (a measure that
                # is null or out of scope in its own right, e.g. a band row's assessments, says nothing)
                item = now & merged[f"_in_{m}"].to_numpy(dtype=bool) & (unit >= 0)
                hid = ~was & merged["_suppressed"].to_numpy(dtype=bool) & item
                history.hidden_before[unit[hid]] = True
                unit_cols.append(unit)
                shown_cols.append(was & (unit >= 0))
                unequal = (merged[m] != merged[f"{m}_old"]).fillna(False).to_numpy(dtype=bool)
                differs_cols.append(was & now & unequal)
        unit_of = np.stack(unit_cols, axis=1)
        was_shown = np.stack(shown_cols, axis=1)
        differs = np.stack(differs_cols, axis=1)
        changed_rows = differs.any(axis=1)
        changed = np.zeros(partition.max() + 1, dtype=bool)
        np.logical_or.at(changed, partition, changed_rows)
        # a changed partition: one changed, shown, non-primary unit stays visible (in key order), so the change
        # is public; if every changed unit is primary now, the partition looks unchanged to an outsider
        lockable = differs & (unit_of >= 0)
        lockable[lockable] = ~items.unit_primary[unit_of[lockable]]
        has_witness = np.zeros_like(changed)
        for r, c in zip(*np.nonzero(lockable)):
            p = partition[r]
            if not has_witness[p]:
                has_witness[p] = True
                history.locked[unit_of[r, c]] = True
        history.changed_partitions += int(has_witness.sum())
        unchanged_rows = ~has_witness[partition]
        pick = was_shown & unchanged_rows[:, None]
        history.shown[unit_of[pick]] = True
    return history
