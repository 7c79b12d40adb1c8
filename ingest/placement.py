"""The ways a table row can be read: a graph of placements of its printed numbers over its cells.

Scraped text loses cell boundaries in two ways: blank cells vanish (a row prints 4 numbers where 7 cells
stand) and cells fuse ("5000005" is 5|0|0|0|0|0|5). A row's text therefore admits several placements. They
are never listed: a placement is a path through a layered graph whose layer k holds the choices for cell k
(a blank, or the next piece of the printed text), so a row of any length is a few hundred steps at most. A
row read from a grid is the same graph with one choice per cell. Which placements the table's identities
allow is decided for the whole table at once (`table_model`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache, partial
from itertools import chain
from operator import attrgetter, itemgetter

from ingest.numbers import Number

_PIECE = re.compile(r"^[-+]?(?:0|[1-9]\d*)(?:\.\d+)?(?:万元|元|%)?$")
_ZERO_MARK = re.compile(r"^(?:—+|-|–|/|／)$")


@dataclass(frozen=True)
class Token:
    text: str  # a number as printed, possibly several fused cells ("230", "13575394432.52元")
    splittable: bool  # fused text: the token may hold several cells


@dataclass(frozen=True)
class Choice:
    """One way to read a cell: what it prints ("" for a blank cell) and its value.

    `value` is None when the printed text cannot be stated as the cell's value (words, two different
    numbers, a number beyond what the cell can hold, a row whose numbers could not be read): the cell is
    then unknown, and `why` says why.
    """

    printed: str
    value: Number | None
    why: str = ""
    unit: str | None = None

    @property
    def blank(self) -> bool:
        return self.printed == "" and self.value is not None


# One edge of a row's graph, (cell, src, dst, choice): cell `cell` reads `choice` from node `src` to node `dst`
# (node ids: node 0 is the start, `RowGraph.end` the end). A plain tuple, read by unpacking: a row of fused text
# has hundreds of steps, and a plain tuple is made several times faster than a named one or a dataclass.
Step = tuple[int, int, int, Choice]
_CHOICE = itemgetter(3)
_FIRST, _THIRD = itemgetter(0), itemgetter(2)
_VALUE = attrgetter("value")


@dataclass(frozen=True)
class RowGraph:
    """Every placement of a row: the paths from node 0 to `end`, one step per cell. Only steps on some
    complete path are kept, so a graph without steps means the row's numbers fit no placement."""

    n: int
    steps_by_cell: tuple[tuple[Step, ...], ...]  # each cell's steps, in order
    end: int

    @property
    def feasible(self) -> bool:
        return any(self.steps_by_cell)

    @cached_property
    def unread(self) -> tuple[int, ...]:
        """The cells no placement reads as a value (every choice holds words; every cell of a row that fits no
        placement)."""
        if not self.feasible:
            return tuple(range(self.n))
        return tuple(c for c, choices in enumerate(self.by_cell) if set(map(_VALUE, choices)) == {None})

    @cached_property
    def steps(self) -> tuple[Step, ...]:
        """Every step, cell by cell."""
        return tuple(chain.from_iterable(self.steps_by_cell))

    def choices(self, cell: int) -> frozenset[Choice]:
        return self.distinct[cell]

    @cached_property
    def distinct(self) -> tuple[frozenset[Choice], ...]:
        """Each cell's distinct choices, kept once. A fused row's steps repeat a few Choice objects many times:
        they are told apart by identity first, so each is hashed (a dataclass hash, in Python) once."""
        return tuple(frozenset(dict(zip(map(id, cell), cell)).values()) for cell in self.by_cell)

    @cached_property
    def by_cell(self) -> tuple[tuple[Choice, ...], ...]:
        """Each cell's choices, in the order of the steps (kept once: the decision asks for them often)."""
        return tuple(tuple(map(_CHOICE, steps)) for steps in self.steps_by_cell)


Reader = Callable[[int, str], Choice]  # (cell, printed piece) → how that cell reads it


def exact_row(choices: list[Choice]) -> RowGraph:
    """A row whose cells are known one by one (a grid row, or a row that could not be read at all)."""
    return RowGraph(len(choices), tuple(((i, i, i + 1, c),) for i, c in enumerate(choices)), len(choices))


def place_tokens(
    tokens: list[Token],
    n: int,
    read: Reader,
    signed: frozenset[int] = frozenset(),
    alike: Sequence[Hashable] | None = None,
) -> RowGraph:
    """The placements of a scraped row's tokens, in order, over its n cells; blanks anywhere.

    `alike[i]`: a key shared by cells that read every piece alike (a row's count columns): each piece is
    read once per key (`read` is asked with the key's first cell), not once per cell and node."""
    width = max((len(t.text) for t in tokens), default=0) + 1
    pieces = _pieces(tokens, width)
    keys = range(n) if alike is None else alike
    moves_of: dict[tuple, tuple[Choice, dict[int, list[tuple[Choice, int]]]]] = {}
    layers: list[dict[int, list[tuple[Choice, int]]]] = []
    frontier = {0}  # a node is (token index * (longest token + 1) + offset in that token)
    for cell in range(n):
        kind = (keys[cell], cell in signed)
        if kind not in moves_of:
            moves_of[kind] = _moves(pieces, partial(read, cell), cell in signed)
        blank, moves = moves_of[kind]
        out = {node: moves.get(node) or [(blank, node)] for node in frontier}
        layers.append(out)
        frontier = {dst for pairs in out.values() for _, dst in pairs}
    return _prune(layers, len(tokens) * width, n)


def _moves(
    pieces: dict[int, list[tuple[str, int, bool]]], read: Callable[[str], Choice], minus: bool
) -> tuple[Choice, dict[int, list[tuple[Choice, int]]]]:
    """How a cell of one kind reads a blank; and node → the (reading, node after it) it may take there: the
    blank first, then each piece it can read (a node no piece starts at, the end, has the blank alone)."""
    blank = read("")
    moves = {}
    for node, found in pieces.items():
        pairs = moves[node] = [(blank, node)]
        for printed, dst, fused in found:
            if not minus and printed.startswith("-"):
                continue
            choice = read(printed)
            if choice.value is None and fused:
                continue  # fused cells split only into cells that can be read
            pairs.append((choice, dst))
    return blank, moves


def _pieces(tokens: list[Token], width: int) -> dict[int, list[tuple[str, int, bool]]]:
    """node → (the piece of text a cell may take from there, the node after it, whether the token is fused),
    the same for every cell, so found once."""
    pieces: dict[int, list[tuple[str, int, bool]]] = {}
    for ti, token in enumerate(tokens):
        text = token.text
        for pos in range(len(text) + 1):
            node = ti * width + pos
            for end in _piece_ends(token, pos):
                dst = (ti + 1) * width if end == len(text) else ti * width + end
                pieces.setdefault(node, []).append((text[pos:end], dst, token.splittable))
    return pieces


def _prune(layers: list[dict], goal: int, n: int) -> RowGraph:
    """Keep the steps on some path from the start to `goal` after the last cell; renumber the nodes."""
    alive = {goal}
    kept: list[list[tuple[int, Choice, int]]] = []
    for out in reversed(layers):
        layer = [(src, c, dst) for src, pairs in out.items() for c, dst in pairs if dst in alive]
        alive = set(map(_FIRST, layer))
        kept.append(layer)
    if 0 not in alive:
        return RowGraph(n, ((),) * n, 1)
    kept.reverse()
    # The ids of the nodes after the cells so far, in order of first use. Every node a kept step leaves is
    # reached by kept steps (the steps that reach it reach the goal through it), so it has its id.
    ids, count, cells = {0: 0}, 1, []
    for cell, layer in enumerate(kept):
        after = {dst: i for i, dst in enumerate(dict.fromkeys(map(_THIRD, layer)), count)}
        count += len(after)
        cells.append(tuple([(cell, ids[src], after[dst], choice) for src, choice, dst in layer]))
        ids = after
    return RowGraph(n, tuple(cells), ids[goal])


@lru_cache(maxsize=65536)
def _piece_ends(tok: Token, pos: int) -> tuple[int, ...]:
    text = tok.text
    if pos >= len(text):
        return ()
    if not tok.splittable or _ZERO_MARK.match(text):
        return (len(text),) if pos == 0 else ()
    ends = []
    for end in range(pos + 1, len(text) + 1):
        piece, rest = text[pos:end], text[end:]
        if _PIECE.match(piece) and (not rest or rest[0].isdigit() or rest[0] in "-+"):
            ends.append(end)
    return tuple(ends)
