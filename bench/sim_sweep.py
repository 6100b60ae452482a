"""Sweep benchmark: 4 bundled scenarios x 6 built-in policies x 10 replications, serially and on a
local Dask cluster (2 worker processes). Asserts that both give the same table and prints wall
times as `metric,value` rows (dask: in all, the cluster start-up with the workers' imports, and
the sweep alone).

    PYTHONPATH=build/python python3 bench/sim_sweep.py [--days 7] [--csv FILE]
"""
import argparse
import sys
import time

import pandas as pd

import fsdispatch as fsd


def _import_fsdispatch():
    import fsdispatch.sim  # noqa: F401


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--replications", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--csv", help="also write the metric,value rows here")
    args = parser.parse_args(argv)

    scenarios = {name: fsd.scenario_preset(name, seed=args.seed) for name in fsd.scenario_preset_names()}
    policies = list(fsd.builtin_policy_names())
    runs = len(scenarios) * len(policies) * args.replications

    start = time.perf_counter()
    serial = fsd.serial_sweep(scenarios, policies, replications=args.replications, days=args.days, seed=args.seed)
    serial_s = time.perf_counter() - start

    from distributed import Client, LocalCluster

    start = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.run(_import_fsdispatch)  # start-up includes the workers' imports
        startup_s = time.perf_counter() - start
        compute_start = time.perf_counter()
        dask = fsd.sweep(scenarios, policies, replications=args.replications, days=args.days, seed=args.seed,
                         client=client)
        compute_s = time.perf_counter() - compute_start
    dask_s = time.perf_counter() - start

    pd.testing.assert_frame_equal(serial, dask)  # raises when a single KPI differs
    rows = [
        ("sweep_runs", runs),
        ("sweep_days", args.days),
        ("sweep_serial_seconds", round(serial_s, 3)),
        ("sweep_dask_seconds", round(dask_s, 3)),
        ("sweep_dask_cluster_start_seconds", round(startup_s, 3)),
        ("sweep_dask_compute_seconds", round(compute_s, 3)),
        ("sweep_speedup", round(serial_s / dask_s, 3)),
        ("sweep_speedup_compute", round(serial_s / compute_s, 3)),
        ("sweep_equal", 1),
    ]
    text = "metric,value\n" + "".join(f"{k},{v}\n" for k, v in rows)
    sys.stdout.write(text)
    if args.csv:
        with open(args.csv, "w") as out:
            out.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
