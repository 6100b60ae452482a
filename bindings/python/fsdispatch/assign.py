"""Batch assignment: match waiting tickets to engineers now, exactly or greedily.

    import fsdispatch as fsd
    tickets = [fsd.AssignTicket(id="T-1", location=fsd.Location(lat=48.14, lon=11.58),
                                skills=[fsd.SkillRequirement(skill="hvac", min_level=1)], priority=60)]
    engineers = [fsd.AssignEngineer(id="E-1", position=fsd.Location(lat=48.10, lon=11.50),
                                    skills=[fsd.SkillLevel(skill="hvac", level=2)], capacity=2)]
    result = fsd.assign(tickets, engineers, now="2026-11-24T09:00:00Z")
    print(result.to_dataframe())

The objective and the JSON format are described in docs/assign.md.
"""
from . import _fsd
from ._errors import input_error as _input_error

AssignTicket = _fsd.AssignTicket
AssignEngineer = _fsd.AssignEngineer
AssignOptions = _fsd.AssignOptions
AssignProblem = _fsd.AssignProblem
AssignBatch = _fsd.AssignBatch

_PAIR_COLUMNS = ["ticket", "engineer", "order", "eta", "start", "travel", "distance", "lateness", "cost"]


def _matrix(rows, name, tickets, engineers):
    """A ticket x engineer table (nested lists or a 2-D array) as the flat ticket-major list."""
    if rows is None:
        return []
    rows = [list(r) for r in rows]
    if len(rows) != tickets or any(len(r) != engineers for r in rows):
        raise _input_error(f"/{name}", f"expected {tickets} rows (tickets) of {engineers} entries (engineers)")
    return [int(x) for r in rows for x in r]


class AssignResult:
    """The matching of one batch, with ticket and engineer ids.

    Attributes
    ----------
    pairs : list of dict
        One per served ticket: ticket id, engineer id, order, eta, start, travel, distance, lateness, cost.
    left_out : list of dict
        One per ticket left out: ticket id, reason, cost.
    method : str
        "exact" or "greedy".
    total_cost, served_cost, left_out_cost, total_eta, served : int
        The totals.
    seconds : float
        Wall time of the match.
    problem : AssignProblem
        The batch matched.
    """

    def __init__(self, core, problem):
        self._core = core
        self.problem = problem
        tickets, engineers = problem.tickets, problem.engineers
        self.pairs = [
            dict(ticket=tickets[p.ticket].id, engineer=engineers[p.engineer].id, order=p.order, eta=p.eta,
                 start=problem.now + p.eta, travel=p.travel, distance=p.distance, lateness=p.lateness, cost=p.cost)
            for p in core.pairs
        ]
        self.left_out = [dict(ticket=tickets[x.ticket].id, reason=x.reason, cost=x.cost) for x in core.left_out]
        self.method = core.method
        self.total_cost = core.total_cost
        self.served_cost = core.served_cost
        self.left_out_cost = core.left_out_cost
        self.total_eta = core.total_eta
        self.served = core.served
        self.seconds = core.seconds

    def to_dataframe(self):
        """One row per served ticket.

        Returns
        -------
        pandas.DataFrame
            Columns ticket, engineer, order, eta, start, travel, distance, lateness, cost (a list of
            dicts without pandas).
        """
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - pandas is optional
            return list(self.pairs)
        return pd.DataFrame.from_records(self.pairs, columns=_PAIR_COLUMNS)

    def left_out_dataframe(self):
        """One row per ticket left out.

        Returns
        -------
        pandas.DataFrame
            Columns ticket, reason, cost (a list of dicts without pandas).
        """
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover
            return list(self.left_out)
        return pd.DataFrame.from_records(self.left_out, columns=["ticket", "reason", "cost"])

    def to_json(self, indent=2, iso_offset_seconds=None):
        """The result in the fsdispatch-assign-result format.

        Parameters
        ----------
        indent : int, default 2
            Spaces per level; -1 writes one line.
        iso_offset_seconds : int, optional
            Write instants as ISO-8601 text with this UTC offset.

        Returns
        -------
        str
        """
        return self._core.to_json(self.problem, indent=indent, iso_offset_seconds=iso_offset_seconds)

    def _key(self):
        return (self.method, self.pairs, self.left_out, self.total_cost, self.served_cost, self.left_out_cost,
                self.total_eta, self.served)

    def __eq__(self, other):
        """Same matching of the same batch (wall time aside)."""
        if not isinstance(other, AssignResult):
            return NotImplemented
        return self._key() == other._key() and self.problem == other.problem

    __hash__ = None

    def __repr__(self):
        return (f"AssignResult(method={self.method!r}, served={self.served}, left_out={len(self.left_out)}, "
                f"total_cost={self.total_cost})")


def make_assign_problem(tickets, engineers, now, travel=None, durations=None, distances=None):
    """Builds an AssignProblem.

    Parameters
    ----------
    tickets : list of AssignTicket
    engineers : list of AssignEngineer
    now : int or str or datetime.datetime
        The instant of the decision.
    travel : GreatCircle, optional
        Great-circle travel settings.
    durations, distances : 2-D table, optional
        Ticket x engineer travel seconds (and metres), replacing great-circle travel.

    Returns
    -------
    AssignProblem
    """
    problem = AssignProblem()
    problem.now = now
    problem.tickets = list(tickets)
    problem.engineers = list(engineers)
    if travel is not None:
        problem.great_circle = travel
    if durations is not None:
        matrix = _fsd.AssignTravelMatrix()
        matrix.durations = _matrix(durations, "travel_matrix/durations", len(problem.tickets), len(problem.engineers))
        matrix.distances = _matrix(distances, "travel_matrix/distances", len(problem.tickets), len(problem.engineers))
        problem.travel_matrix = matrix
    return problem


def assign(tickets, engineers=None, now=None, method="exact", options=None, travel=None, durations=None,
           distances=None, **weights):
    """Matches waiting tickets to engineers now.

    Parameters
    ----------
    tickets : list of AssignTicket, or AssignProblem, or AssignBatch
        With a problem or a batch, engineers and now are taken from it.
    engineers : list of AssignEngineer
    now : int or str or datetime.datetime
        Unix seconds, ISO-8601 text with an offset, or an aware datetime.
    method : {"exact", "greedy"}, default "exact"
    options : AssignOptions, optional
    travel, durations, distances
        As for make_assign_problem.
    **weights
        Any AssignOptions field (eta_weight=2, per_ticket_time=1800, ...).

    Returns
    -------
    AssignResult

    Raises
    ------
    InputError
        A bad field of the batch or the options, named by its path.
    TypeError
        An unknown option.
    """
    if isinstance(tickets, AssignBatch):
        options = options if options is not None else tickets.options
        problem = tickets.problem
    elif isinstance(tickets, AssignProblem):
        problem = tickets
    else:
        if engineers is None or now is None:
            raise TypeError("assign(tickets, engineers, now=...) needs engineers and now")
        problem = make_assign_problem(tickets, engineers, now, travel, durations, distances)
    opts = AssignOptions()
    if options is not None:
        for name in ("method", "eta_weight", "lateness_weight", "balance_weight", "per_ticket_time", "leave_out_base",
                     "leave_out_per_priority", "leave_out_urgency_weight", "urgency_horizon"):
            setattr(opts, name, getattr(options, name))
    if options is None or method != "exact":
        opts.method = method
    for name, value in weights.items():
        if name.startswith("_") or not hasattr(opts, name):
            raise TypeError(f"assign() got an unknown option {name!r}")
        setattr(opts, name, value)
    return AssignResult(_fsd._assign(problem, opts), problem)


def generate_assign_batch(tickets=100, engineers=30, seed=1, max_capacity=3, sla_share=0.6, radius_km=30.0, now=None,
                          centre=None):
    """A seeded batch around Munich (or `centre`).

    Parameters
    ----------
    tickets, engineers : int
    seed : int, default 1
    max_capacity : int, default 3
    sla_share : float, default 0.6
        Share of tickets with an SLA deadline.
    radius_km : float, default 30.0
    now : int or str or datetime.datetime, optional
    centre : Coordinates, optional

    Returns
    -------
    AssignProblem
    """
    return _fsd._generate_assign_batch(tickets, engineers, seed, max_capacity, sla_share, radius_km, now, centre)


def read_assign_batch(path):
    """Reads a batch file (fsdispatch-assign JSON).

    Returns
    -------
    AssignBatch
        With .problem and .options.
    """
    with open(path, encoding="utf-8") as f:
        return AssignBatch.from_json(f.read())


def load_assign_batch(text):
    """Reads a batch from fsdispatch-assign JSON text.

    Returns
    -------
    AssignBatch
    """
    return AssignBatch.from_json(text)
