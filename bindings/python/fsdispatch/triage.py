"""Ticket triage on pandas tables: category and skill prediction, similar past
tickets, duplicate detection, and a generated bilingual ticket history.

The work is done in C++ (fsdispatch._fsd); this module converts DataFrames to
columns and results back to DataFrames.
"""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np
import pandas as pd

from . import _fsd
from ._errors import input_error as _input_error

__all__ = ["TriageModel", "find_duplicates", "generate_tickets", "read_tickets"]


def _column(df: pd.DataFrame, name: Optional[str], required: bool) -> list:
    if name is None:
        return []
    if name not in df.columns:
        if required:
            columns = ", ".join(str(c) for c in df.columns)
            raise _input_error(f"/columns/{name}", f'there is no column "{name}" (columns: {columns})')
        return []
    return ["" if pd.isna(v) else str(v) for v in df[name].tolist()]


def _seconds(df: pd.DataFrame, name: str) -> list:
    """Creation times as Unix seconds from integers, datetimes or ISO strings."""
    if name not in df.columns:
        raise _input_error(f"/columns/{name}", f'there is no column "{name}"')
    values = df[name]
    if pd.api.types.is_integer_dtype(values):
        return [int(v) for v in values]
    stamps = pd.to_datetime(values, utc=True, errors="coerce")
    bad = np.flatnonzero(stamps.isna().to_numpy())
    if len(bad):
        i = int(bad[0])
        raise _input_error(f"/rows/{i}/{name}", f"{values.iloc[i]!r} is not a date-time")
    return [int(v) for v in stamps.astype("int64") // 1_000_000_000]


def _rules(rules) -> list:
    if rules is None:
        return []
    if isinstance(rules, dict):
        return [(str(k), str(v)) for k, v in rules.items()]
    return [(str(k), str(v)) for k, v in rules]


class TriageModel:
    """A trained ticket classifier: category and required skill from the text,
    keyword rules first, and the training tickets for similar().

    Train with ``TriageModel.fit(df)``; save with ``save(path)`` and load with
    ``TriageModel.load(path)`` (JSON, readable by ``fsd triage predict``).
    """

    def __init__(self, engine: "_fsd._TriageModel"):
        self._engine = engine

    @classmethod
    def fit(cls, df: pd.DataFrame, text: str = "text", label: str = "category",
            skill: Optional[str] = "skill", id: Optional[str] = "id",
            resolution: Optional[str] = "resolution", rules=None, skill_rules=None,
            min_df: int = 2, l2: float = 1e-4, max_iterations: int = 200,
            top_terms: int = 5, keep_history: bool = True) -> "TriageModel":
        """Trains on labelled tickets. ``rules`` maps keyword -> category and
        wins over the model when the keyword occurs in a text."""
        if not isinstance(df, pd.DataFrame):
            raise TypeError("fit expects a pandas DataFrame")
        texts = _column(df, text, required=True)
        categories = _column(df, label, required=True)
        skills = _column(df, skill, required=False)
        if skills and all(s == "" for s in skills):
            skills = []
        engine = _fsd._triage_fit(
            texts, categories, skills, _column(df, id, required=False),
            _column(df, resolution, required=False), _rules(rules), _rules(skill_rules),
            min_df=min_df, l2=l2, max_iterations=max_iterations, top_terms=top_terms,
            keep_history=keep_history)
        return cls(engine)

    def predict(self, texts) -> pd.DataFrame:
        """One row per text: category, probability, top_terms (list of terms),
        rule (keyword that decided, or ""), skill, skill_probability."""
        if isinstance(texts, str):
            texts = [texts]
        texts = ["" if t is None else str(t) for t in texts]
        rows = []
        for text, p in zip(texts, self._engine.predict(texts)):
            rows.append({
                "text": text,
                "category": p.category.label,
                "probability": p.category.probability,
                "top_terms": [t.term for t in p.category.top_terms],
                "rule": p.category.rule,
                "skill": p.skill.label,
                "skill_probability": p.skill.probability,
            })
        columns = ["text", "category", "probability", "top_terms", "rule", "skill", "skill_probability"]
        return pd.DataFrame(rows, columns=columns)

    def similar(self, text: str, k: int = 5) -> pd.DataFrame:
        """The k most similar training tickets (cosine of TF-IDF), with their
        resolutions: "how was this solved before"."""
        hits = self._engine.similar(str(text), int(k))
        return pd.DataFrame(
            [{"id": h.id, "similarity": h.similarity, "category": h.category,
              "text": h.text, "resolution": h.resolution} for h in hits],
            columns=["id", "similarity", "category", "text", "resolution"])

    def accuracy(self, df: pd.DataFrame, text: str = "text", label: str = "category") -> float:
        """Share of rows whose predicted category equals ``df[label]``."""
        truth = _column(df, label, required=True)
        predicted = self.predict(_column(df, text, required=True))["category"].tolist()
        return float(np.mean([a == b for a, b in zip(predicted, truth)])) if truth else 0.0

    @property
    def categories(self) -> list:
        return list(self._engine.categories)

    @property
    def skills(self) -> list:
        return list(self._engine.skills)

    def to_json(self) -> str:
        return self._engine.to_json()

    @classmethod
    def from_json(cls, text: str) -> "TriageModel":
        return cls(_fsd._TriageModel.from_json(text))

    def save(self, path) -> None:
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.to_json())

    @classmethod
    def load(cls, path) -> "TriageModel":
        with open(path, encoding="utf-8") as f:
            return cls.from_json(f.read())

    def __repr__(self) -> str:
        return (f"TriageModel(categories={self.categories}, skills={len(self.skills)}, "
                f"terms={self._engine.vocabulary_size}, history={self._engine.history_size})")


def find_duplicates(df: pd.DataFrame, window_hours: float = 72.0, threshold: float = 0.6,
                    id: str = "id", created: str = "created", customer: str = "customer",
                    asset: str = "asset", text: str = "text") -> pd.DataFrame:
    """Merge suggestions: tickets of the same customer or asset created within
    ``window_hours`` whose texts have cosine similarity >= ``threshold``."""
    if window_hours < 0:
        raise _input_error("/window_hours", "must not be negative")
    texts = _column(df, text, required=True)
    found = _fsd._find_duplicates(
        _column(df, id, required=False), _seconds(df, created),
        _column(df, customer, required=False), _column(df, asset, required=False), texts,
        int(round(window_hours * 3600)), float(threshold))
    return pd.DataFrame(
        [{"original": d.original_id, "duplicate": d.duplicate_id,
          "original_row": d.original, "duplicate_row": d.duplicate,
          "same_customer": d.same_customer, "same_asset": d.same_asset,
          "gap_hours": d.gap / 3600.0, "similarity": d.similarity, "reason": d.reason}
         for d in found],
        columns=["original", "duplicate", "original_row", "duplicate_row", "same_customer",
                 "same_asset", "gap_hours", "similarity", "reason"])


def _frame(columns: dict) -> pd.DataFrame:
    df = pd.DataFrame(columns)
    df["created"] = pd.to_datetime(df["created"], unit="s", utc=True)
    return df


def generate_tickets(count: int = 5000, seed: int = 1, chinese_share: float = 0.5,
                     duplicate_share: float = 0.03, label_noise: float = 0.04) -> pd.DataFrame:
    """A generated bilingual (English/Chinese) ticket history, the same for the
    same arguments."""
    return _frame(_fsd._generate_tickets(count, seed, chinese_share, duplicate_share, label_noise))


def read_tickets(path, required: Sequence[str] = ()) -> pd.DataFrame:
    """Reads a ticket CSV with the C++ parser; errors name the row or column."""
    return _frame(_fsd._read_tickets_csv(str(path), list(required)))
