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


