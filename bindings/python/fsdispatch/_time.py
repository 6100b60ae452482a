"""Instants as the engine takes them: whole Unix seconds.

Users hold instants as ints, timezone-aware datetimes (pandas Timestamps are
datetimes) or ISO-8601 text; every function of the package that takes an
instant converts it here, so all of them accept and refuse the same things.
A naive datetime is refused rather than guessed: the machine's zone is rarely
the zone of the engineers' day.
"""
import datetime as _dt
import numbers as _numbers

from . import _fsd
from ._errors import input_error


def instant(value, path):
    """Convert one instant to Unix seconds.

    Parameters
    ----------
    value : int, datetime.datetime or str
        Unix seconds; a timezone-aware datetime (fractions of a second are
        dropped, rounding towards the past); or ISO-8601 text with a UTC offset
        ("2026-11-23T08:30:00+01:00" or "...Z").
    path : str
        Where the value came from, named in the error ("now", "/events/0/at").

    Returns
    -------
    int
        Seconds since 1970-01-01T00:00:00Z.

    Raises
    ------
    InputError
        A naive datetime, or text that is not an ISO-8601 instant with an offset.
    TypeError
        Any other type (bool included: True is not an instant).
    """
    if isinstance(value, bool):
        raise TypeError(f"{path}: expected an instant (int seconds, datetime or ISO-8601 text), got a bool")
    if isinstance(value, _numbers.Integral):
        return int(value)
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
            raise input_error(path, "a naive datetime has no time zone; give it tzinfo "
                                    "(e.g. datetime(..., tzinfo=timezone.utc)) or pass ISO-8601 text with an offset")
        # Exact integer arithmetic: float timestamps lose microseconds far from 1970.
        delta = value - _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
        return delta.days * 86400 + delta.seconds
    if isinstance(value, str):
        return _fsd.parse_iso8601(value, path)
    raise TypeError(f"{path}: expected an instant (int seconds, datetime or ISO-8601 text), "
                    f"got {type(value).__name__}")


def instant_list(values, path):
    """Convert a sequence of instants (a list, or a pandas Series/column) to Unix seconds.

    Parameters
    ----------
    values : iterable
        Entries as `instant` takes them. A pandas Series of dtype
        ``datetime64[ns, tz]`` works entry by entry; a naive ``datetime64`` column
        is refused like a naive datetime.
    path : str
        Where the values came from; entry i is named ``f"{path}/{i}"``.

    Returns
    -------
    list of int

    Raises
    ------
    InputError
        A naive datetime column or entry, or unparsable text, naming the entry.
    TypeError
        An entry of another type.
    """
    # Entries of a zone-aware column are pandas Timestamps, which `instant` takes as datetimes.
    dtype = getattr(values, "dtype", None)
    if dtype is not None and getattr(dtype, "kind", None) == "M":
        # numpy datetime64 has no zone at all; pandas keeps the zone on the dtype (DatetimeTZDtype has kind "M" too).
        if getattr(dtype, "tz", None) is None:
            raise input_error(path, "a naive datetime64 column has no time zone; localise it first "
                                    "(series.dt.tz_localize('Europe/Berlin')) or give ISO-8601 text with offsets")
    return [instant(v, f"{path}/{i}") for i, v in enumerate(values)]
