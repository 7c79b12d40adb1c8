"""Place a scraped row's numbers into its cells, and keep only placements the table's identities allow.

Scraped text loses cell boundaries in two ways: blank cells vanish (a row prints 4 numbers where 7
cells stand) and cells fuse ("5000005" is 5|0|0|0|0|0|5). A row's text therefore admits several
placements. We enumerate every placement consistent with the row's own identity (总计 = sum of the
applicant columns), then every combination of rows consistent with the column identities. A cell is
certain only when every surviving combination gives it the same value; otherwise it is ambiguous.
Nothing here guesses: a search that grows past its budget gives up, and its cells stay ambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_PIECE = re.compile(r"^[-+]?(?:0|[1-9]\d*)(?:\.\d+)?(?:万元|元|%)?$")
_ZERO_MARK = re.compile(r"^(?:—+|-|–|/|／)$")


class SearchTooLarge(Exception):
    """The placement search passed its budget: the cells it covers stay ambiguous."""


@dataclass(frozen=True)
class Token:
    text: str  # a number as printed, possibly several fused cells ("230", "13575394432.52元")
    splittable: bool  # fused text: the token may hold several cells


@dataclass(frozen=True)
class Group:
    """An identity inside one row: cell `total` equals the sum of cells `parts`."""

    parts: tuple[int, ...]
    total: int


@lru_cache(maxsize=65536)
def piece_value(piece: str) -> float:
    if piece == "" or _ZERO_MARK.match(piece):
        return 0.0
    return float(re.sub(r"[^\d.\-+]", "", piece))


class RowLayout:
    """All placements of a row's tokens over its cells, as a graph of states, never listed unless asked.

    A state is (cell, token, offset in token, running sum of the open group). Groups must be contiguous
    (parts, then their total), as every row identity of the template is, so the running sum of the open
    group is all the rest of the row depends on.
    """

    def __init__(
        self,
        tokens: list[Token],
        n: int,
        groups: tuple[Group, ...] = (),
        signed: frozenset[int] = frozenset(),
        budget: int = 200_000,
    ):
        self.tokens, self.n, self.budget, self.signed = tokens, n, budget, signed
        self.group_at: dict[int, Group] = {}
        for g in groups:
            for i in g.parts:
                self.group_at[i] = g
            self.group_at[g.total] = g
        self._ok: dict[tuple, bool] = {}
        self._edges: dict[tuple, list[tuple[str, tuple]]] = {}
        self._steps: dict[tuple[int, int], list[tuple[str, int, int, float]]] = {}
        lengths = [len(t.text) for t in tokens]
        self._chars_after = [sum(lengths[i:]) for i in range(len(tokens) + 1)]
        self.start = (0, 0, 0, 0.0)

    def edges(self, state: tuple) -> list[tuple[str, tuple]]:
        found = self._edges.get(state)
        if found is None:
            found = self._edges[state] = self._make_edges(state)
        return found

    def _token_steps(self, ti: int, pos: int) -> list[tuple[str, int, int, float]]:
        """What a cell can take from token `ti` at offset `pos`: nothing (a blank cell), or a piece;
        as (printed, next token, next offset, value). The same for every cell, so computed once."""
        key = (ti, pos)
        steps = self._steps.get(key)
        if steps is None:
            steps = [("", ti, pos, 0.0)]
            if ti < len(self.tokens):
                tok = self.tokens[ti]
                for end in _piece_ends(tok, pos):
                    printed = tok.text[pos:end]
                    nti, npos = (ti + 1, 0) if end == len(tok.text) else (ti, end)
                    steps.append((printed, nti, npos, piece_value(printed)))
            self._steps[key] = steps
        return steps

    def _make_edges(self, state: tuple) -> list[tuple[str, tuple]]:
        cell, ti, pos, running = state
        g = self.group_at.get(cell)
        signed = cell in self.signed
        out = []
        for printed, nti, npos, v in self._token_steps(ti, pos):
            if not signed and printed.startswith("-"):
                continue
            if g is None:
                nrun = running
            elif cell == g.total:
                if abs(v - running) > 1e-9:
                    continue
                nrun = 0.0
            else:
                nrun = running + v
                if nrun > 0 and len(str(int(nrun))) > self._chars_after[nti] - npos:
                    continue  # the group's total could no longer be printed in what is left
            out.append((printed, (cell + 1, nti, npos, nrun)))
        return out

    def ok(self, state: tuple) -> bool:
        """Whether a complete placement continues from this state."""
        result = self._ok.get(state)
        if result is not None:
            return result
        if len(self._ok) > self.budget:
            raise SearchTooLarge
        cell, ti, _, _ = state
        if cell == self.n:
            result = ti == len(self.tokens)
        elif len(self.tokens) - ti > self.n - cell:
            result = False
        else:
            result = False
            for _, nxt in self.edges(state):
                if self.ok(nxt):
                    result = True
                    break
        self._ok[state] = result
        return result

    def feasible(self) -> bool:
        return self.ok(self.start)

    def cell_options(self) -> list[set[str]]:
        """For each cell, every printed value some complete placement gives it."""
        options: list[set[str]] = [set() for _ in range(self.n)]
        seen = {self.start}
        frontier = [self.start] if self.ok(self.start) else []
        while frontier:
            state = frontier.pop()
            for printed, nxt in self.edges(state):
                if nxt[0] <= self.n and self.ok(nxt):
                    options[state[0]].add(printed)
                    if nxt not in seen:
                        seen.add(nxt)
                        frontier.append(nxt)
        return options

    def placements(self, limit: int = 5_000) -> list[tuple[str, ...]]:
        """Every complete placement; SearchTooLarge when there are more than `limit`."""
        out: list[tuple[str, ...]] = []

        def walk(state: tuple, prefix: list[str]) -> None:
            if state[0] == self.n:
                out.append(tuple(prefix))
                if len(out) > limit:
                    raise SearchTooLarge
                return
            for printed, nxt in self.edges(state):
                if self.ok(nxt):
                    prefix.append(printed)
                    walk(nxt, prefix)
                    prefix.pop()

        if self.ok(self.start):
            walk(self.start, [])
        return out


@lru_cache(maxsize=65536)
def _piece_ends(tok: Token, pos: int) -> tuple[int, ...]:
    text = tok.text
    if not tok.splittable or _ZERO_MARK.match(text):
        return (len(text),) if pos == 0 else ()
    ends = []
    for end in range(pos + 1, len(text) + 1):
        piece, rest = text[pos:end], text[end:]
        if _PIECE.match(piece) and (not rest or rest[0].isdigit() or rest[0] in "-+"):
            ends.append(end)
    return tuple(ends)


@dataclass(frozen=True)
class JointIdentity:
    """Σ lhs = Σ rhs over (row, column) cells of one table."""

    lhs: tuple[tuple[int, int], ...]
    rhs: tuple[tuple[int, int], ...]


def joint_placements(
    candidates: list[list[tuple[float, ...]]],
    identities: list[JointIdentity],
    nonnegative: bool = True,
    budget: int = 300_000,
) -> list[set[int]] | None:
    """For each row, the indices of its candidates that take part in at least one assignment of all rows
    satisfying every identity. None when no assignment satisfies them all (the report contradicts itself,
    or the text lost something); SearchTooLarge past the budget.
    """
    n = len(candidates)
    rows_of = [({r for r, _ in i.lhs} | {r for r, _ in i.rhs}) for i in identities]
    touching = [[k for k, rows in enumerate(rows_of) if r in rows] for r in range(n)]
    # A row that alone makes one side of an identity (三(七) 总计 against the result rows) goes first:
    # once it is fixed, every other row's cells are bounded by it.
    alone = {
        next(iter(side))
        for i in identities
        for side in ({r for r, _ in i.lhs}, {r for r, _ in i.rhs})
        if len(side) == 1
    }
    order = sorted(range(n), key=lambda r: (r not in alone, len(candidates[r]), -len(touching[r])))
    chosen: list[int | None] = [None] * n
    used: list[set[int]] = [set() for _ in range(n)]
    steps = 0
    open_rows = sum(1 for r in range(n) if len(candidates[r]) > 1)

    def value(cell: tuple[int, int]) -> float | None:
        r, c = cell
        k = chosen[r]
        return None if k is None else candidates[r][k][c]

    def consistent(r: int) -> bool:
        for k in touching[r]:
            ident = identities[k]
            lv = [value(c) for c in ident.lhs]
            rv = [value(c) for c in ident.rhs]
            lsum = sum(v for v in lv if v is not None)
            rsum = sum(v for v in rv if v is not None)
            l_done, r_done = None not in lv, None not in rv
            if l_done and r_done and abs(lsum - rsum) > 1e-9:
                return False
            if nonnegative and ((r_done and lsum > rsum + 1e-9) or (l_done and rsum > lsum + 1e-9)):
                return False
        return True

    def all_used() -> bool:
        return all(len(used[r]) == len(candidates[r]) for r in range(n) if len(candidates[r]) > 1)

    def walk(depth: int) -> bool:
        nonlocal steps
        steps += 1
        if steps > budget:
            raise SearchTooLarge
        if depth == n:
            for r in range(n):
                used[r].add(chosen[r])
            return open_rows > 0 and all_used()
        r = order[depth]
        for k in range(len(candidates[r])):
            chosen[r] = k
            if consistent(r) and walk(depth + 1):
                return True
        chosen[r] = None
        return False

    if any(not c for c in candidates):
        return None
    walk(0)
    if not used[0] and n:
        return None
    return used
