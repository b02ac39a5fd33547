"""The command palette: every action the screen offers now, by the words of its key."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from mediate.tui.keys import KeyHelp, palette_actions


class MediateCommands(Provider):
    """Offers the actions of the screen under the palette, read from its active bindings."""

    def _available(self) -> list[tuple[str, partial, str]]:
        return [(self._title(k), self._runner(k), k.tooltip) for k in palette_actions(self.screen)]

    @staticmethod
    def _title(key: KeyHelp) -> str:
        return f"{key.description} ({key.display})"

    def _runner(self, key: KeyHelp) -> partial:
        return partial(self.app.run_action, key.binding.action, key.node)

    async def discover(self) -> Hits:
        for title, run, help_text in self._available():
            yield DiscoveryHit(title, run, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, run, help_text in self._available():
            score = max(matcher.match(title), matcher.match(help_text) * 0.8 if help_text else 0)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=help_text or None)
