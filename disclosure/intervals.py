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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from math import isfinite, nan
from pathlib import Path

import highspy
import numpy as np

from disclosure.tables import Relation

INF = float("inf")
WORKERS = min(4, os.cpu_count() or 1)  # threads solving programmes side by side (same results in any number)
# with `enough`, a component of this many hidden cells first takes the optima of SPREAD_OBJECTIVES random
# objectives (`_spread`); smaller ones are solved cell by cell at once (a few milliseconds each)
SPREAD_MIN_CELLS = 1000
SPREAD_OBJECTIVES = 32


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
    # this process's components by their constraints as they are (cells not renumbered, nothing sorted): a
    # repeated call (the next round, the other view) looks a component up without rebuilding its key. Not saved.
    seen: dict[tuple, tuple[np.ndarray, np.ndarray, bool]] = field(default_factory=dict, repr=False)

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
    the protection and the auditor, which ask whether a cell is too narrow: for a cell narrower than `enough` the
    answer is its exact interval, so the verdict is the exact one)."""
    n = len(values)
    lower = np.full(n, np.nan)
    upper = np.full(n, np.nan)
    rows, infeasible = _constraints(values, hidden, rels)
    hidden_idx = np.flatnonzero(hidden)
    lower[hidden_idx] = 0.0
    upper[hidden_idx] = INF
    programmes: dict[str | int, _Programme] = {}
    for k, component in enumerate(_components(hidden_idx, rows)):
        if only is None:
            _prepare(component, rows, lower, upper, programmes, k, cache, enough)
        elif only[component[0]].any():
            _prepare(component, rows, lower, upper, programmes, k)
    solve = partial(_solve, only=only, enough=enough)
    with ThreadPoolExecutor(min(WORKERS, max(len(programmes), 1))) as pool:  # HiGHS runs without the GIL
        for p, (p_lower, p_upper) in zip(programmes.values(), pool.map(solve, programmes.values())):
            for cells in p.cells:
                lower[cells], upper[cells] = p_lower, p_upper
            if cache is not None:
                cache.put(p.key, p_lower, p_upper)
                cache.seen.update((content, (p_lower, p_upper, True)) for content in p.contents)
    return Intervals(lower, upper, infeasible)


# A constraint: (cells, coefficients, lo, hi) over hidden cells only, as plain Python numbers.
Constraint = tuple[tuple[int, ...], tuple[float, ...], float, float]


def _constraints(values: np.ndarray, hidden: np.ndarray, rels: list[Relation]) -> tuple[list[Constraint], list[int]]:
    rows: list[Constraint] = []
    infeasible: list[int] = []
    for k, r in enumerate(rels):
        parts_hidden = hidden[r.parts]
        total_hidden = bool(hidden[r.total])
        if not total_hidden and not parts_hidden.any():
            if _contradicted(r, values):
                infeasible.append(k)
            continue
        cells = r.parts[parts_hidden].tolist()
        coef = [1.0] * len(cells)
        rhs = -float(values[r.parts[~parts_hidden]].sum())  # Σ hidden parts − total  ⊙  −Σ visible parts (+ visible total)
        if total_hidden:
            cells.append(r.total)
            coef.append(-1.0)
        else:
            rhs += float(values[r.total])
        if r.kind == "sum":
            rows.append((tuple(cells), tuple(coef), rhs, rhs))
        elif r.kind == "contains":  # Σ parts ≤ total (the total also counts cases in no part)
            rows.append((tuple(cells), tuple(coef), -INF, rhs))
        else:  # "cover": total ≤ Σ parts, and every part ≤ total
            rows.append((tuple(cells), tuple(coef), rhs, INF))
            for p, p_hidden in zip(r.parts.tolist(), parts_hidden.tolist()):
                if p_hidden and total_hidden:
                    rows.append(((p, r.total), (1.0, -1.0), -INF, 0.0))
                elif p_hidden:
                    rows.append(((p,), (1.0,), -INF, float(values[r.total])))
                elif total_hidden:
                    rows.append(((r.total,), (1.0,), float(values[p]), INF))
    return rows, infeasible


def _contradicted(r: Relation, values: np.ndarray, tolerance: float = 1e-9) -> bool:
    """A relation whose cells are all visible and whose values break it (a structure error: the declaration or
    the mart is wrong). Relations with a hidden cell are the programmes' constraints."""
    excess = float(values[r.total]) - float(values[r.parts].sum())  # total − Σ parts
    if r.kind == "sum":
        return abs(excess) > tolerance
    if r.kind == "contains":  # Σ parts ≤ total
        return excess < -tolerance
    return excess > tolerance or float(values[r.parts].max()) > float(values[r.total]) + tolerance  # cover


def _components(hidden_idx: np.ndarray, rows: list[Constraint]) -> list[tuple[np.ndarray, list[int]]]:
    """The connected components of hidden cells (linked by sharing a constraint), in order of their smallest
    cell, each as (its cells in order, its constraints in order)."""
    root = np.arange(len(hidden_idx))  # a forest in which every parent is smaller than its child
    firsts = np.zeros(0, dtype=np.int64)  # per constraint: its first cell
    if rows:
        cells = [r[0] for r in rows]
        sizes = np.fromiter((len(c) for c in cells), dtype=np.int64, count=len(cells))
        flat = np.searchsorted(hidden_idx, np.fromiter(chain.from_iterable(cells), dtype=np.int64))
        firsts = flat[np.cumsum(sizes) - sizes]
        ends = np.repeat(firsts, sizes), flat  # an edge from each constraint's first cell to each of its cells
        while True:
            a, b = root[ends[0]], root[ends[1]]
            joined = root.copy()
            np.minimum.at(joined, a, np.minimum(a, b))  # hook the larger root of each edge under the smaller
            np.minimum.at(joined, b, np.minimum(a, b))
            while not np.array_equal(joined[joined], joined):  # every cell straight to its tree's root
                joined = joined[joined]
            if np.array_equal(joined, root):
                break
            root = joined
    members = _groups(root, hidden_idx)
    constraints = {r: ids.tolist() for r, ids in _groups(root[firsts], np.arange(len(firsts))).items()}
    return [(cells, constraints.get(r, [])) for r, cells in members.items()]


def _groups(label: np.ndarray, values: np.ndarray) -> dict[int, np.ndarray]:
    """`values` grouped by `label`, labels in order, values in their order."""
    order = np.argsort(label, kind="stable")
    labels, starts = np.unique(label[order], return_index=True)
    return dict(zip(labels.tolist(), np.split(values[order], starts[1:]))) if len(order) else {}


@dataclass
class _Programme:
    """A component's linear programmes: `n` variables in the box [lo, hi], the constraints `multi` (two or
    more variables each). `cells`: the components (in this snapshot's numbers) that are this programme."""

    key: str | None
    n: int
    lo: np.ndarray
    hi: np.ndarray
    multi: list[tuple]
    cells: list[np.ndarray]
    contents: list[tuple] = field(default_factory=list)  # per component: its `Memo.seen` key


def _prepare(component: tuple[np.ndarray, list[int]], rows: list[Constraint], lower: np.ndarray,
             upper: np.ndarray, programmes: dict, index: int, cache: Memo | None = None,
             enough: float | None = None) -> None:
    """Give the component's cells their intervals where no programme has to be solved (no constraint, a box,
    one constraint, a programme solved before); else add the component to `programmes`, by content (without
    a memo: under its `index`)."""
    cells, row_ids = component
    if not row_ids:
        return  # hidden cells in no relation: unbounded above, nothing narrows them
    content = (enough, tuple([rows[k] for k in row_ids])) if cache is not None else None
    if content is not None and content in cache.seen:
        lower[cells], upper[cells], programme = cache.seen[content]
        cache.hits += programme  # as the memo's own lookup would count it
        return
    pos = {c: j for j, c in enumerate(cells.tolist())}
    n = len(cells)
    # the component's programmes, whatever its cells' numbers in this snapshot
    local = sorted((tuple([pos[c] for c in rows[k][0]]), *rows[k][1:]) for k in row_ids)
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
        if cache is not None:
            cache.seen[content] = (lower[cells], upper[cells], False)
        return
    if cache is None:
        programmes[index] = _Programme(None, n, lo, hi, multi, [cells])
        return
    body = repr(local)  # the programme's text, once for both keys
    exact = _content_key(n, body, None)
    key = exact if enough is None else _content_key(n, body, enough)
    hit = cache.get(exact) or (cache.get(key) if key != exact else None)
    if hit is not None:
        lower[cells], upper[cells] = hit
        cache.seen[content] = (lower[cells], upper[cells], True)
    elif key in programmes:  # the same programme as a component before it: solved once
        programmes[key].cells.append(cells)
        programmes[key].contents.append(content)
        cache.hits += 1
    else:
        programmes[key] = _Programme(key, n, lo, hi, multi, [cells], [content])


def _solve(p: _Programme, only: np.ndarray | None = None, enough: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The interval of each variable of the programme: its minimum and maximum (`feasible_intervals`)."""
    lo, hi, n = p.lo, p.hi, p.n
    lower, upper = np.empty(n), np.empty(n)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("presolve", "off")
    h.setOptionValue("simplex_strategy", 4)  # primal simplex: a new objective keeps the basis feasible
    h.setOptionValue("threads", 1)
    big = highspy.kHighsInf
    h.addVars(n, lo, np.where(np.isinf(hi), big, hi))
    for rc, coef, rlo, rhi in p.multi:
        h.addRow(max(rlo, -big), min(rhi, big), len(rc), np.array(rc, dtype=np.int32), np.array(coef))
    seen_lo, seen_hi = np.full(n, INF), np.full(n, -INF)
    if enough is not None and only is None and n >= SPREAD_MIN_CELLS:
        _spread(h, n, seen_lo, seen_hi)
    for j, c in enumerate(p.cells[0]):
        if only is not None and not only[c]:
            lower[j], upper[j] = lo[j], hi[j]
            continue
        if enough is not None and seen_hi[j] - seen_lo[j] >= enough:
            lower[j], upper[j] = seen_lo[j], seen_hi[j]
            continue
        # a bound of the cell's own box that a feasible solution so far reaches is its optimum: not solved
        h.changeColCost(j, 1.0)
        if seen_lo[j] <= lo[j]:
            lower[j] = lo[j]
        else:
            lower[j] = _optimum(h, highspy.ObjSense.kMinimize)
            _seen(h, seen_lo, seen_hi)
        if enough is not None and seen_hi[j] - seen_lo[j] >= enough:
            upper[j] = seen_hi[j]  # its minimum's solution showed it wide enough
        elif seen_hi[j] >= hi[j]:
            upper[j] = hi[j]
        else:
            upper[j] = _optimum(h, highspy.ObjSense.kMaximize)
            _seen(h, seen_lo, seen_hi)
        h.changeColCost(j, 0.0)
    return lower, upper


def _one_constraint(lo: np.ndarray, hi: np.ndarray, row: tuple) -> tuple[np.ndarray, np.ndarray]:
    """Each variable's interval over the box [lo, hi] cut by one constraint rlo ≤ Σ a·x ≤ rhi: what the other
    terms can add up to (their smallest and largest sums over the box) leaves x_k the interval
    [(rlo − their largest) / a_k, (rhi − their smallest) / a_k] (ends swapped for a_k < 0), within its box."""
    cols, coef, rlo, rhi = row
    box_lo, box_hi = lo.tolist(), hi.tolist()
    terms_lo = [a * (box_lo[c] if a > 0 else box_hi[c]) for c, a in zip(cols, coef)]  # a·x over the box
    terms_hi = [a * (box_hi[c] if a > 0 else box_lo[c]) for c, a in zip(cols, coef)]
    lower, upper = lo.copy(), hi.copy()
    for c, a, others_lo, others_hi in zip(cols, coef, _sums_but(terms_lo), _sums_but(terms_hi)):
        ends = ((rlo - others_hi) / a, (rhi - others_lo) / a)
        lower[c] = max(box_lo[c], min(ends))
        upper[c] = min(box_hi[c], max(ends))
        if lower[c] > upper[c] + 1e-9:
            raise RuntimeError("disclosure LP ended Infeasible: a declared relation does not hold")
    return lower, upper


def _sums_but(terms: list[float]) -> list[float]:
    """Per term, the sum of every other term (±inf where an unbounded term is among them). The terms are
    counts: whole numbers, whose finite total less one of them is the rest to the last bit (terms that are not
    are added up one rest at a time)."""
    finite = [t for t in terms if isfinite(t)]
    if any(t != round(t) for t in finite) or sum(map(abs, finite)) >= 2.0 ** 52:
        return [float(np.delete(np.array(terms), k).sum()) for k in range(len(terms))]
    total, up, down = sum(finite), terms.count(INF), terms.count(-INF)
    out = []
    for t in terms:
        other_up, other_down = up - (t == INF) > 0, down - (t == -INF) > 0
        out.append(nan if other_up and other_down else INF if other_up else -INF if other_down
                   else total - t if isfinite(t) else total)
    return out


def _spread(h: highspy.Highs, n: int, seen_lo: np.ndarray, seen_hi: np.ndarray) -> None:
    """Optima of random objectives (seeded by the programme's size: the same programme, the same spans): vertices
    spread over the polytope, whose spans show most cells of a large component `enough` wide at once. One costs
    about ten single-cell programmes; at scale 10, 32 of them left 230 of the 1,190 single-cell programmes of a
    component of 3,305 hidden cells (6.3 s → 2.5 s; 64 of them took 3.1 s, 128 5.7 s)."""
    rng = np.random.default_rng(n)
    cols = np.arange(n, dtype=np.int32)
    h.changeObjectiveSense(highspy.ObjSense.kMinimize)
    for _ in range(SPREAD_OBJECTIVES):
        h.changeColsCost(n, cols, rng.uniform(-1.0, 1.0, n))
        h.run()
        _seen(h, seen_lo, seen_hi)
    h.changeColsCost(n, cols, np.zeros(n))


def _seen(h: highspy.Highs, seen_lo: np.ndarray, seen_hi: np.ndarray) -> None:
    """Widen the span of values seen in feasible solutions by the last optimum (a vertex of the polytope)."""
    if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
        x = np.asarray(h.getSolution().col_value)
        np.minimum(seen_lo, x, out=seen_lo)
        np.maximum(seen_hi, x, out=seen_hi)


def _content_key(n: int, body: str, enough: float | None) -> str:
    """The memo's key: the SHA-256 of `repr((n, enough, local))`, built from `body` = `repr(local)`."""
    return hashlib.sha256(f"({n!r}, {enough!r}, {body})".encode()).hexdigest()


def _optimum(h: highspy.Highs, sense) -> float:
    h.changeObjectiveSense(sense)
    h.run()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kOptimal:
        return float(h.getInfo().objective_function_value)
    if status in (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible):
        return INF if sense == highspy.ObjSense.kMaximize else 0.0
    raise RuntimeError(f"disclosure LP ended {h.modelStatusToString(status)}: a declared relation does not hold")
