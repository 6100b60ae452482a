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
from ._time import instant as _instant

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
    """A column of instants as Unix seconds, by the package's one rule (fsdispatch._time): integer
    seconds, timezone-aware datetimes or ISO-8601 text with an offset. A naive datetime column is
    refused rather than read in the machine's zone. Shared by triage and forecast."""
    if name not in df.columns:
        raise _input_error(f"/columns/{name}", f'there is no column "{name}"')
    values = df[name]
    if pd.api.types.is_integer_dtype(values):
        return [int(v) for v in values]
    if pd.api.types.is_datetime64_any_dtype(values):
        if getattr(values.dtype, "tz", None) is None:
            raise _input_error(f"/columns/{name}", "a naive datetime column has no time zone; localise it "
                                                   "(df[col].dt.tz_localize('Europe/Berlin')) or give ISO-8601 "
                                                   "text with offsets")
        bad = np.flatnonzero(values.isna().to_numpy())
        if len(bad):
            raise _input_error(f"/rows/{int(bad[0])}/{name}", "is not a date-time")
        epoch = pd.Timestamp(0, tz="UTC")
        return [int(v) for v in (values - epoch) // pd.Timedelta(seconds=1)]
    out = []
    for i, value in enumerate(values.tolist()):
        path = f"/rows/{i}/{name}"
        try:
            out.append(_instant(value, path))
        except TypeError:
            raise _input_error(path, f"{value!r} is not a date-time") from None
    return out


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
    Pickling and ``==`` go through the same model text.

    Parameters
    ----------
    engine : _fsd._TriageModel
        The trained C++ model (from ``fit`` or ``from_json``; not built by hand).
    """

    def __init__(self, engine: "_fsd._TriageModel"):
        self._engine = engine

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TriageModel):
            return NotImplemented
        return self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self):
        # Pickled as the model text, the format save() writes and fsd triage reads.
        return (TriageModel.from_json, (self.to_json(),))

    @classmethod
    def fit(cls, df: pd.DataFrame, text: str = "text", label: str = "category",
            skill: Optional[str] = "skill", id: Optional[str] = "id",
            resolution: Optional[str] = "resolution", rules=None, skill_rules=None,
            min_df: int = 2, l2: float = 1e-4, max_iterations: int = 200,
            top_terms: int = 5, keep_history: bool = True) -> "TriageModel":
        """Trains on labelled tickets.

        Parameters
        ----------
        df : pandas.DataFrame
            One row per ticket.
        text, label, skill, id, resolution : str
            Column names (skill, id and resolution may be missing or None).
        rules, skill_rules : dict or list of (keyword, label), optional
            A keyword found in a text decides the category (skill) over the model.
        min_df : int, default 2
            Terms in fewer tickets are dropped.
        l2 : float, default 1e-4
            Regularisation of the classifier.
        max_iterations : int, default 200
        top_terms : int, default 5
            Terms reported per prediction.
        keep_history : bool, default True
            Keep the training tickets for similar().

        Returns
        -------
        TriageModel

        Raises
        ------
        InputError
            A missing column, named by its path.
        """
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
        """Predicts category and skill of each text.

        Parameters
        ----------
        texts : str or iterable of str

        Returns
        -------
        pandas.DataFrame
            One row per text: text, category, probability, top_terms (list of terms), rule (the
            keyword that decided, or ""), skill, skill_probability.
        """
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
        """The k most similar training tickets: "how was this solved before".

        Parameters
        ----------
        text : str
        k : int, default 5

        Returns
        -------
        pandas.DataFrame
            id, similarity (cosine of TF-IDF), category, text, resolution.
        """
        hits = self._engine.similar(str(text), int(k))
        return pd.DataFrame(
            [{"id": h.id, "similarity": h.similarity, "category": h.category,
              "text": h.text, "resolution": h.resolution} for h in hits],
            columns=["id", "similarity", "category", "text", "resolution"])

    def accuracy(self, df: pd.DataFrame, text: str = "text", label: str = "category") -> float:
        """Share of rows whose predicted category equals ``df[label]``.

        Parameters
        ----------
        df : pandas.DataFrame
        text, label : str
            Column names.

        Returns
        -------
        float
        """
        truth = _column(df, label, required=True)
        predicted = self.predict(_column(df, text, required=True))["category"].tolist()
        return float(np.mean([a == b for a, b in zip(predicted, truth)])) if truth else 0.0

    @property
    def categories(self) -> list:
        """The category labels the model knows."""
        return list(self._engine.categories)

    @property
    def skills(self) -> list:
        """The skill labels the model knows (empty when trained without skills)."""
        return list(self._engine.skills)

    def to_json(self) -> str:
        """The model as JSON text (what save() writes).

        Returns
        -------
        str
        """
        return self._engine.to_json()

    @classmethod
    def from_json(cls, text: str) -> "TriageModel":
        """Reads a model from its JSON text.

        Parameters
        ----------
        text : str

        Returns
        -------
        TriageModel

        Raises
        ------
        InputError
            Naming the bad field.
        """
        return cls(_fsd._TriageModel.from_json(text))

    def save(self, path) -> None:
        """Writes the model's JSON text to `path`.

        Parameters
        ----------
        path : str or os.PathLike
        """
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.to_json())

    @classmethod
    def load(cls, path) -> "TriageModel":
        """Reads a model saved with save() (or by ``fsd triage train``).

        Parameters
        ----------
        path : str or os.PathLike

        Returns
        -------
        TriageModel
        """
        with open(path, encoding="utf-8") as f:
            return cls.from_json(f.read())

    def __repr__(self) -> str:
        return (f"TriageModel(categories={self.categories}, skills={len(self.skills)}, "
                f"terms={self._engine.vocabulary_size}, history={self._engine.history_size})")


def find_duplicates(df: pd.DataFrame, window_hours: float = 72.0, threshold: float = 0.6,
                    id: str = "id", created: str = "created", customer: str = "customer",
                    asset: str = "asset", text: str = "text") -> pd.DataFrame:
    """Merge suggestions for likely duplicate tickets.

    Tickets of the same customer or asset created within ``window_hours`` whose
    texts have cosine similarity >= ``threshold``.

    Parameters
    ----------
    df : pandas.DataFrame
    window_hours : float, default 72.0
    threshold : float, default 0.6
    id, created, customer, asset, text : str
        Column names. ``created`` holds integer Unix seconds, timezone-aware
        datetimes or ISO-8601 text with an offset (naive datetimes are refused).

    Returns
    -------
    pandas.DataFrame
        original, duplicate (ids), original_row, duplicate_row, same_customer,
        same_asset, gap_hours, similarity, reason.

    Raises
    ------
    InputError
        A missing column or a bad instant, named by its path.
    """
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
    """A generated bilingual (English/Chinese) ticket history, the same for the same arguments.

    Parameters
    ----------
    count : int, default 5000
    seed : int, default 1
    chinese_share, duplicate_share, label_noise : float
        Shares of Chinese texts, duplicates and wrong labels.

    Returns
    -------
    pandas.DataFrame
        id, created (UTC datetimes), customer, asset, text, category, skill, resolution.
    """
    return _frame(_fsd._generate_tickets(count, seed, chinese_share, duplicate_share, label_noise))


def read_tickets(path, required: Sequence[str] = ()) -> pd.DataFrame:
    """Reads a ticket CSV with the C++ parser.

    Parameters
    ----------
    path : str or os.PathLike
    required : sequence of str
        Columns that must be present.

    Returns
    -------
    pandas.DataFrame
        As generate_tickets.

    Raises
    ------
    InputError
        Naming the row or column.
    """
    return _frame(_fsd._read_tickets_csv(str(path), list(required)))
