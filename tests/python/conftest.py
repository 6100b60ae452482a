import os
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("FSD_SOURCE_DIR", Path(__file__).resolve().parents[2]))
DAY = 1795478400  # 2026-11-24T00:00:00Z


@pytest.fixture
def root():
    return ROOT


@pytest.fixture
def cli():
    path = os.environ.get("FSD_CLI")
    if not path:
        pytest.fail("FSD_CLI is not set: run the Python tests through ctest (scripts/test)")
    return path


def small_problem_json(jobs=4):
    import json

    engineers = [
        {"id": "eng-1", "start": {"lat": 48.14, "lon": 11.58}, "skills": [{"skill": "hvac", "level": 2}],
         "shifts": [{"start": DAY + 8 * 3600, "end": DAY + 17 * 3600}]},
        {"id": "eng-2", "start": {"lat": 48.10, "lon": 11.50}, "skills": [{"skill": "appliance", "level": 1}],
         "shifts": [{"start": DAY + 8 * 3600, "end": DAY + 17 * 3600}]},
    ]
    job_list = []
    for j in range(jobs):
        job_list.append({
            "id": f"T-{j + 1}", "location": {"lat": 48.12 + 0.01 * j, "lon": 11.52 + 0.01 * (j % 3)},
            "duration": 1800, "skills": [{"skill": "hvac" if j % 2 == 0 else "appliance", "min_level": 1}],
        })
    return json.dumps({"engineers": engineers, "jobs": job_list})




def vroom_day_json(vehicles, jobs, seed):
    """A service day in VROOM's input format, like the field benchmark's: engineers from their homes
    with a lunch break and two of three skills, tickets with one skill, a window and a priority,
    travel as a duration and distance matrix (jobs, then homes)."""
    import json
    import math
    import random

    rng = random.Random(seed)
    points = [(rng.uniform(0, 15000), rng.uniform(0, 15000)) for _ in range(jobs + vehicles)]
    distances = [[round(1.3 * math.dist(a, b)) for b in points] for a in points]
    durations = [[round(d / 8.33) for d in row] for row in distances]  # 30 km/h
    vehicle_list = [{
        "id": v + 1, "start_index": jobs + v, "end_index": jobs + v, "skills": rng.sample([1, 2, 3], 2),
        "time_window": [8 * 3600, 17 * 3600],
        "breaks": [{"id": 100 + v, "time_windows": [[11 * 3600 + 1800, 13 * 3600 + 1800]], "service": 1800}],
    } for v in range(vehicles)]
    windows = [[8 * 3600, 12 * 3600], [12 * 3600, 17 * 3600], [8 * 3600, 17 * 3600]]
    job_list = [{
        "id": j + 1, "location_index": j, "service": rng.choice([1200, 2400, 3600]), "skills": [rng.randint(1, 3)],
        "priority": rng.choice([0, 0, 10, 50, 100]), "time_windows": [rng.choice(windows)],
    } for j in range(jobs)]
    return json.dumps({"vehicles": vehicle_list, "jobs": job_list,
                       "matrices": {"car": {"durations": durations, "distances": distances}}})
