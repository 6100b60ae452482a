"""fsd.forecast / backtest_forecast / plot_forecast and the `fsd forecast` CLI."""
import csv
import json
import os
import subprocess

import pytest

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

import fsdispatch as fsd
from fsdispatch import _fsd

MONDAY = 1767571200  # 2026-01-05T00:00:00Z, a Monday
WEEK = 7 * 86400


def steady(weeks, per_hour, series="a", start=MONDAY):
    """per_hour(t) tickets in every hour of `weeks` weeks from `start`."""
    created, names = [], []
    for t in range(start, start + weeks * WEEK, 3600):
        for j in range(per_hour(t)):
            created.append(t + 60 * j + 7)
            names.append(series)
    return pd.DataFrame({"created": created, "category": names})


def weekday(t):
    return ((t // 86400) + 3) % 7  # 0 = Monday (1970-01-01 was a Thursday)


def test_constant_rate_history_forecasts_that_rate():
    out = fsd.forecast(steady(3, lambda t: 4), interval=3600)
    assert list(out.columns) == ["series", "interval_start", "mean", "lower", "upper"]
    assert len(out) == 168 and set(out["series"]) == {"a"}
    assert np.allclose(out["mean"], 4.0, atol=1e-6)
    assert (out["lower"] == 4).all() and (out["upper"] == 4).all()
    assert str(out["interval_start"].dt.tz) == "UTC"
    assert out["interval_start"].iloc[0] == pd.Timestamp("2026-01-26T00:00:00Z")


def test_two_level_weekday_pattern_and_pooled_total():
    df = pd.concat([steady(4, lambda t: 6 if weekday(t) < 5 else 2),
                    steady(4, lambda t: 1, series="b")])
    out = fsd.forecast(df.sample(frac=1.0, random_state=3))  # unsorted input is fine
    a = out[out.series == "a"]
    expected = np.where(a["interval_start"].dt.dayofweek < 5, 6.0, 2.0)
    assert np.allclose(a["mean"], expected, rtol=1e-4)
    assert set(out.series) == {"a", "b", "all"}
    total = out.groupby("series")["mean"].sum()
    assert total["all"] == pytest.approx(total["a"] + total["b"], rel=0.02)
    summary = out.attrs["series"]
    assert list(summary["series"]) == ["a", "b", "all"]
    assert summary.set_index("series").loc["b", "next_week_mean"] == pytest.approx(168.0, abs=1e-3)


def test_utc_offset_moves_the_week_to_local_monday():
    # Arrivals from Sunday 23:00 UTC = Monday 00:00 at UTC+01:00, for two weeks.
    df = steady(2, lambda t: 2, start=MONDAY - 3600)
    out = fsd.forecast(df, utc_offset=60)
    # The forecast starts at the next local Monday 00:00, which is Sunday 23:00 UTC.
    assert out["interval_start"].iloc[0] == pd.Timestamp("2026-01-18T23:00:00Z")
    # An arrival at 23:30 UTC on Sunday counts in Monday's first local hour.
    assert len(out) == 168 and np.allclose(out["mean"], 2.0, atol=1e-6)


def test_holiday_is_its_own_day_type():
    holiday = MONDAY + 8 * 86400  # Tuesday 2026-01-13
    df = steady(4, lambda t: 1 if holiday <= t < holiday + 86400 else 4)
    out = fsd.forecast(df, holidays=["2026-01-13", "2026-02-03"], trend=False)
    on_holiday = out["interval_start"].dt.strftime("%Y-%m-%d") == "2026-02-03"
    assert np.allclose(out.loc[on_holiday, "mean"], 1.0, rtol=1e-3)
    assert np.allclose(out.loc[~on_holiday, "mean"], 4.0, rtol=1e-3)


def test_trend_and_coverage_on_synthetic_history():
    h = _fsd._synthetic_history(52, 3600, 0, 1, 0.01)
    df = pd.DataFrame({"created": h["created"], "category": h["series"]})
    out = fsd.forecast(df, holidays=h["holidays"])
    summary = out.attrs["series"].set_index("series")
    # hvac has ~26,000 arrivals: the slope's standard error is ~4e-4 (see forecast_test.cpp).
    assert summary.loc["hvac", "trend_per_week"] == pytest.approx(0.01, abs=0.002)
    bt = fsd.backtest_forecast(df, holidays=h["holidays"], folds=6)
    # Discrete counts: a 90 % interval covers 90 % or more (more at small means), see the C++ test.
    assert bt.overall["interval_coverage"].between(0.87, 0.99).all()
    assert set(bt.folds["fold"]) == set(range(6))
    assert len(bt.points) == 6 * 168 * 4


def test_backtest_arithmetic_on_a_hand_made_history():
    # 4 an hour for 4 weeks, then a fifth week with 5 an hour: forecast 4, actual 5 everywhere.
    df = pd.concat([steady(4, lambda t: 4), steady(1, lambda t: 5, start=MONDAY + 4 * WEEK)])
    bt = fsd.backtest_forecast(df, folds=1, model="poisson")
    row = bt.overall.iloc[0]
    # WAPE = sum |5 - 4| / sum 5 = 0.2 per interval and per day; MAPE = 1/5; bias = -0.2.
    assert row["interval_wape"] == pytest.approx(0.2, abs=1e-6)
    assert row["interval_mape"] == pytest.approx(0.2, abs=1e-6)
    assert row["interval_bias"] == pytest.approx(-0.2, abs=1e-6)
    assert row["day_wape"] == pytest.approx(0.2, abs=1e-6)
    assert row["interval_points"] == 168 and row["day_points"] == 7
    assert bt.folds["week_start"].iloc[0] == pd.Timestamp("2026-02-02T00:00:00Z")


def test_count_interval_matches_poisson_table():
    # Poisson(10): P(X<=4) = 0.0293, P(X<=5) = 0.0671, P(X<=14) = 0.9165, P(X<=15) = 0.9513.
    assert _fsd._count_interval(10.0, 10.0, 0.9) == (5.0, 15.0)


def test_bundled_history_by_skill(root):
    df = fsd.read_tickets(root / "examples" / "data" / "tickets.csv")
    out = fsd.forecast(df, by="skill", interval=3600)
    assert len(out) == 168 * 9
    assert (out["lower"] <= out["upper"]).all() and (out["mean"] >= 0).all()
    assert out["interval_start"].iloc[0] == pd.Timestamp("2026-07-06T00:00:00Z")
    weekly = out.groupby("series")["mean"].sum()
    # customer_service: 1973 tickets over 25.9 weeks = 76 a week; trend and sampling allow +-15 %.
    assert weekly["customer_service"] == pytest.approx(1973 / (181 / 7), rel=0.15)
    out2 = fsd.forecast(df, by=["category", "skill"], interval=1800, total_series=None)
    assert "repair/hvac" in set(out2["series"]) and "all" not in set(out2["series"])


def test_errors_name_the_field():
    df = steady(3, lambda t: 1)
    with pytest.raises(fsd.InputError) as e:
        fsd.forecast(df, by="region")
    assert e.value.path == "/columns/region"
    bad = df.copy()
    bad.loc[1, "category"] = ""
    with pytest.raises(fsd.InputError) as e:
        fsd.forecast(bad)
    assert e.value.path == "/rows/1/category"
    with pytest.raises(fsd.InputError) as e:
        fsd.forecast(df, interval=1000)
    assert e.value.path == "/options/interval"
    with pytest.raises(fsd.InputError) as e:
        fsd.forecast(df, weeks=60)
    assert e.value.path == "/options/weeks"
    with pytest.raises(fsd.InputError) as e:
        fsd.forecast(df, holidays=["2026-02-30"])
    assert e.value.path == "/options/holidays/0"
    with pytest.raises(fsd.InputError) as e:
        fsd.forecast(steady(1, lambda t: 1))
    assert e.value.path == "/arrivals"
    with pytest.raises(fsd.InputError) as e:
        fsd.forecast(pd.DataFrame({"created": ["not a time"], "category": ["a"]}))
    assert e.value.path == "/rows/0/created"
    with pytest.raises(fsd.InputError) as e:
        fsd.backtest_forecast(df, folds=5)
    assert e.value.path == "/options/folds"


def test_plot_forecast_returns_axes(root):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    df = steady(3, lambda t: 3 if weekday(t) < 5 else 1)
    out = fsd.forecast(df)
    ax = fsd.plot_forecast(out, history_df=df)
    assert ax.get_title() == "Arrivals per interval: a"
    assert len(ax.lines) >= 1


def test_cli_forecast_and_bench(cli, root, tmp_path):
    history = root / "examples" / "data" / "tickets.csv"
    out_csv, out_json = tmp_path / "f.csv", tmp_path / "f.json"
    run = subprocess.run([cli, "forecast", str(history), "--by", "skill", "--interval", "3600", "--backtest", "2",
                          "--utc-offset", "60", "--csv", str(out_csv), "--json", str(out_json)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "customer_service" in run.stdout and "Back-test" in run.stdout
    with open(out_csv) as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0].keys()) == ["series", "interval_start", "mean", "lower", "upper"]
    assert rows[0]["interval_start"] == "2026-07-06T00:00:00+01:00"
    assert len(rows) == 168 * 9
    report = json.loads(out_json.read_text())
    assert len(report["series"]) == 9 and len(report["backtest"]["overall"]) == 9
    bad = subprocess.run([cli, "forecast", str(history), "--holiday", "2026-02-30"], capture_output=True, text=True)
    assert bad.returncode == 2 and "/options/holidays/0" in bad.stderr
    missing = subprocess.run([cli, "forecast", str(history), "--by", "region"], capture_output=True, text=True)
    assert missing.returncode == 2 and "/columns/region" in missing.stderr
    bench_csv = tmp_path / "bench.csv"
    bench = subprocess.run([cli, "bench", "forecast", "--weeks", "12", "--folds", "2", "--csv", str(bench_csv)],
                           capture_output=True, text=True)
    assert bench.returncode == 0, bench.stderr
    with open(bench_csv) as f:
        table = list(csv.DictReader(f))
    assert {r["series"] for r in table} == {"all", "electrical", "hvac", "plumbing"}
    assert all(float(r["ratio"]) > 0 for r in table)
