"""The attacker's problem: how far can each hidden cell be narrowed down from what is published?

For one measure, every hidden cell is a variable x ≥ 0; every declared relation that touches a hidden cell is a
linear constraint with the published (visible) cells as constants. The feasible interval of a hidden cell is
[min x, max x] over that polytope, two linear programmes solved with HiGHS, per connected component of hidden
cells (cells linked through relations). The LP relaxation gives each cell's interval as an outsider with
unlimited patience would compute it from the published tables (integer reasoning can only narrow it where the
relaxation's vertices are fractional, which for these totals-of-parts tables they are not).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import highspy
import numpy as np

from disclosure.tables import Relation

INF = float("inf")


@dataclass
class Intervals:
    lower: np.ndarray  # per cell; nan where the cell is visible
    upper: np.ndarray
    infeasible: list[int]  # relations that cannot hold with the visible values (a structure error)

    def width(self) -> np.ndarray:
        return self.upper - self.lower


def too_narrow(iv: Intervals, hidden: np.ndarray, virtual: np.ndarray, threshold: int,
               tolerance: float = 1e-6) -> np.ndarray:
    """Hidden items an attacker narrows below `threshold`. A published cell's interval must be at least
    `threshold` wide unless it is pinned to 0 (a known zero tells nothing about anyone: published zeros say as
    much); an unpublished remainder may also be known when it is at least `threshold`, so it only needs a wide
    interval when its interval reaches into 1..threshold-1."""
    narrow = hidden & (iv.width() < threshold - tolerance) & (iv.upper > tolerance)
    reaches_small = (iv.lower <= threshold - 1 + tolerance) & (iv.upper >= 1 - tolerance)
    return narrow & (~virtual | reaches_small)


@dataclass
class Memo:
    """Solved components by content: a component's programmes are fixed by its constraints alone (cells renumbered
    in order, constraints sorted), so a component whose published neighbourhood did not change is not solved
    again, within a publish (the protection's rounds and views, the auditor's two attacks) or across publishes
    (`load` / `save`: a republish after one new file solves what changed). Entries hold exact intervals
    (`enough` None) or, for the protection, the spans that showed a cell wide enough."""

    saved: dict[str, list] = field(default_factory=dict)
    used: dict[str, list] = field(default_factory=dict)
    hits: int = 0
    solved: int = 0

    def get(self, key: str) -> list | None:
        entry = self.used.get(key) or self.saved.get(key)
        if entry is not None:
            self.used[key] = entry
            self.hits += 1
        return entry

    def put(self, key: str, lower: np.ndarray, upper: np.ndarray) -> None:
        self.used[key] = [lower.tolist(), upper.tolist()]
        self.solved += 1

    @classmethod
    def load(cls, path: Path | None) -> Memo:
        try:
            return cls(json.loads(Path(path).read_text()) if path else {})
        except (OSError, ValueError):  # no memo yet, or an unreadable one: solve everything
            return cls()

    def save(self, path: Path | None) -> None:
        """Keep what this publish used (the next one starts from it), written atomically."""
        if path is None:
            return
        tmp = Path(f"{path}.tmp")
        tmp.write_text(json.dumps(self.used, sort_keys=True))
        os.replace(tmp, path)


def feasible_intervals(values: np.ndarray, hidden: np.ndarray, rels: list[Relation],
                       cache: Memo | None = None, only: np.ndarray | None = None,
                       enough: float | None = None) -> Intervals:
    """Interval of every hidden cell given the visible `values` and the relations `rels`. `cache` keeps
    solved components by content (`Memo`). `only`: solve for these cells alone (the others keep [0, inf]).
    `enough`: a cell whose values in the programmes' optimal solutions so far already span `enough` is wide
    enough (its exact interval contains that span) and is not solved: it gets the span, not its interval (for
    the protection, which only asks whether a cell is too narrow; the auditor reports exact widths and does not
    pass it)."""
    n = len(values)
    lower = np.full(n, np.nan)
    upper = np.full(n, np.nan)
    rows, infeasible = _constraints(values, hidden, rels)
    hidden_idx = np.flatnonzero(hidden)
    lower[hidden_idx] = 0.0
    upper[hidden_idx] = INF
    for component in _components(hidden_idx, rows):
        if only is None:
            _solve_component(component, rows, lower, upper, cache, enough=enough)
        elif only[component[0]].any():
            _solve_component(component, rows, lower, upper, None, only)
    return Intervals(lower, upper, infeasible)


# A constraint: (cells, coefficients, lo, hi) over hidden cells only.
Constraint = tuple[np.ndarray, np.ndarray, float, float]


def _constraints(values: np.ndarray, hidden: np.ndarray, rels: list[Relation]) -> tuple[list[Constraint], list[int]]:
    rows: list[Constraint] = []
    infeasible: list[int] = []
    for k, r in enumerate(rels):
        parts_hidden = r.parts[hidden[r.parts]]
        visible_parts = float(values[r.parts[~hidden[r.parts]]].sum())
        total_hidden = bool(hidden[r.total])
        if not total_hidden and not len(parts_hidden):
            continue
        cells = list(parts_hidden)
        coef = [1.0] * len(parts_hidden)
        rhs = -visible_parts  # Σ hidden parts − total  ⊙  −Σ visible parts (+ visible total)
        if total_hidden:
            cells.append(r.total)
            coef.append(-1.0)
        else:
            rhs += float(values[r.total])
        if r.kind == "sum":
            rows.append((np.array(cells), np.array(coef), rhs, rhs))
        elif r.kind == "contains":  # Σ parts ≤ total (the total also counts cases in no part)
            rows.append((np.array(cells), np.array(coef), -INF, rhs))
        else:  # "cover": total ≤ Σ parts, and every part ≤ total
            rows.append((np.array(cells), np.array(coef), rhs, INF))
            for p in r.parts:
                if hidden[p] and total_hidden:
                    rows.append((np.array([p, r.total]), np.array([1.0, -1.0]), -INF, 0.0))
                elif hidden[p]:
                    rows.append((np.array([p]), np.array([1.0]), -INF, float(values[r.total])))
                elif total_hidden:
                    rows.append((np.array([r.total]), np.array([1.0]), float(values[p]), INF))
        if not len(cells) and ((r.kind == "sum" and abs(rhs) > 1e-9) or (r.kind == "cover" and rhs > 1e-9)
                               or (r.kind == "contains" and rhs < -1e-9)):
            infeasible.append(k)
    return rows, infeasible


def _components(hidden_idx: np.ndarray, rows: list[Constraint]) -> list[tuple[np.ndarray, list[int]]]:
    parent = {int(i): int(i) for i in hidden_idx}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for cells, *_ in rows:
        first = find(int(cells[0]))
        for c in cells[1:]:
            other = find(int(c))
            if other != first:
                parent[max(other, first)] = min(other, first)
                first = min(other, first)
    members: dict[int, list[int]] = {}
    for i in hidden_idx:
        members.setdefault(find(int(i)), []).append(int(i))
    row_of: dict[int, list[int]] = {}
    for k, (cells, *_) in enumerate(rows):
        row_of.setdefault(find(int(cells[0])), []).append(k)
    return [(np.array(sorted(m)), row_of.get(root, [])) for root, m in sorted(members.items())]


def _solve_component(component: tuple[np.ndarray, list[int]], rows: list[Constraint],
                     lower: np.ndarray, upper: np.ndarray, cache: Memo | None = None,
                     only: np.ndarray | None = None, enough: float | None = None) -> None:
    cells, row_ids = component
    if not row_ids:
        return  # hidden cells in no relation: unbounded above, nothing narrows them
    pos = {int(c): j for j, c in enumerate(cells)}
    n = len(cells)
    local = sorted((tuple(pos[int(c)] for c in rows[k][0]), tuple(rows[k][1].tolist()), rows[k][2], rows[k][3])
                   for k in row_ids)  # the component's programmes, whatever its cells' numbers in this snapshot
    lo, hi = np.zeros(n), np.full(n, INF)
    multi = []
    for rc, coef, rlo, rhi in local:  # one-variable constraints are bounds
        if len(rc) > 1:
            multi.append((rc, coef, rlo, rhi))
            continue
        j, a = rc[0], coef[0]
        b_lo, b_hi = (rlo / a, rhi / a) if a > 0 else (rhi / a, rlo / a)
        lo[j], hi[j] = max(lo[j], b_lo), min(hi[j], b_hi)
    if len(multi) <= 1:  # a box, or a box and one constraint: the interval in closed form
        lower[cells], upper[cells] = _one_constraint(lo, hi, multi[0]) if multi else (lo, hi)
        return
    key = None
    if cache is not None:
        exact = _content_key(n, local, None)
        key = exact if enough is None else _content_key(n, local, enough)
        hit = cache.get(exact) or (cache.get(key) if key != exact else None)
        if hit is not None:
            lower[cells], upper[cells] = hit
            return
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("presolve", "off")
    h.setOptionValue("simplex_strategy", 4)  # primal simplex: a new objective keeps the basis feasible
    big = highspy.kHighsInf
    h.addVars(n, lo, np.where(np.isinf(hi), big, hi))
    for rc, coef, rlo, rhi in multi:
        h.addRow(max(rlo, -big), min(rhi, big), len(rc), np.array(rc, dtype=np.int32), np.array(coef))
    seen_lo, seen_hi = np.full(n, INF), np.full(n, -INF)
    for j, c in enumerate(cells):
        if only is not None and not only[c]:
            lower[c], upper[c] = lo[j], hi[j]
            continue
        if enough is not None and seen_hi[j] - seen_lo[j] >= enough:
            lower[c], upper[c] = seen_lo[j], seen_hi[j]
            continue
        # a bound of the cell's own box that a feasible solution so far reaches is its optimum: not solved
        h.changeColCost(j, 1.0)
        if seen_lo[j] <= lo[j]:
            lower[c] = lo[j]
        else:
            lower[c] = _optimum(h, highspy.ObjSense.kMinimize)
            _seen(h, seen_lo, seen_hi)
        if seen_hi[j] >= hi[j]:
            upper[c] = hi[j]
        else:
            upper[c] = _optimum(h, highspy.ObjSense.kMaximize)
            _seen(h, seen_lo, seen_hi)
        h.changeColCost(j, 0.0)
    if cache is not None:
        cache.put(key, lower[cells], upper[cells])


def _one_constraint(lo: np.ndarray, hi: np.ndarray, row: tuple) -> tuple[np.ndarray, np.ndarray]:
    """Each variable's interval over the box [lo, hi] cut by one constraint rlo ≤ Σ a·x ≤ rhi: what the other
    terms can add up to (their smallest and largest sums over the box) leaves x_k the interval
    [(rlo − their largest) / a_k, (rhi − their smallest) / a_k] (ends swapped for a_k < 0), within its box."""
    cols, coef, rlo, rhi = row
    cols, a = np.array(cols), np.array(coef)
    terms_lo = np.where(a > 0, a * lo[cols], a * hi[cols])  # a·x over the box: a·lo .. a·hi (or a·hi .. a·lo)
    terms_hi = np.where(a > 0, a * hi[cols], a * lo[cols])
    lower, upper = lo.copy(), hi.copy()
    for k, (c, ak) in enumerate(zip(cols, a)):
        others_lo = _sum_but(terms_lo, k)
        others_hi = _sum_but(terms_hi, k)
        ends = ((rlo - others_hi) / ak, (rhi - others_lo) / ak)
        lower[c] = max(lower[c], min(ends))
        upper[c] = min(upper[c], max(ends))
        if lower[c] > upper[c] + 1e-9:
            raise RuntimeError("disclosure LP ended Infeasible: a declared relation does not hold")
    return lower, upper


def _sum_but(terms: np.ndarray, k: int) -> float:
    """The sum of every term but the k-th (±inf where an unbounded term is among them)."""
    rest = np.delete(terms, k)
    return float(rest.sum()) if len(rest) else 0.0


def _seen(h: highspy.Highs, seen_lo: np.ndarray, seen_hi: np.ndarray) -> None:
    """Widen the span of values seen in feasible solutions by the last optimum (a vertex of the polytope)."""
    if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
        x = np.asarray(h.getSolution().col_value)
        np.minimum(seen_lo, x, out=seen_lo)
        np.maximum(seen_hi, x, out=seen_hi)


def _content_key(n: int, local: list[tuple], enough: float | None) -> str:
    return hashlib.sha256(repr((n, enough, local)).encode()).hexdigest()


def _optimum(h: highspy.Highs, sense) -> float:
    h.changeObjectiveSense(sense)
    h.run()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kOptimal:
        return float(h.getInfo().objective_function_value)
    if status in (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible):
        return INF if sense == highspy.ObjSense.kMaximize else 0.0
    raise RuntimeError(f"disclosure LP ended {h.modelStatusToString(status)}: a declared relation does not hold")
