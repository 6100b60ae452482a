"""Live dispatch: keyword-friendly methods of LivePlan and change sets as dicts.

A LivePlan changes in place; every operation returns what changed. Use
``plan.copy()`` first to keep the old plan.
"""
import json as _json

from . import _fsd

LivePlan = _fsd.LivePlan


def _insert(self, ticket, alternatives=5, engineer=None, commit=True):
    """Place a ticket at its cheapest feasible position (or with `engineer`).

    Returns an InsertResult: ``placed``, ranked ``alternatives`` (best first,
    one per engineer), ``left_out`` (why, when not placed) and ``changes``.
    With ``commit=False`` only the ranking is computed.
    """
    return self._insert(ticket, alternatives, engineer, commit)


def _book_slot(self, ticket, window, alternatives=5, engineer=None):
    """Give the ticket `window` as its only time window and insert it."""
    if isinstance(window, tuple):
        window = _fsd.TimeWindow(*window)
    return self._book_slot(ticket, window, alternatives, engineer)


def _offer_slots(self, ticket, windows):
    """Grade candidate windows ((start, end) tuples or TimeWindow) for a ticket."""
    converted = [_fsd.TimeWindow(*w) if isinstance(w, tuple) else w for w in windows]
    return self._offer_slots(ticket, converted)


def _reoptimise(self, time_limit=1.0, iteration_limit=-1, seed=1, reassignment_cost=1800):
    """Re-plan the movable part with the routing solver (GIL released).

    Moving a planned ticket to another engineer costs `reassignment_cost`; the
    current plan is kept unless the new one is cheaper.
    """
    return self._reoptimise(time_limit, iteration_limit, seed, reassignment_cost)


def _changes_dict(self, changes):
    """A ChangeSet with engineer and ticket ids, as a dict."""
    return _json.loads(self.describe(changes))


def _apply(self, event):
    """Apply one event (a dict or JSON text, docs/dispatch.md); returns the outcome dict."""
    text = event if isinstance(event, str) else _json.dumps(event)
    return _json.loads(self.apply_event(text))


LivePlan._offer_slots = LivePlan.offer_slots
LivePlan.insert = _insert
LivePlan.book_slot = _book_slot
LivePlan.offer_slots = _offer_slots
LivePlan.reoptimise = _reoptimise
LivePlan.changes_dict = _changes_dict
LivePlan.apply = _apply
