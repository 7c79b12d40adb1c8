"""One answer of several parts: each part's own answer, numbered, with its own certainty and sources."""

from __future__ import annotations

from ..types import Answer

# Which part's kind the whole answer takes: a certain fact first, a "cannot tell" last.
_RANK = ("fact", "list", "compare", "narrative", "clarify", "not_found")


def joined(answers: list[Answer], lang: str) -> Answer:
    """The parts' answers under their own questions ("（1）…", "(1) …"); a value only when one part states one."""
    marks = [f"（{i}）" if lang == "zh" else f"({i}) " for i in range(1, len(answers) + 1)]
    text = "\n\n".join(f"{mark}{a.question}\n{a.text}" for mark, a in zip(marks, answers))
    kind = min((a.kind for a in answers), key=_RANK.index)
    values = [a.value for a in answers if a.kind == "fact" and a.value is not None]
    value = values[0] if len(values) == 1 else None  # two numbers, never one for both
    return Answer(answers[0].question, kind, text, value, tuple(f for a in answers for f in a.facts),
                  tuple(s for a in answers for s in a.sources), lang=lang, query=answers[0].query)
