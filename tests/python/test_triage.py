"""Tests of fsdispatch's ticket triage (Python API and `fsd triage`)."""
import json
import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import fsdispatch as fsd
from fsdispatch import triage

TriageModel = getattr(fsd, "TriageModel", triage.TriageModel)
find_duplicates = getattr(fsd, "find_duplicates", triage.find_duplicates)

ROOT = Path(os.environ.get("FSD_SOURCE_DIR", Path(__file__).resolve().parents[2]))
TICKETS = ROOT / "examples" / "data" / "tickets.csv"


def crafted():
    return pd.DataFrame({
        "id": [f"T{i}" for i in range(12)],
        "text": ["boiler leaking water", "pipe leaking under sink", "heater is leaking",
                 "install new air conditioner", "please install the heater", "installation of a router",
                 "热水器漏水", "水管漏水", "洗衣机漏水",
                 "需要安装空调", "上门安装热水器", "安装路由器"],
        "category": ["repair"] * 3 + ["installation"] * 3 + ["repair"] * 3 + ["installation"] * 3,
        "skill": ["plumbing"] * 3 + ["hvac"] * 3 + ["plumbing"] * 3 + ["hvac"] * 3,
        "resolution": ["new seal", "tightened joint", "new valve", "done", "done", "done",
                       "更换密封圈", "更换水管", "更换排水管", "完成", "完成", "完成"],
    })


def test_fit_predict_both_languages():
    model = TriageModel.fit(crafted())
    assert model.categories == ["installation", "repair"]
    out = model.predict(["water leaking from the boiler", "空调漏水", "安装洗衣机", "install it"])
    assert list(out.columns) == ["text", "category", "probability", "top_terms", "rule", "skill",
                                 "skill_probability"]
    assert out["category"].tolist() == ["repair", "repair", "installation", "installation"]
    assert (out["probability"] > 0.5).all()
    assert "leaking" in out["top_terms"][0]
    assert out["skill"][0] == "plumbing"


def test_rules_win_and_model_round_trips(tmp_path):
    model = TriageModel.fit(crafted(), rules={"gas": "emergency"})
    out = model.predict("install heater, smells of GAS")
    assert out["category"][0] == "emergency"
    assert out["rule"][0] == "gas"
    assert out["probability"][0] == 1.0
    path = tmp_path / "model.json"
    model.save(path)
    loaded = TriageModel.load(path)
    pd.testing.assert_frame_equal(loaded.predict(["漏水", "gas"]), model.predict(["漏水", "gas"]))


def test_similar_returns_resolutions():
    model = TriageModel.fit(crafted(), min_df=1)
    hits = model.similar("洗衣机漏水了", k=2)
    assert list(hits.columns) == ["id", "similarity", "category", "text", "resolution"]
    assert hits["text"][0] == "洗衣机漏水"
    assert hits["resolution"][0] == "更换排水管"
    assert hits["similarity"][0] >= hits["similarity"][1]


def test_bad_input_names_the_field():
    with pytest.raises(fsd.InputError) as err:
        TriageModel.fit(crafted().iloc[0:0])
    assert err.value.path == "/tickets"
    with pytest.raises(fsd.InputError) as err:
        TriageModel.fit(crafted(), label="label")
    assert err.value.path == "/columns/label"
    assert isinstance(err.value, ValueError)
    df = crafted()
    df.loc[3, "text"] = ""
    with pytest.raises(fsd.InputError) as err:
        TriageModel.fit(df)
    assert err.value.path == "/tickets/3/text"


def test_find_duplicates_window_and_threshold():
    df = pd.DataFrame({
        "id": ["A", "B", "C", "D"],
        "created": ["2026-03-01T08:00:00Z", "2026-03-01T12:00:00Z", "2026-03-09T08:00:00Z",
                    "2026-03-01T13:00:00Z"],
        "customer": ["C1", "C1", "C1", "C1"],
        "asset": ["X", "Y", "Z", "W"],
        "text": ["boiler does not start", "again: boiler does not start", "boiler does not start",
                 "question about my invoice"],
    })
    dups = find_duplicates(df)
    assert dups[["original", "duplicate"]].values.tolist() == [["A", "B"]]
    assert dups["same_customer"][0] and not dups["same_asset"][0]
    assert dups["gap_hours"][0] == pytest.approx(4.0)
    assert "same customer C1" in dups["reason"][0]
    wide = find_duplicates(df, window_hours=24 * 9)
    assert ["A", "C"] in wide[["original", "duplicate"]].values.tolist()
    # Threshold 0: every pair within 72 h (A-B, A-D, B-D), not C, 8 days later.
    assert len(find_duplicates(df, threshold=0.0)) == 3
    with pytest.raises(fsd.InputError) as err:
        find_duplicates(df, threshold=2)
    assert err.value.path == "/threshold"


def test_generated_history_and_holdout_accuracy():
    df = triage.generate_tickets(count=2000, seed=3)
    assert len(df) == 2000
    assert set(df["category"]) == {"installation", "repair", "maintenance", "complaint", "consultation"}
    pd.testing.assert_frame_equal(df, triage.generate_tickets(count=2000, seed=3))
    test = df.sample(frac=0.2, random_state=7)
    model = TriageModel.fit(df.drop(test.index))
    assert model.accuracy(test) > 0.85
    assert len(find_duplicates(df)) > 0


def test_bundled_history_reads():
    df = triage.read_tickets(TICKETS)
    assert len(df) == 5000
    assert df["text"].str.contains("[\u4e00-\u9fff]").mean() > 0.3


def test_malformed_csv_row(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,text,category\n1,ok,repair\n2,too,many,fields\n", encoding="utf-8")
    with pytest.raises(fsd.InputError) as err:
        triage.read_tickets(bad)
    assert err.value.path == "/rows/1"


# --- CLI ---------------------------------------------------------------------

def run(*args):
    cli = os.environ.get("FSD_CLI")
    assert cli, "set FSD_CLI to the path of the fsd binary"
    return subprocess.run([cli, "triage", *map(str, args)], capture_output=True, text=True)


def test_cli_train_predict_similar(tmp_path):
    model = tmp_path / "model.json"
    r = run("train", TICKETS, "-o", model, "--holdout", "0.2", "--rule", "gas smell=repair")
    assert r.returncode == 0, r.stderr
    assert "category accuracy" in r.stdout
    out = tmp_path / "pred.json"
    r = run("predict", model, "The boiler is leaking water", "请问空调还在保修期内吗", "--json", out)
    assert r.returncode == 0, r.stderr
    preds = json.loads(out.read_text(encoding="utf-8"))
    assert [p["category"]["label"] for p in preds] == ["repair", "consultation"]
    r = run("similar", model, "洗衣机漏水", "-k", "3")
    assert r.returncode == 0 and "洗衣机漏水" in r.stdout


def test_cli_duplicates(tmp_path):
    out = tmp_path / "dups.csv"
    r = run("duplicates", TICKETS, "--csv", out)
    assert r.returncode == 0, r.stderr
    dups = pd.read_csv(out)
    assert len(dups) > 0 and (dups["similarity"] >= 0.6).all()


def test_cli_errors_exit_2(tmp_path):
    r = run("train", TICKETS, "-o", tmp_path / "m.json", "--label", "nope")
    assert r.returncode == 2 and "/columns/nope" in r.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("id,text,category\n1,\"unterminated,repair\n", encoding="utf-8")
    r = run("train", bad, "-o", tmp_path / "m.json")
    assert r.returncode == 2 and "/rows/0" in r.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "fsdispatch-triage-model", "version": 1}', encoding="utf-8")
    r = run("predict", broken, "text")
    assert r.returncode == 2 and "/vectorizer" in r.stderr


# --- CLI: hostile input (issue 17) -------------------------------------------

def small_csv(tmp_path, created=None):
    """The crafted tickets as a training CSV, optionally with a created column."""
    df = crafted()
    if created is not None:
        df.insert(1, "created", created)
    path = tmp_path / "small.csv"
    df.to_csv(path, index=False)
    return path


def test_cli_train_refuses_non_finite_or_negative_l2(tmp_path):
    csv = small_csv(tmp_path)
    for value in ["nan", "inf", "-inf", "-0.5"]:
        r = run("train", csv, "-o", tmp_path / "m.json", "--l2", value)
        assert r.returncode == 2 and "--l2" in r.stderr, (value, r.returncode, r.stderr)
    assert not (tmp_path / "m.json").exists()
    r = run("train", csv, "-o", tmp_path / "m.json", "--l2", "0")
    assert r.returncode == 0, r.stderr


def test_cli_train_refuses_min_df_above_ticket_count(tmp_path):
    csv = small_csv(tmp_path)
    for value in ["100000", "13", "0"]:
        r = run("train", csv, "-o", tmp_path / "m.json", "--min-df", value)
        assert r.returncode == 2 and "--min-df" in r.stderr, (value, r.stderr)
    # With a held-out split the limit is the training part (9 of 12 tickets).
    r = run("train", csv, "-o", tmp_path / "m.json", "--min-df", "10", "--holdout", "0.25")
    assert r.returncode == 2 and "--min-df" in r.stderr and "9 training tickets" in r.stderr, r.stderr


def test_cli_train_refuses_holdout_outside_unit_interval(tmp_path):
    csv = small_csv(tmp_path)
    for value in ["nan", "-0.5", "1", "1.5", "inf"]:
        r = run("train", csv, "-o", tmp_path / "m.json", "--holdout", value)
        assert r.returncode == 2 and "--holdout" in r.stderr, (value, r.stderr)
    # A share that holds out no ticket of 12 would report an accuracy of nothing.
    r = run("train", csv, "-o", tmp_path / "m.json", "--holdout", "0.01")
    assert r.returncode == 2 and "--holdout" in r.stderr, r.stderr


def test_cli_train_refuses_impossible_created_date(tmp_path):
    created = ["2026-02-01T08:00:00Z"] * 12
    created[5] = "2026-02-30T08:00:00Z"
    r = run("train", small_csv(tmp_path, created), "-o", tmp_path / "m.json")
    assert r.returncode == 2 and "/rows/5/created" in r.stderr, r.stderr
    created[5] = "2026-02-28T08:00:00Z"
    r = run("train", small_csv(tmp_path, created), "-o", tmp_path / "m.json")
    assert r.returncode == 0, r.stderr


def test_cli_refuses_text_that_is_not_utf8(tmp_path):
    csv = small_csv(tmp_path)
    data = csv.read_bytes().replace("boiler leaking water".encode(), b"boiler \xff leaking")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(data)
    r = run("train", bad, "-o", tmp_path / "m.json")
    # The row is named by the CSV reader or the ticket reader, never exit 1.
    assert r.returncode == 2 and "/rows/0/" in r.stderr, (r.returncode, r.stderr)
    model = tmp_path / "model.json"
    assert run("train", csv, "-o", model).returncode == 0
    # Command-line text arrives as bytes; "\udcff" is the byte 0xFF undecoded.
    r = run("predict", model, "leaking", "boiler \udcff leaking", "--json", tmp_path / "p.json")
    assert r.returncode == 2 and "texts/1" in r.stderr, (r.returncode, r.stderr)
    r = run("train", csv, "-o", model, "--rule", "gas\udcff=repair")
    assert r.returncode == 2 and "--rule/0" in r.stderr, (r.returncode, r.stderr)
    r = run("similar", model, "\udcff")
    assert r.returncode == 2 and "text: is not valid UTF-8" in r.stderr, (r.returncode, r.stderr)


def test_cli_predict_refuses_model_with_unbounded_ngrams(tmp_path):
    model = tmp_path / "model.json"
    assert run("train", small_csv(tmp_path), "-o", model).returncode == 0
    doc = json.loads(model.read_text(encoding="utf-8"))
    doc["vectorizer"]["cjk_max_n"] = 1000000
    model.write_text(json.dumps(doc), encoding="utf-8")
    r = subprocess.run([os.environ["FSD_CLI"], "triage", "predict", str(model), "漏" * 4000],
                       capture_output=True, text=True, timeout=20)
    assert r.returncode == 2 and "/vectorizer/cjk_max_n" in r.stderr, r.stderr


def test_cli_duplicates_refuses_window_and_threshold_out_of_range(tmp_path):
    for option, value in [("--window-hours", "inf"), ("--window-hours", "nan"), ("--window-hours", "1e300"),
                          ("--threshold", "nan"), ("--threshold", "1.5")]:
        r = run("duplicates", TICKETS, option, value)
        assert r.returncode == 2 and option in r.stderr, (option, value, r.stderr)
