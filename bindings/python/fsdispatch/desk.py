"""Desk staffing: Erlang C and Erlang A for one interval, and agents per interval of a DataFrame.

Times are seconds. `calls` arrive in `interval` seconds, each takes `aht` seconds on average; the
service level is the share of ALL arrivals answered within `answer_within` seconds (abandoned calls
count as missed); `patience` (mean seconds a caller waits before hanging up) switches to Erlang A.
Errors are fsdispatch.InputError (a ValueError) naming the field, e.g. "/intervals/3/calls: ...".
"""
from . import _fsd
from ._errors import input_error as _error

_RESULT_KEYS = ("agents", "scheduled", "load", "service_level", "answered_service_level", "wait_probability",
                "average_speed_of_answer", "occupancy", "abandonment")


def _target(service_level, answer_within, max_asa, max_occupancy, shrinkage, patience):
    return _fsd.DeskTarget(service_level=float(service_level), answer_within=int(answer_within),
                           max_average_speed_of_answer=None if max_asa is None else float(max_asa),
                           max_occupancy=float(max_occupancy), shrinkage=float(shrinkage),
                           patience=None if patience is None else float(patience))


def _whole_seconds(value, field):
    if isinstance(value, bool) or value != value or (isinstance(value, float) and not value.is_integer()):
        raise _error(field, f"must be whole seconds, got {value!r}")
    return int(value)


def _one(calls, interval, aht, agents, answer_within, service_level, max_asa, max_occupancy, shrinkage, patience):
    interval = _whole_seconds(interval, "/interval")
    answer_within = _whole_seconds(answer_within, "/answer_within")
    if agents is None:
        target = _target(service_level, answer_within, max_asa, max_occupancy, shrinkage, patience)
        result = _fsd._desk_agents(float(calls), interval, float(aht), target)
    else:
        result = _fsd._erlang_measures(float(calls), interval, float(aht), int(agents), answer_within,
                                       None if patience is None else float(patience))
        result["scheduled"] = None
    return {key: result[key] for key in _RESULT_KEYS}


def erlang_c(calls, interval, aht, agents=None, answer_within=20, service_level=0.8, max_asa=None,
             max_occupancy=1.0, shrinkage=0.0):
    """Erlang C (callers wait as long as it takes) for one interval.

    Parameters
    ----------
    calls : float
        Expected calls in the interval.
    interval : int
        Seconds.
    aht : float
        Average handling time, seconds.
    agents : int, optional
        Given: the figures for that many agents. None: the fewest agents meeting the target.
    answer_within : int, default 20
    service_level : float, default 0.8
    max_asa : float, optional
        Seconds.
    max_occupancy : float, default 1.0
    shrinkage : float, default 0.0

    Returns
    -------
    dict
        As described below.

    With `agents` given: the figures for that many agents ("scheduled" is then None). With agents=None: the fewest agents whose
    service level (share answered within `answer_within` s) is at least `service_level`, whose
    average speed of answer is at most `max_asa` seconds (if given) and whose occupancy is at most
    `max_occupancy`; "scheduled" is then raised for `shrinkage`. Keys: agents, scheduled, load
    (Erlangs), service_level, answered_service_level, wait_probability, average_speed_of_answer
    (seconds; math.inf when agents <= load), occupancy, abandonment (0).
    """
    return _one(calls, interval, aht, agents, answer_within, service_level, max_asa, max_occupancy, shrinkage, None)


def erlang_a(calls, interval, aht, patience, agents=None, answer_within=20, service_level=0.8, max_asa=None,
             max_occupancy=1.0, shrinkage=0.0):
    """Erlang A (callers hang up after an exponential patience of mean `patience` seconds).

    Parameters
    ----------
    calls, interval, aht, agents, answer_within, service_level, max_asa, max_occupancy, shrinkage
        As for erlang_c.
    patience : float
        Mean patience of callers, seconds.

    Returns
    -------
    dict
        The keys of erlang_c.

    As erlang_c; service_level counts abandoned calls as missed (answered_service_level is the share
    of answered calls answered in time), average_speed_of_answer is the mean wait of answered calls,
    abandonment the share of callers who hang up. The agents found may be fewer than the load.
    """
    if patience is None:
        raise _error("/patience", "give the callers' mean patience in seconds (or use erlang_c)")
    return _one(calls, interval, aht, agents, answer_within, service_level, max_asa, max_occupancy, shrinkage,
                patience)


def _interval_seconds(df, interval):
    if interval is not None:
        return [_whole_seconds(interval, "/interval")] * len(df)
    if "interval" in df.columns:
        return [_whole_seconds(v, f"/intervals/{i}/interval") for i, v in enumerate(df["interval"].tolist())]
    if "interval_start" not in df.columns:
        raise _error("/interval", "give interval=SECONDS, or an interval_start or interval column")
    starts = df["interval_start"]
    if hasattr(starts, "dt"):
        seconds = sorted({int(t.timestamp()) for t in starts})
    else:
        seconds = sorted({int(v) for v in starts})
    steps = [b - a for a, b in zip(seconds, seconds[1:]) if b > a]
    if not steps:
        raise _error("/interval", "a single interval_start: give interval=SECONDS")
    return [min(steps)] * len(df)


def staff_desk(df, aht=None, service_level=0.8, answer_within=20, shrinkage=0.0, max_occupancy=1.0,
               patience=None, interval=None, calls=None, max_asa=None):
    """Agents per interval for a DataFrame of demand.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per interval (see below).
    aht : float, optional
        Seconds; else an "aht" column.
    service_level, answer_within, shrinkage, max_occupancy, max_asa
        The target, as for erlang_c.
    patience : float, optional
        Erlang A with this mean patience (seconds).
    interval : int, optional
        Seconds per row (see below).
    calls : str, optional
        The column of expected calls.

    Returns
    -------
    pandas.DataFrame
        A copy with the staffing columns added.

    df: one row per interval with the expected calls in column `calls` (default "calls", or "mean"
    when there is no "calls" column, as in fsd.forecast's output) and, unless `aht` (seconds) is
    given, an "aht" column. The interval length is `interval` seconds, else an "interval" column,
    else the smallest step between distinct interval_start values (Timestamps or seconds).
    Added columns: load, agents, scheduled (after shrinkage), service_level, answered_service_level,
    wait_probability, asa (seconds, mean wait of answered calls), occupancy, abandonment (Erlang A,
    when `patience` is given; 0 otherwise).
    """
    if calls is None:
        calls = "calls" if "calls" in df.columns or "mean" not in df.columns else "mean"
    if calls not in df.columns:
        raise _error("/intervals", f"no column {calls!r} of expected calls")
    counts = [float(v) for v in df[calls].tolist()]
    if aht is None:
        if "aht" not in df.columns:
            raise _error("/aht", "give aht=SECONDS or an aht column")
        handling = [float(v) for v in df["aht"].tolist()]
    else:
        handling = [float(aht)] * len(df)
    lengths = _interval_seconds(df, interval)
    target = _target(service_level, _whole_seconds(answer_within, "/target/answer_within"), max_asa, max_occupancy,
                     shrinkage, patience)
    columns = _fsd._staff_desk(counts, lengths, handling, target)
    out = df.copy()
    for key, values in columns.items():
        out[key] = values
    return out


__all__ = ["erlang_a", "erlang_c", "staff_desk"]
