"""The keys of a screen, described once: F1 and the command palette both read them from the
screen's active bindings (its own, its focused widget's and the app's), as the footer does."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

FOCUS_ACTIONS = ("app.focus_next", "app.focus_previous")
FOCUS_TIPS = {
    "app.focus_next": "Move to the next field, list or table",
    "app.focus_previous": "Move to the previous field, list or table",
}


@dataclass(frozen=True)
class KeyHelp:
    """One key of a screen and what it does."""

    key: str  # the key as Textual names it
    display: str  # the key as shown ("^s", "f1", "tab")
    description: str  # the footer's words
    tooltip: str  # a sentence saying more
    enabled: bool  # False: shown dimmed in the footer, not offered in the palette
    node: DOMNode  # whose binding it is (the action runs there)
    binding: Binding


def described_keys(screen: Screen) -> list[KeyHelp]:
    """Every key the footer can show (and the keys that move focus), in binding order."""
    keys = []
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description:
            continue
        palette = key == screen.app.COMMAND_PALETTE_BINDING
        if not (binding.show or binding.id or binding.action in FOCUS_ACTIONS or palette):
            continue
        keys.append(
            KeyHelp(
                key=key,
                display=screen.app.get_key_display(binding),
                description=binding.description,
                tooltip=active.tooltip or binding.tooltip or FOCUS_TIPS.get(binding.action, ""),
                enabled=active.enabled,
                node=active.node,
                binding=binding,
            )
        )
    return keys


def palette_actions(screen: Screen) -> list[KeyHelp]:
    """What the command palette offers: each action the screen can take now, once."""
    seen: set[tuple[int, str]] = set()
    offered = []
    for key in described_keys(screen):
        identity = (id(key.node), key.binding.action)
        if (
            not key.enabled
            or key.key == screen.app.COMMAND_PALETTE_BINDING
            or key.binding.action in FOCUS_ACTIONS
            or identity in seen
        ):
            continue
        seen.add(identity)
        offered.append(key)
    return offered
