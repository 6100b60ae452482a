"""Forecast next week's tickets by skill from the bundled history: totals with
90 % prediction intervals, a back-test of the last four weeks, and a plot of
the busiest skill's forecast against the weeks before it."""
import os
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use(os.environ.get("MPLBACKEND", "Agg"))
import matplotlib.pyplot as plt  # noqa: E402

import fsdispatch as fsd  # noqa: E402

source = Path(os.environ.get("FSD_SOURCE_DIR", Path(__file__).resolve().parents[2]))
history = fsd.read_tickets(source / "examples" / "data" / "tickets.csv")

forecast = fsd.forecast(history, by="skill", interval=3600, weeks=1, level=0.9)
summary = forecast.attrs["series"]
print(f"Next week from {forecast['interval_start'].iloc[0]:%Y-%m-%d %H:%M %Z}, tickets by skill:")
print(summary[["series", "mean_per_week", "trend_per_week", "next_week_mean", "next_week_lower",
               "next_week_upper"]].round(3).to_string(index=False))

backtest = fsd.backtest_forecast(history, by="skill", interval=3600, folds=4)
print("\nBack-test, last 4 weeks (WAPE per hour and per day; MAPE over non-zero actuals):")
print(backtest.overall[["series", "interval_wape", "interval_coverage", "day_wape", "day_mape",
                        "day_coverage"]].round(3).to_string(index=False))

busiest = summary.sort_values("next_week_mean", ascending=False)["series"].iloc[1]  # after "all"
fig, ax = plt.subplots(figsize=(11, 4))
fsd.plot_forecast(forecast, history_df=history, series=busiest, ax=ax, by="skill")
path = Path(tempfile.mkdtemp()) / "forecast.png"
fig.savefig(path, dpi=80)
print(f"\nPlot of {busiest}: {path}")
