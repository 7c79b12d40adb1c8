"""Button memory: ids fit callback data, one chat cannot recall another's, and the whole is bounded."""

from __future__ import annotations

from bot.telegram.memory import ButtonMemory


def test_a_chat_recalls_only_its_own_buttons():
    memory = ButtonMemory()
    key = memory.remember(1, "平潭")
    assert memory.recall(1, key) == "平潭"
    assert memory.recall(2, key) is None


def test_bounded_with_the_least_recently_used_out_first():
    memory = ButtonMemory(capacity=3)
    a, b, c = (memory.remember(1, v) for v in "abc")
    assert memory.recall(1, a) == "a"  # a is now the most recently used
    d = memory.remember(1, "d")
    assert [memory.recall(1, k) for k in (a, b, c, d)] == ["a", None, "c", "d"]


def test_ids_stay_short():
    memory = ButtonMemory(capacity=10)
    keys = [memory.remember(i, i) for i in range(100_000)]
    assert max(len(f"s:{k}".encode()) for k in keys) <= 64
