"""A CP-SAT model stated through the solver's own C++ binding, in the model's text format.

OR-Tools' Python wrapper (`ortools.sat.python.cp_model`) imports pandas and numpy for features these
tables never use: 0.6 s before the first solve of a command-line run, against 0.1 s for the C++ helper
alone (measured on this machine). A table needs only Boolean and bounded integer variables, linear
constraints (each optionally enforced by literals), assumptions and one linear objective; this module
states those and reads solutions back.

Expressions are `Lin`: integer coefficients over variable indices plus a constant, built with + - and *
by an int. A literal is a Boolean `Lin` (enforce with it) or its `negated()` form.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

_LOW, _HIGH = -(2**63), 2**63 - 1  # the proto's "unbounded"


@dataclass
class Lin:
    terms: dict[int, int] = field(default_factory=dict)
    const: int = 0

    @staticmethod
    def of(x: Lin | int) -> Lin:
        return x if isinstance(x, Lin) else Lin({}, int(x))

    def __add__(self, other: Lin | int) -> Lin:
        other = Lin.of(other)
        terms = dict(self.terms)
        for v, c in other.terms.items():
            terms[v] = terms.get(v, 0) + c
        return Lin(terms, self.const + other.const)

    __radd__ = __add__

    def __mul__(self, k: int) -> Lin:
        return Lin({v: c * k for v, c in self.terms.items()}, self.const * k)

    __rmul__ = __mul__

    def __neg__(self) -> Lin:
        return self * -1

    def __sub__(self, other: Lin | int) -> Lin:
        other = Lin.of(other)
        terms = dict(self.terms)
        for v, c in other.terms.items():
            terms[v] = terms.get(v, 0) - c
        return Lin(terms, self.const - other.const)

    def __rsub__(self, other: Lin | int) -> Lin:
        return Lin.of(other) - self

    def literal(self) -> int:
        """The literal of a Boolean variable (or of its negation, see `negated`)."""
        ((v, c),) = self.terms.items()
        return v if c == 1 else -v - 1

    def negated(self) -> Lin:
        return 1 - self


def total(items: Iterable[Lin | int]) -> Lin | int:
    """The sum of expressions and constants, built in one pass; a plain int when no variable is in it."""
    terms: dict[int, int] = {}
    const = 0
    for x in items:
        if isinstance(x, Lin):
            for v, c in x.terms.items():
                terms[v] = terms.get(v, 0) + c
            const += x.const
        else:
            const += x
    return Lin(terms, const) if terms else const


class Model:
    """Variables and constraints, kept as a proto that grows: constraints may be added between solves."""

    def __init__(self) -> None:
        from ortools.sat.python import cp_model_helper as helper  # loaded only when a table needs it

        self.helper = helper
        self.proto = helper.CpModelProto()
        self.count = 0
        self.pending: list[str] = []

    def bool(self) -> Lin:
        return self.int(0, 1)

    def bools(self, n: int) -> list[Lin]:
        """n new Boolean variables at once (one per step of a row), numbered in order."""
        self.pending += ["variables { domain: [0, 1] }"] * n
        self.count += n
        return [Lin({v: 1}) for v in range(self.count - n, self.count)]

    def int(self, lo: int, hi: int) -> Lin:
        self.pending.append(f"variables {{ domain: [{lo}, {hi}] }}")
        self.count += 1
        return Lin({self.count - 1: 1})

    def add(self, expr: Lin | int, lo: int = _LOW, hi: int = _HIGH, enforce: Iterable[Lin] = ()) -> None:
        """lo ≤ expr ≤ hi (while every literal of `enforce` holds)."""
        self.add_domain(expr, [lo, hi], enforce)

    def add_domain(self, expr: Lin | int, domain: list[int], enforce: Iterable[Lin] = ()) -> None:
        """expr lies in `domain`, a list of intervals [lo1, hi1, lo2, hi2, …]."""
        expr = Lin.of(expr)
        shifted = [b if b in (_LOW, _HIGH) else b - expr.const for b in domain]
        self._linear(expr.terms, shifted, ", ".join(str(e.literal()) for e in enforce))

    def add_sum(
        self, plus: Iterable[int], minus: Iterable[int] = (), lo: int = _LOW, hi: int = _HIGH
    ) -> None:
        """lo ≤ Σ plus − Σ minus ≤ hi over variables given by their numbers: the constraint `add` states for
        the same sum, without building an expression per variable (a row's flow has one per step)."""
        terms: dict[int, int] = {}
        for v in plus:
            terms[v] = terms.get(v, 0) + 1
        for v in minus:
            terms[v] = terms.get(v, 0) - 1
        self._linear(terms, [lo, hi], "")

    def _linear(self, terms: dict[int, int], domain: list[int], lits: str) -> None:
        self.pending.append(
            f"constraints {{ {f'enforcement_literal: [{lits}] ' if lits else ''}linear {{ "
            f"vars: [{', '.join(map(str, terms))}] coeffs: [{', '.join(map(str, terms.values()))}] "
            f"domain: [{', '.join(map(str, domain))}] }} }}"
        )

    def equal(self, a: Lin | int, b: Lin | int, enforce: Iterable[Lin] = ()) -> None:
        self.add(Lin.of(a) - b, 0, 0, enforce)

    def differs(self, expr: Lin, value: int) -> Lin:
        """A Boolean that is 1 exactly when expr ≠ value."""
        d = self.bool()
        self.add_domain(expr, [_LOW, value - 1, value + 1, _HIGH], [d])
        self.add(expr, value, value, [d.negated()])
        return d

    def solve(self, solver: Solver, assumptions: Iterable[Lin] = (), minimize: Lin | None = None) -> bool:
        """Whether a solution exists (with the assumptions; the least `minimize` when given); it is left in
        `solver`."""
        if self.pending:
            self.proto.merge_text_format(" ".join(self.pending))
            self.pending.clear()
        self.proto.assumptions.clear()
        self.proto.assumptions.extend([a.literal() for a in assumptions])
        self.proto.clear_objective()
        if minimize is not None:
            self.proto.objective.vars.extend(list(minimize.terms))
            self.proto.objective.coeffs.extend(list(minimize.terms.values()))
            self.proto.objective.offset = minimize.const
        return solver.run(self.proto)


class Solver:
    """One worker, and none of the work that only pays on large models: probing, presolve, symmetry and the
    LP relaxation cost more than these small Boolean models repay (measured on the stress forms: all four
    off is 4x faster than the defaults)."""

    def __init__(self, model: Model) -> None:
        helper = model.helper
        self.helper = helper
        self.params = helper.SatParameters()
        self.params.num_workers = 1
        self.params.cp_model_probing_level = 0
        self.params.cp_model_presolve = False
        self.params.symmetry_level = 0
        self.params.linearization_level = 0
        self.solution: list[int] = []
        self.objective = 0.0

    def run(self, proto) -> bool:
        wrapper = self.helper.SolveWrapper()
        wrapper.set_parameters(self.params)
        response = wrapper.solve(proto)
        status = self.helper.CpSolverStatus
        if response.status not in (status.OPTIMAL, status.FEASIBLE):
            return False
        self.solution = list(response.solution)
        self.objective = response.objective_value
        return True

    def value(self, expr: Lin | int) -> int:
        if isinstance(expr, int):
            return expr
        return expr.const + sum(c * self.solution[v] for v, c in expr.terms.items())
