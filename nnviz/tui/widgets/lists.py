"""Textual's OptionList and Select, with page up/down that cannot crash.

Textual 8.2.8's ``OptionList._move_page`` reads ``_index_to_line``, which
``_update_lines`` leaves empty while the list has no room to lay out (a
dialog squeezed by a small window): pageup or pagedown then raises a
KeyError and ends the app. Root cause upstream: Textualize/textual#5794
(``_update_lines`` exits early on a zero-height region); the same crash
downstream: kagan-sh/kagan-legacy#31. Until it is fixed there, a list that
is not laid out moves a page to its first or last option.
"""

from __future__ import annotations

from textual import widgets
from textual.widgets._select import SelectCurrent, SelectOverlay  # no public names for Select's parts


class PagingSafe:
    """Mixin for an OptionList: page moves fall back to first/last when the lines are not laid out."""

    def _move_page(self, direction: int) -> None:
        self._update_lines()
        if (self.highlighted or 0) not in self._index_to_line or not self._lines:
            (self.action_first if direction < 0 else self.action_last)()
            return
        super()._move_page(direction)


class OptionList(PagingSafe, widgets.OptionList):
    """``textual.widgets.OptionList`` whose pageup/pagedown never raise."""


class _Overlay(PagingSafe, SelectOverlay):
    """The Select's drop-down list, paging safely."""


class Select(widgets.Select):
    """``textual.widgets.Select`` whose drop-down list pages safely."""

    def compose(self):  # Select.compose, with the safe overlay
        yield SelectCurrent(self.prompt)
        yield _Overlay(type_to_search=self._type_to_search).data_bind(compact=widgets.Select.compact)
