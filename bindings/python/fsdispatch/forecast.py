"""Ticket arrival forecasts on pandas tables: expected arrivals per interval of
the week by series with prediction intervals, a rolling-origin back-test, and
a plot.

The fit runs in C++ (fsdispatch._fsd, without the GIL); this module converts
DataFrames to columns and results back to DataFrames. docs/staffing.md
describes the model.
"""
from __future__ import annotations

from collections import namedtuple
from typing import Optional, Sequence

import numpy as np
import pandas as pd

from . import _fsd
from ._errors import input_error as _input_error
from ._time import instant as _instant
from .triage import _seconds as _creation_seconds

__all__ = ["BacktestResult", "backtest_forecast", "forecast", "plot_forecast"]

BacktestResult = namedtuple("BacktestResult", ["folds", "overall", "points"])
BacktestResult.__doc__ = ("Back-test tables: one row per series and fold, one per series over all folds, and "
                          "one per series and forecast interval (actual, mean, lower, upper).")


def _arrivals(df: pd.DataFrame, by, created: str):
    if not isinstance(df, pd.DataFrame):
        raise TypeError("expected a pandas DataFrame of tickets")
    columns = [by] if isinstance(by, str) else list(by)
    for name in [created] + columns:
        if name not in df.columns:
            listed = ", ".join(str(c) for c in df.columns)
            raise _input_error(f"/columns/{name}", f'there is no column "{name}" (columns: {listed})')
    series = None
    for name in columns:
        values = df[name]
        missing = np.flatnonzero(values.isna().to_numpy() | (values.astype(str) == "").to_numpy())
        if len(missing):
            raise _input_error(f"/rows/{int(missing[0])}/{name}", "is empty: every ticket needs a series")
        text = values.astype(str)
        series = text if series is None else series + "/" + text
    return _creation_seconds(df, created), ([] if series is None else series.tolist())


def _options(interval, weeks, utc_offset, holidays, level, start, model, **extra) -> "_fsd.ForecastOptions":
    o = _fsd.ForecastOptions()
    o.interval = int(interval)
    o.utc_offset_minutes = int(utc_offset)
    o.holidays = [str(h) for h in holidays]
    o.weeks = int(weeks)
    o.level = float(level)
    if start is not None:
        o.start = _instant(start, "/options/start")
    o.model = model
    for name, value in extra.items():
        if value is not None:
            setattr(o, name, value)
    return o


def _utc(seconds) -> pd.Series:
    return pd.to_datetime(pd.Series(seconds, dtype="int64"), unit="s", utc=True)


def forecast(df: pd.DataFrame, by="category", interval: int = 3600, weeks: int = 1, utc_offset: int = 0,
             holidays: Sequence[str] = (), level: float = 0.9, created: str = "created", start=None,
             model: str = "automatic", total_series: Optional[str] = "all",
             interaction_penalty: Optional[float] = None, trend: Optional[bool] = None) -> pd.DataFrame:
    """Expected ticket arrivals per interval for each series, with prediction bounds.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per ticket; ``created`` holds integer seconds, timezone-aware datetimes or
        ISO-8601 text with an offset (naive datetimes are refused).
    by : str or list of str, default "category"
        The series column(s); several are joined as "a/b".
    interval : int, default 3600
    weeks : int, default 1
    utc_offset : int, default 0
        Minutes east of UTC of the local clock.
    holidays : sequence of str
        Local dates YYYY-MM-DD.
    level : float, default 0.9
    created : str, default "created"
    start : int or str or datetime.datetime, optional
        First forecast interval.
    model : {"automatic", "poisson"}
    total_series : str or None, default "all"
    interaction_penalty : float, optional
    trend : bool, optional

    Returns
    -------
    pandas.DataFrame
        See below.

    Notes
    -----
    Each series (the values of column ``by``) gets ``level``
    prediction bounds. ``utc_offset`` (minutes) sets the local clock on which
    weeks start on Monday 00:00; ``holidays`` are local dates YYYY-MM-DD. With
    two or more series a pooled series ``total_series`` ("all") is added.

    Returns columns series, interval_start (tz-aware UTC Timestamp), mean,
    lower, upper; ``df.attrs["series"]`` holds one row per series (history
    weeks, mean per week, trend, dispersion, next week's total and bounds).
    """
    times, series = _arrivals(df, by, created)
    o = _options(interval, weeks, utc_offset, holidays, level, start, model,
                 total_series="" if total_series is None else total_series,
                 interaction_penalty=interaction_penalty, trend=trend)
    result = _fsd._forecast(times, series, o)
    rows = result["rows"]
    out = pd.DataFrame({
        "series": rows["series"],
        "interval_start": _utc(rows["interval_start"]),
        "mean": np.asarray(rows["mean"], dtype=float),
        "lower": np.asarray(rows["lower"], dtype=float),
        "upper": np.asarray(rows["upper"], dtype=float),
    })
    out.attrs["series"] = pd.DataFrame(result["series"])
    return out


def backtest_forecast(df: pd.DataFrame, by="category", interval: int = 3600, utc_offset: int = 0,
                      holidays: Sequence[str] = (), level: float = 0.9, created: str = "created",
                      folds: int = 4, model: str = "automatic", total_series: Optional[str] = "all"
                      ) -> BacktestResult:
    """Rolling-origin back-test of the forecast.

    Each of the last ``folds`` whole weeks is forecast from the history before it.

    Parameters
    ----------
    df, by, interval, utc_offset, holidays, level, created, model, total_series
        As for forecast.
    folds : int, default 4

    Returns
    -------
    BacktestResult
        See below.

    Notes
    -----
    Returns BacktestResult(folds,
    overall, points): per fold and overall, WAPE, MAPE (over non-zero
    actuals), bias and interval coverage per interval (``interval_*``
    columns) and per day (``day_*``).
    """
    times, series = _arrivals(df, by, created)
    o = _options(interval, 1, utc_offset, holidays, level, None, model,
                 total_series="" if total_series is None else total_series)
    result = _fsd._backtest_forecast(times, series, o, int(folds))
    fold_df = pd.DataFrame(result["folds"])
    fold_df["week_start"] = _utc(fold_df["week_start"])
    points = pd.DataFrame(result["points"])
    points["interval_start"] = _utc(points["interval_start"])
    return BacktestResult(fold_df, pd.DataFrame(result["overall"]), points)


def plot_forecast(forecast_df: pd.DataFrame, history_df: Optional[pd.DataFrame] = None,
                  series: Optional[str] = None, ax=None, by: str = "category", created: str = "created"):
    """Plots one series' forecast mean with its prediction band.

    Parameters
    ----------
    forecast_df : pandas.DataFrame
        What forecast returns.
    history_df : pandas.DataFrame, optional
        The tickets, to draw actual counts.
    series : str, optional
    ax : matplotlib.axes.Axes, optional
    by, created : str
        Columns of history_df.

    Returns
    -------
    matplotlib.axes.Axes

    Notes
    -----
    When
    ``history_df`` (tickets) is given, the actual counts per interval over the
    forecast span and the week before it. ``series`` defaults to the pooled
    total when present, else the first series. Returns the Axes.
    """
    import matplotlib.pyplot as plt

    if series is None:
        names = list(dict.fromkeys(forecast_df["series"]))
        series = "all" if "all" in names else names[0]
    f = forecast_df[forecast_df["series"] == series]
    if f.empty:
        raise _input_error("/series", f'there is no series "{series}" in the forecast')
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 4))
    x = f["interval_start"]
    ax.fill_between(x, f["lower"], f["upper"], step="post", alpha=0.3, label="prediction interval")
    ax.step(x, f["mean"], where="post", label="forecast mean")
    if history_df is not None:
        step = (x.iloc[1] - x.iloc[0]) if len(x) > 1 else pd.Timedelta(hours=1)
        times = pd.to_datetime(history_df[created], utc=True)
        if series != "all" and by in history_df.columns:
            times = times[history_df[by].astype(str) == series]
        begin = x.iloc[0] - pd.Timedelta(days=7)
        end = x.iloc[-1] + step
        inside = times[(times >= begin) & (times < end)]
        # Bins aligned with the forecast's intervals (local boundaries, whatever the offset).
        counts = (begin + ((inside - begin) // step) * step).value_counts().sort_index()
        if not counts.empty:
            # Zero counts too, up to the last ticket of the history (no data after it).
            bins = pd.date_range(begin, min(end, times.max() + step), freq=step, inclusive="left")
            counts = counts.reindex(bins, fill_value=0)
            ax.plot(counts.index, counts.values, ".", color="black", markersize=3, label="actual")
    ax.set_title(f"Arrivals per interval: {series}")
    ax.set_xlabel("interval start (UTC)")
    ax.set_ylabel("tickets")
    ax.legend(loc="upper right")
    return ax
