"""`xxgk ask` and `xxgk chat`: open the index, call `answer()`, render.

`--batch FILE --json` answers every line in one process and prints exactly one JSON line per
question, in order: a question that raises still gets a line (kind not_found, the error said), so
a batch never loses a line.
"""

from __future__ import annotations

import contextlib
import sys
import time
import weakref

from ingest.reading import as_text

from .render import printable, to_json_line, to_terminal
from .types import Answer

MAX_BATCH_BYTES = 64 * 2**20  # a --batch file: about a million questions


def run_ask(args) -> int:
    if not args.batch and not args.question:
        print("xxgk ask: give a QUESTION, or --batch FILE", file=sys.stderr)
        return 2
    if args.batch and getattr(args, "chart", None):
        print("xxgk ask: --chart draws the chart of one QUESTION; it does not go with --batch", file=sys.stderr)
        return 2
    lines = _batch_lines(args.batch) if args.batch else []
    index = _open(args)
    from .answer import answer

    if args.batch:
        return _run_batch(args, lines, index, answer)
    result, elapsed = _timed(answer, as_text(args.question), index)
    out = to_json_line(result, elapsed) if args.json else to_terminal(result, color=sys.stdout.isatty())
    print(out)
    _warn(index)
    return _write_chart(result, args.chart) if getattr(args, "chart", None) else 0


def _write_chart(result: Answer, path: str) -> int:
    """`--chart FILE.png`: the answer's chart, or one line on stderr saying why there is none."""
    from .charts import ChartUnavailable, chart_for, render_png

    spec = chart_for(result)
    if spec is None:
        print("xxgk ask: no chart written: only trend, comparison and ranking answers with two or more figures "
              "have one", file=sys.stderr)
        return 0
    try:
        with open(path, "wb") as f:
            f.write(render_png(spec))
    except (ChartUnavailable, OSError) as e:
        print(f"xxgk ask: could not write the chart to {path}: {e}", file=sys.stderr)
        return 1
    return 0


def _open(args):
    """The index; damage that does not stop answering (vectors, the embedding cache) is said on stderr."""
    from index.reader import Index

    index = Index.open(getattr(args, "home", None))
    _warn(index)
    return index


_warned: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # index -> the problems said of it


def _warn(index) -> None:
    """Say each problem of the index once: those known on opening, and those found while answering (a
    damaged vector file is read only by a question that needs it)."""
    said = _warned.setdefault(index, set())
    for problem in index.problems():
        if problem not in said:
            said.add(problem)
            print(f"xxgk: warning: {problem}", file=sys.stderr)


def _timed(answer_fn, question: str, index) -> tuple[Answer, float]:
    start = time.perf_counter()
    try:
        result = answer_fn(question, index)
    except Exception as error:  # noqa: BLE001 - one failing question must not end the batch
        result = failed_answer(question, error)
    return result, (time.perf_counter() - start) * 1000


def failed_answer(question: str, error: Exception) -> Answer:
    from index.errors import IndexProblem
    from index.store import is_corruption

    from .understand.language import detect_language

    lang = detect_language(question)
    if is_corruption(error):
        said = "the index database is damaged; run `xxgk reindex` to rebuild it from the stored reports"
    else:
        said = str(error) if isinstance(error, IndexProblem) else f"{type(error).__name__}: {error}"
    text = f"回答这个问题时出错（{said}）。" if lang == "zh" else f"Answering this question failed ({said})."
    return Answer(question, "not_found", text, lang=lang)


def _run_batch(args, lines: list[str], index, answer_fn) -> int:
    _warm_up(index, answer_fn)
    for line in lines:
        question = line.strip()
        if not question:
            continue
        result, elapsed = _timed(answer_fn, question, index)
        if args.json:
            print(to_json_line(result, elapsed), flush=True)
        else:
            print(f"? {printable(question)}\n{to_terminal(result)}\n", flush=True)
        _warn(index)
    return 0


def _batch_lines(path: str) -> list[str]:
    """The questions of --batch FILE (- for stdin), one a line; CommandError when it cannot be read as UTF-8."""
    from .cli import CommandError

    try:
        with contextlib.nullcontext(sys.stdin.buffer) if path == "-" else open(path, "rb") as f:
            data = f.read(MAX_BATCH_BYTES + 1)  # /dev/zero, or a log given by mistake, is not read to its end
    except OSError as e:
        raise CommandError(f"cannot read the batch file {path}: {e.strerror or e}", status=2) from e
    if len(data) > MAX_BATCH_BYTES:
        raise CommandError(f"the batch file {path} holds more than {MAX_BATCH_BYTES // 2**20} MB; a batch is one "
                           "question a line: split it into smaller files", status=2)
    try:
        return data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as e:
        raise CommandError(f"the batch file {path} is not UTF-8 text (bad byte at {e.start}); save it as UTF-8, "
                           "one question a line", status=2) from e


def _warm_up(index, answer_fn) -> None:
    """Load the embedding model, the segmenter and the agency matcher before the first timed question:
    their one-off start-up cost is the process's, not a question's."""
    with contextlib.suppress(Exception):
        answer_fn("平潭2019年政府信息公开工作做了什么？", index)


def run_chat(args) -> int:
    """An interactive prompt with readline history: follow-ups are answered in the conversation's context,
    and a clarify answer is followed by picking an option. With --json: questions from standard input, one
    per line, one contract JSON line per answer (a benchmark scores follow-ups through it)."""
    index = _open(args)
    from .conversation import Conversations

    if hasattr(sys.stdin, "reconfigure"):  # a stray byte that is not UTF-8 ends no conversation
        sys.stdin.reconfigure(errors="surrogateescape")
    conversation = Conversations()
    if getattr(args, "json", False):
        return _chat_json(conversation, index)
    _readline()
    print("输入问题（Ctrl-D 退出）。Ask a question (Ctrl-D to quit).")
    pending: Answer | None = None
    while True:
        try:
            line = as_text(input("> ")).strip()
        except EOFError:
            print()
            return 0
        if not line:
            continue
        result = _chat_turn(conversation, index, pending, line)
        print(to_terminal(result, color=sys.stdout.isatty()))
        pending = result if result.kind == "clarify" else None


def _chat_turn(conversation, index, pending: Answer | None, line: str) -> Answer:
    choice = _pick(pending, line)
    if choice is not None and pending is not None:
        return conversation.choose("terminal", pending.question, choice, index)
    return conversation.ask("terminal", line, index)


def _chat_json(conversation, index) -> int:
    pending: Answer | None = None
    for line in _bounded_lines(sys.stdin):
        question = as_text(line).strip()
        if not question:
            continue
        start = time.perf_counter()
        try:
            result = _chat_turn(conversation, index, pending, question)
        except Exception as error:  # noqa: BLE001 - one failing question must not end the conversation
            result = failed_answer(question, error)
        print(to_json_line(result, (time.perf_counter() - start) * 1000), flush=True)
        pending = result if result.kind == "clarify" else None
    return 0


MAX_LINE = 64 * 1024  # far beyond a question (answering reads the first 300 characters)


def _bounded_lines(stream):
    """Lines of a stream, each cut at MAX_LINE characters: an endless line (a file given by mistake, a
    stream without newlines) is read in bounded pieces and its rest skipped, never held whole in memory."""
    while True:
        line = stream.readline(MAX_LINE)
        if not line:
            return
        if len(line) == MAX_LINE and not line.endswith("\n"):
            while (rest := stream.readline(MAX_LINE)) and not rest.endswith("\n"):
                pass
        yield line


def _pick(pending: Answer | None, line: str) -> str | None:
    """A number (or the option's text) typed after a clarify answer picks that option."""
    if pending is None or not pending.options:
        return None
    if line.isdigit() and 1 <= int(line) <= len(pending.options):
        return pending.options[int(line) - 1]
    return next((o for o in pending.options if line == o or (len(line) >= 2 and line in o)), None)


def _readline() -> None:
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401 - importing it gives input() line editing and history
