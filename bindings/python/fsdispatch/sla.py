"""SLA status tables: ticket event histories in, one row per ticket x metric out.

Times are integer Unix seconds, ISO-8601 strings with an offset, or datetime /
pandas Timestamp objects (converted to Unix seconds).
"""
import time as _time

from . import _fsd
from ._time import instant as _instant

_COLUMNS = ("ticket", "time", "event", "priority", "tier", "impact", "urgency")


def _seconds(value, path="/at"):
    # Text stays text: the SLA reader parses it with its own rules (docs/sla.md); every other form
    # goes through the package's one instant rule (naive datetimes refused).
    if isinstance(value, str):
        return value
    return _instant(value, path)


def _none_if_missing(value):
    try:
        if value != value:  # NaN from pandas
            return None
    except (TypeError, ValueError):
        pass
    return value


def _int_or_none(value):
    value = _none_if_missing(value)
    return None if value is None else int(value)


def _rows(ticket_events, priority, tier):
    if hasattr(ticket_events, "to_dict") and hasattr(ticket_events, "columns"):
        records = ticket_events.to_dict("records")
    else:
        records = list(ticket_events)
    rows = []
    for r in records:
        is_created = str(r.get("event")) == "created"
        p = _int_or_none(r.get("priority"))
        t = _none_if_missing(r.get("tier"))
        if is_created:
            p = p if p is not None else priority
            t = t if t is not None else tier
        time = _seconds(r.get("time"), f"/events/{len(rows)}/time")
        rows.append((str(r.get("ticket")), time, str(r.get("event")), p, t,
                     _int_or_none(r.get("impact")), _int_or_none(r.get("urgency"))))
    return rows


def _table(records, columns):
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is optional
        return records
    return pd.DataFrame.from_records(records, columns=columns)


_STATUS_COLUMNS = ["ticket", "metric", "cycle", "priority", "tier", "state", "start", "target", "elapsed",
                   "paused", "remaining", "deadline", "breached", "stopped_at"]


def sla_status(ticket_events, policy, at=None, priority=None, tier=None):
    """SLA clocks of every ticket at an instant.

    Parameters
    ----------
    ticket_events : pandas.DataFrame or list of dict
        ticket, time, event and, on the created row, priority (or impact and
        urgency) and tier.
    policy : SlaPolicy
    at : int or str or datetime.datetime, optional
        Default: now.
    priority : int, optional
        Fills in a created row without one.
    tier : str, optional
        Fills in a created row without one.

    Returns
    -------
    pandas.DataFrame
        One row per ticket x metric (the current cycle); a list of dicts
        without pandas.

    Raises
    ------
    InputError
        A bad event row or instant, named by its path.
    """
    at = int(_time.time()) if at is None else _seconds(at)
    return _table(_fsd._sla_status_rows(_rows(ticket_events, priority, tier), policy, at), _STATUS_COLUMNS)


def sla_escalations(ticket_events, policy, at=None, priority=None, tier=None):
    """Escalation levels fired by `at`, and the ones still to come (fired=False).

    Parameters
    ----------
    ticket_events, policy, at, priority, tier
        As for sla_status.

    Returns
    -------
    pandas.DataFrame
        ticket, metric, cycle, percent, action, time, fired.
    """
    at = int(_time.time()) if at is None else _seconds(at)
    return _table(_fsd._sla_escalations(_rows(ticket_events, priority, tier), policy, at),
                  ["ticket", "metric", "cycle", "percent", "action", "time", "fired"])


def sla_at_risk(ticket_events, policy, etas, at=None, margin=0, response_on_site=False, priority=None, tier=None):
    """Open SLAs that a plan's ETAs will miss.

    Parameters
    ----------
    ticket_events, policy, at, priority, tier
        As for sla_status.
    etas : dict
        Ticket id -> expected resolution instant.
    margin : int, default 0
        Seconds of safety before a deadline.
    response_on_site : bool, default False
        Count the response as met on arrival.

    Returns
    -------
    pandas.DataFrame
        ticket, metric, cycle, deadline, eta, late_by, late_by_business, already_breached.
    """
    at = int(_time.time()) if at is None else _seconds(at)
    etas = {str(k): _seconds(v, f"/etas/{k}") for k, v in dict(etas).items()}
    return _table(_fsd._sla_at_risk(_rows(ticket_events, priority, tier), policy, at, etas, int(margin),
                                    bool(response_on_site)),
                  ["ticket", "metric", "cycle", "deadline", "eta", "late_by", "late_by_business", "already_breached"])
