"""English words reduced to one form, so a question matches the metric dictionary in any inflection.

"denies", "denied", "denying" and "deny" are one word to the dictionary, as are "refusal" and "refused",
"organisations" and "organization", "withheld" and "withhold". Only inflections are taken off (plural,
past, -ing, possessive, and the -al of verbal nouns such as refusal, approval), irregular verbs are
mapped to their base, British -ise spellings are read as -ize. A derivational stemmer (Snowball/Porter)
was tried and dropped: it makes "reporters" the word "report" and "requester" the word "request", which
turned "reported" into a dimension the tables do not count. The dictionary's own phrases go through the
same reduction, so a phrase is written once, in any form, and matches every form of its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# Irregular past forms of verbs that questions about the tables use.
_IRREGULAR = {
    "withheld": "withhold",
    "upheld": "uphold",
    "held": "hold",
    "lost": "lose",
    "won": "win",
    "brought": "bring",
    "took": "take",
    "taken": "take",
    "made": "make",
    "gave": "give",
    "given": "give",
    "got": "get",
    "gotten": "get",
    "kept": "keep",
    "sent": "send",
    "sought": "seek",
    "went": "go",
    "gone": "go",
    "came": "come",
    "did": "do",
    "done": "do",
    "paid": "pay",
    "told": "tell",
    "said": "say",
    "found": "find",
    "began": "begin",
    "begun": "begin",
    "ran": "run",
    "wrote": "write",
    "written": "write",
    "left": "leave",
    "dealt": "deal",
    "fell": "fall",
    "fallen": "fall",
    "rose": "rise",
    "risen": "rise",
    "grew": "grow",
    "grown": "grow",
    "saw": "see",
    "seen": "see",
    "chose": "choose",
    "chosen": "choose",
    "spent": "spend",
    "overrode": "override",
    "overridden": "override",
    "froze": "freeze",
    "sued": "sue",
    "suing": "sue",
}
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_BRITISH = re.compile(r"(?<=[a-z]{3})is(?=(?:ation|ations|ed|es|e|ing|er|ers)$)")


@dataclass(frozen=True)
class Token:
    stem: str
    start: int
    end: int


_ENDINGS = (  # (ending, replacement), the first that fits; the stem keeps at least three letters
    ("ies", "y"),
    ("ied", "y"),
    ("sses", "ss"),
    ("xes", "x"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("ing", ""),
    ("ed", ""),
    ("sal", "s"),
    ("val", "v"),
    ("wal", "w"),
    ("s", ""),
)


@cache
def stem(word: str) -> str:
    """One form for every inflection of a lowercase word ("refusals", "refused" → "refus"; "sued" → "su")."""
    word = _IRREGULAR.get(word, word)
    if word.endswith("'s"):
        word = word[:-2]
    word = _BRITISH.sub("iz", word).replace("licenc", "licens")
    word = _strip_ending(word, _ENDINGS)
    word = _strip_ending(word, _ENDINGS[8:11])  # "refusals" → "refusal" → "refus"
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]  # dropped → dropp → drop
    return word.rstrip("e") if len(word) > 3 else word


def _strip_ending(word: str, endings) -> str:
    for ending, replacement in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 3 and not word.endswith(("ss", "us", "is")):
            return word[: -len(ending)] + replacement
    return word


def tokens(text: str) -> list[Token]:
    """The words of a lowercase text with their offsets, each reduced to its stem; "doesn't" is two words,
    "do" and "not", both at its place."""
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        if word.endswith("n't") and len(word) > 4:
            out += [
                Token(stem(_NEGATED.get(word[:-3], word[:-3])), m.start(), m.end()),
                Token("not", m.start(), m.end()),
            ]
        else:
            out.append(Token(stem(word), m.start(), m.end()))
    return out


_NEGATED = {"ca": "can", "wo": "will", "sha": "shall"}


def stems(phrase: str) -> tuple[str, ...]:
    return tuple(t.stem for t in tokens(phrase))
