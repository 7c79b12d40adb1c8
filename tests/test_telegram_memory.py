"""Button memory: ids fit callback data, one chat cannot recall another's, a button recalls only its own
kind of thing, and the whole is bounded."""

from __future__ import annotations

from bot.telegram.memory import ButtonMemory, PendingChoice, SourcesShown


def test_a_chat_recalls_only_its_own_buttons():
    memory = ButtonMemory()
    key = memory.remember(1, "平潭")
    assert memory.recall(1, key, str) == "平潭"
    assert memory.recall(2, key, str) is None


def test_a_button_of_another_kind_recalls_nothing():
    memory = ButtonMemory()
    choice = memory.remember(1, PendingChoice("营商局2020年收到多少申请？", ("盘锦市营商环境建设局",), "zh"))
    assert memory.recall(1, choice, SourcesShown) is None
    assert memory.recall(1, choice, PendingChoice).options == ("盘锦市营商环境建设局",)


def test_bounded_with_the_least_recently_used_out_first():
    memory = ButtonMemory(capacity=3)
    a, b, c = (memory.remember(1, v) for v in "abc")
    assert memory.recall(1, a, str) == "a"  # a is now the most recently used
    d = memory.remember(1, "d")
    assert [memory.recall(1, k, str) for k in (a, b, c, d)] == ["a", None, "c", "d"]


def test_ids_stay_short():
    memory = ButtonMemory(capacity=10)
    keys = [memory.remember(i, i) for i in range(100_000)]
    assert max(len(f"s:{k}".encode()) for k in keys) <= 64
