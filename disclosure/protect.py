"""Secondary cell suppression over linked tables, with an exact protection test.

1. Primary: every unit (a cell's group of measures) that meets a primary rule is hidden.
2. Secondary, until every hidden item has a feasible interval at least `threshold` wide:
   a. a cheap pass over each relation: a relation with one hidden member, or whose hidden parts (with a
      visible total) hold less than `threshold` in all, gets one more hidden member;
   b. the attacker's linear programmes (`intervals.feasible_intervals`, HiGHS) over all relations together;
      for each item still too narrow, one more member of one of its relations is hidden.
   The complement chosen is the cheapest that helps: the smallest visible cell that brings the hidden mass
   to the threshold, else the largest; ties are broken by the cells' key order, so the same data always
   gives the same pattern (on any engine: the marts are equal, and this runs on them the same way).
This is the classic "audit and repair" form of optimal secondary suppression (protection levels checked
with LPs, as Tau-Argus' modular and optimal methods do); it minimises hidden mass greedily, not globally.
"""

from __future__ import annotations

import numpy as np

from disclosure.cells import Items, describe
from disclosure.intervals import feasible_intervals, too_narrow

TOLERANCE = 1e-6
MAX_ROUNDS = 500


def secondary(items: Items, threshold: int) -> np.ndarray:
    """The hidden flag of every unit after primary and secondary suppression."""
    unit_hidden = items.unit_primary.copy()
    rels = _sorted_relations(items)
    cache: dict = {}
    rels_of: dict[int, list[int]] = {}
    for k, r in enumerate(rels):
        for i in _members(r):
            rels_of.setdefault(int(i), []).append(k)
    for _ in range(MAX_ROUNDS):
        while _local_pass(items, rels, unit_hidden, threshold):
            pass
        hidden = unit_hidden[items.unit]
        iv = feasible_intervals(items.value, hidden, items.relations, cache)
        if iv.infeasible:
            raise RuntimeError(f"{len(iv.infeasible)} declared relations do not hold in the data, e.g. "
                               f"{describe(items, items.relations[iv.infeasible[0]].total)}")
        narrow = np.flatnonzero(too_narrow(iv, hidden, items.virtual, threshold, TOLERANCE))
        if not len(narrow):
            return unit_hidden
        touched: set[int] = set()
        repaired = False
        for item in narrow:
            if int(item) in touched:
                continue
            choice = _repair(items, rels, rels_of, int(item), unit_hidden, threshold)
            if choice is not None:  # None: this round's repairs already hid everything around it
                repaired = True
                touched.update(int(i) for i in _members(rels[choice]))
        if not repaired:
            raise RuntimeError(f"cannot protect {describe(items, int(narrow[0]))}: no cell left to hide")
    raise RuntimeError("secondary suppression did not converge")


def _sorted_relations(items: Items):
    return sorted(items.relations, key=lambda r: (r.total, tuple(r.parts)))


def _members(r) -> np.ndarray:
    return np.concatenate([[r.total], r.parts])


def _local_pass(items: Items, rels, unit_hidden: np.ndarray, threshold: int) -> bool:
    changed = False
    for r in rels:
        hidden = unit_hidden[items.unit[_members(r)]]
        if not hidden.any():
            continue
        if _weak(items, r, hidden, threshold) and _hide_complement(items, r, unit_hidden, threshold):
            changed = True
    return changed


def _weak(items: Items, r, hidden: np.ndarray, threshold: int) -> bool:
    total_hidden, parts_hidden = hidden[0], hidden[1:]
    if hidden.sum() == 1:
        return True
    if not total_hidden:
        mass = items.value[r.parts[parts_hidden]].sum()
        return mass < threshold - TOLERANCE
    return not parts_hidden.any()


def _hide_complement(items: Items, r, unit_hidden: np.ndarray, threshold: int) -> bool:
    members = _members(r)
    hidden = unit_hidden[items.unit[members]]
    mass = items.value[r.parts[hidden[1:]]].sum() if not hidden[0] else 0.0
    need = max(threshold - mass, 0.0)
    candidates = [i for i, h in zip(members[1:], hidden[1:]) if not h]
    if (not candidates or r.kind == "cover") and not hidden[0]:
        candidates = [r.total]  # a visible total of a cover relation bounds every part: hide it
    if not candidates:
        return False

    def cost(i: int):
        v = items.value[i]
        return (0, v, i) if v >= need and (v > 0 or need == 0) else (1, -v, i)

    best = min(candidates, key=cost)
    unit_hidden[items.unit[best]] = True
    return True


def _repair(items: Items, rels, rels_of: dict[int, list[int]], item: int, unit_hidden: np.ndarray,
            threshold: int):
    """Hide one more member of the weakest relation the item is in. When every relation around it is hidden
    already, walk out through those relations to the nearest one with a visible member (the published values
    that still bound it). Returns the relation used, or None when nothing is left to hide."""
    frontier, seen_items, seen_rels = [item], {item}, set()
    while frontier:
        best = None
        for i in frontier:
            for k in rels_of.get(i, []):
                if k in seen_rels:
                    continue
                members = _members(rels[k])
                hidden = unit_hidden[items.unit[members]]
                if hidden.all():
                    continue
                mass = items.value[rels[k].parts[hidden[1:]]].sum() if not hidden[0] else np.inf
                rank = (mass, int(hidden.sum()), k)
                if best is None or rank < best[0]:
                    best = (rank, k)
        if best is not None:
            return best[1] if _hide_complement(items, rels[best[1]], unit_hidden, threshold) else None
        nxt = []
        for i in frontier:
            for k in rels_of.get(i, []):
                if k in seen_rels:
                    continue
                seen_rels.add(k)
                for m in _members(rels[k]):
                    if int(m) not in seen_items:
                        seen_items.add(int(m))
                        nxt.append(int(m))
        frontier = sorted(nxt)
    return None
