"""Conversation threads: messages grouped by Message-ID, In-Reply-To and References."""

from __future__ import annotations

from collections.abc import Iterable

from mediate.domain.model import Message


def _moment(message: Message) -> tuple[bool, float]:
    """A sort key: by time, undated messages last."""
    return (message.sent_at is None, message.sent_at.timestamp() if message.sent_at else 0.0)


def thread_order(messages: Iterable[Message]) -> list[list[Message]]:
    """Messages grouped into threads, each thread and the list of threads ordered by time.

    A message's parent is the nearest message present among its In-Reply-To and References
    (last reference first); a message without a present parent starts its own thread.
    """
    messages = list(messages)
    by_id: dict[str, int] = {}
    for index, message in enumerate(messages):
        if message.message_id:
            by_id.setdefault(message.message_id, index)

    def parent(index: int) -> int | None:
        message = messages[index]
        for ref in (message.in_reply_to, *reversed(message.references)):
            found = by_id.get(ref)
            if found is not None and found != index:
                return found
        return None

    def root(index: int) -> int:
        seen = {index}
        while (up := parent(index)) is not None and up not in seen:
            seen.add(up)
            index = up
        return index

    threads: dict[int, list[Message]] = {}
    for index, message in enumerate(messages):
        threads.setdefault(root(index), []).append(message)
    ordered = [sorted(thread, key=_moment) for thread in threads.values()]
    return sorted(ordered, key=lambda thread: _moment(thread[0]))
