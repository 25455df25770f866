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

import heapq
from typing import NamedTuple

import numpy as np

from disclosure.cells import Items, describe
from disclosure.intervals import Memo, feasible_intervals, too_narrow

TOLERANCE = 1e-6
MAX_ROUNDS = 500


def secondary(items: Items, threshold: int, locked: np.ndarray | None = None, shown: np.ndarray | None = None,
              start: np.ndarray | None = None, notes: dict | None = None, memo: Memo | None = None) -> np.ndarray:
    """The hidden flag of every unit after primary and secondary suppression.

    History (`disclosure.history`): `shown` units are values the previous release published for data that did
    not change. Hidden or not, an outsider holding both releases knows them, so the pattern must hold in two
    views: this release alone (every hidden unit attacked), and both releases together (shown units known).
    A complement for the second view is never a shown unit (hiding it protects nothing there); for the first
    a shown unit is preferred (it costs the second view nothing). `locked` units are never hidden (the visible
    witness of a partition whose data changed). `start` is a pattern to repair instead of starting from the
    primary cells alone. `notes` receives `given_up`: items the previous release alone narrows (see below).
    `memo`: solved programmes by content (`intervals.Memo`), shared by both views and with the auditor."""
    n = len(items.unit_primary)
    locked = np.zeros(n, dtype=bool) if locked is None else locked & ~items.unit_primary
    shown = np.zeros(n, dtype=bool) if shown is None else shown.copy()
    unit_hidden = items.unit_primary.copy() if start is None else (start & ~locked) | items.unit_primary
    state = _State(unit_hidden, locked, shown)
    views = ("both", "alone") if shown.any() else ("alone",)
    rels = _sorted_relations(items)
    flat = _Flat(items, rels)
    memo = Memo() if memo is None else memo
    rels_of = flat.of_item
    for _ in range(MAX_ROUNDS):
        while any([_local_pass(items, rels, flat, state, threshold, v) for v in views]):
            pass
        repaired = done = False
        for view in views:
            hidden = state.attacked(view)[items.unit]
            iv = feasible_intervals(items.value, hidden, items.relations, memo, enough=threshold)
            if iv.infeasible:
                raise RuntimeError(f"{len(iv.infeasible)} declared relations do not hold in the data, e.g. "
                                   f"{describe(items, items.relations[iv.infeasible[0]].total)}")
            narrow = np.flatnonzero(too_narrow(iv, hidden, items.virtual, threshold, TOLERANCE))
            if not len(narrow):
                continue
            done = True
            touched: set[int] = set()
            for item in narrow:
                if int(item) in touched:
                    continue
                choice = _repair(items, rels, rels_of, int(item), state, threshold, view)
                if choice is None and view == "alone" and state.unlock(rels[k] for k in rels_of[int(item)]):
                    choice = _repair(items, rels, rels_of, int(item), state, threshold, view)
                if choice is not None:  # None: this round's repairs already hid everything around it
                    repaired = True
                    touched.update(int(i) for i in rels[choice].members)
            if not repaired and view == "both":
                # every cell around them is hidden or was shown before: the previous release alone narrows them
                # (under today's relations). Nothing hidden now protects them; they count as known there
                # (historical disclosures, which the auditor finds on its own) and are still protected alone.
                state.shown[np.unique(items.unit[narrow])] = True
                state.given_up.update(int(i) for i in narrow)
                repaired = True
            if not repaired:
                raise RuntimeError(f"cannot protect {describe(items, int(narrow[0]))} ({view}): no cell left to hide")
            break  # repair one view per round: the other's programmes are solved on the repaired pattern
        if not done:
            if notes is not None:
                notes["given_up"] = len(state.given_up)
                notes["unlocked"] = sorted(state.unlocked)
            return state.hidden
    raise RuntimeError("secondary suppression did not converge")


class _State:
    """The pattern being built: `hidden` (what the release hides), `locked` (never hidden) and `shown` (known
    to an outsider who holds the previous release too). A view is "alone" (this release) or "both"."""

    def __init__(self, hidden: np.ndarray, locked: np.ndarray, shown: np.ndarray):
        self.hidden, self.locked, self.shown = hidden, locked, shown
        self.any_shown = bool(shown.any())
        self.given_up: set[int] = set()  # items the previous release alone narrows: known with both releases
        self.unlocked: set[int] = set()  # witnesses released to protect a cell (`unlock`)

    def unlock(self, relations) -> bool:
        """Release the locked units among the members of `relations`, for a cell this release alone cannot
        protect otherwise: every other member around it is hidden or a witness (say a corrected year and its
        other half, both changed). Protecting the cell comes first; its partition may then look unchanged to
        an outsider holding both releases, who takes the old values for today's (stale, so they tell nothing
        of today's cell), and the history check and the auditor's reveal treat those values as known."""
        units = {int(u) for r in relations for u in r.units if self.locked[u]}
        for u in units:
            self.locked[u] = False
        self.unlocked |= units
        return bool(units)

    def attacked(self, view: str) -> np.ndarray:
        """What an outsider cannot read in this view."""
        return self.hidden & ~self.shown if view == "both" and self.any_shown else self.hidden

    def fixed(self, view: str) -> np.ndarray:
        """Units a complement cannot be taken from in this view: hidden already, locked, or (both releases)
        shown before."""
        fixed = self.hidden | self.locked
        return fixed | self.shown if view == "both" and self.any_shown else fixed

    def preferred(self, unit: int, view: str) -> int:
        """0 for a complement that costs nothing to the other view (a shown unit, for this release alone)."""
        return 0 if view == "alone" and self.shown[unit] else 1


class _Relation(NamedTuple):
    """A declared relation with its members (the total first) and their units, looked up once."""

    total: int
    parts: np.ndarray
    kind: str
    members: np.ndarray
    units: np.ndarray


def _sorted_relations(items: Items) -> list[_Relation]:
    out = []
    for r in sorted(items.relations, key=lambda r: (r.total, tuple(r.parts))):
        members = np.concatenate([[r.total], r.parts])
        out.append(_Relation(r.total, r.parts, r.kind, members, items.unit[members]))
    return out


class _Flat:
    """Every relation's members in one array (relation k's from `starts[k]`), to test them all at once, and the
    relations of each unit and of each item."""

    def __init__(self, items: Items, rels: list[_Relation]):
        sizes = np.array([len(r.members) for r in rels], dtype=np.int64)
        self.starts = np.cumsum(sizes) - sizes
        members = np.concatenate([r.members for r in rels]).astype(np.int64) if rels else np.zeros(0, dtype=np.int64)
        self.units = items.unit[members]
        # the parts' values, 0 for the total: a relation's hidden mass as `_weak` sums it
        self.part_values = items.value[members]
        self.part_values[self.starts] = 0.0
        relation = np.repeat(np.arange(len(rels), dtype=np.int64), sizes)
        self.of_unit = _Index(self.units, relation, distinct=True)
        self.of_item = _Index(members, relation)

    def maybe_weak(self, attacked: np.ndarray, threshold: int) -> np.ndarray:
        """The relations `_weak` can find weak under `attacked`: a superset (its mass test is loosened by a
        rounding margin, as the sums are taken in another order)."""
        if not len(self.starts):
            return np.zeros(0, dtype=bool)
        hidden = attacked[self.units]
        count = np.add.reduceat(hidden.astype(np.int64), self.starts)
        mass = np.add.reduceat(np.where(hidden, self.part_values, 0.0), self.starts)
        return (count == 1) | ((count >= 2) & ~hidden[self.starts] & (mass < threshold - TOLERANCE + 1e-6))


class _Index:
    """`values` by `keys`: `index[key]` lists the key's values in their order (each once, if `distinct`)."""

    def __init__(self, keys: np.ndarray, values: np.ndarray, distinct: bool = False):
        order = np.argsort(keys, kind="stable")
        self.keys, self.values = keys[order], values[order]
        if distinct and len(order):
            first = np.r_[True, (self.keys[1:] != self.keys[:-1]) | (self.values[1:] != self.values[:-1])]
            self.keys, self.values = self.keys[first], self.values[first]

    def __getitem__(self, key: int) -> list[int]:
        lo, hi = np.searchsorted(self.keys, [key, key + 1])
        return self.values[lo:hi].tolist()


def _local_pass(items: Items, rels, flat: _Flat, state: _State, threshold: int, view: str) -> bool:
    """One pass over the relations in order, hiding a complement in each weak one. A relation's turn is taken only
    when it can be weak then: it was weak at the pass's start, or holds a unit hidden earlier in the pass (a pass
    only hides; any other relation looks as it did at the start, when it was not weak)."""
    changed = False
    attacked = state.attacked(view)
    queue = np.flatnonzero(flat.maybe_weak(attacked, threshold)).tolist()  # in order: a heap already
    last = -1
    while queue:
        k = heapq.heappop(queue)
        if k <= last:
            continue
        last, r = k, rels[k]
        hidden = attacked[r.units]
        if not hidden.any() or not _weak(items, r, hidden, threshold):
            continue
        unit = _hide_complement(items, r, state, threshold, view)
        if unit is not None:
            changed = True
            attacked = state.attacked(view)
            for j in flat.of_unit[unit]:
                if j > k:
                    heapq.heappush(queue, j)
    return changed


def _weak(items: Items, r, hidden: np.ndarray, threshold: int) -> bool:
    total_hidden, parts_hidden = hidden[0], hidden[1:]
    if hidden.sum() == 1:
        return True
    if not total_hidden:
        mass = items.value[r.parts[parts_hidden]].sum()
        return mass < threshold - TOLERANCE
    return not parts_hidden.any()


def _hide_complement(items: Items, r, state: _State, threshold: int, view: str) -> int | None:
    """Hide the cheapest visible member of `r` that helps; returns its unit (None: nothing left to hide)."""
    members = r.members
    hidden = state.attacked(view)[r.units]
    fixed = state.fixed(view)[r.units]
    mass = items.value[r.parts[hidden[1:]]].sum() if not hidden[0] else 0.0
    need = max(threshold - mass, 0.0)
    candidates = [i for i, f in zip(members[1:], fixed[1:]) if not f]
    if (not candidates or r.kind == "cover") and not fixed[0]:
        candidates = [r.total]  # a visible total of a cover relation bounds every part: hide it
    if not candidates:
        return None

    def cost(i: int):
        v = items.value[i]
        first = state.preferred(items.unit[i], view)
        return (0, first, v, i) if v >= need and (v > 0 or need == 0) else (1, first, -v, i)

    best = min(candidates, key=cost)
    unit = int(items.unit[best])
    state.hidden[unit] = True
    return unit


def _repair(items: Items, rels, rels_of: _Index, item: int, state: _State, threshold: int,
            view: str):
    """Hide one more member of the weakest relation the item is in. When every relation around it is hidden
    already, walk out through those relations to the nearest one with a visible member (the published values
    that still bound it). Returns the relation used, or None when nothing is left to hide."""
    frontier, seen_items, seen_rels = [item], {item}, set()
    attacked, fixed = state.attacked(view), state.fixed(view)
    while frontier:
        best = None
        for i in frontier:
            for k in rels_of[i]:
                if k in seen_rels:
                    continue
                hidden = attacked[rels[k].units]
                if fixed[rels[k].units].all():
                    continue
                mass = items.value[rels[k].parts[hidden[1:]]].sum() if not hidden[0] else np.inf
                rank = (mass, int(hidden.sum()), k)
                if best is None or rank < best[0]:
                    best = (rank, k)
        if best is not None:
            return best[1] if _hide_complement(items, rels[best[1]], state, threshold, view) is not None else None
        nxt = []
        for i in frontier:
            for k in rels_of[i]:
                if k in seen_rels:
                    continue
                seen_rels.add(k)
                for m in rels[k].members:
                    if int(m) not in seen_items:
                        seen_items.add(int(m))
                        nxt.append(int(m))
        frontier = sorted(nxt)
    return None
