"""Road networks read from CSV files and from CSV text, with errors that name
the file and line."""
from pathlib import Path

import pytest

import fsdispatch as fsd

DATA = Path(__file__).resolve().parents[1] / "data"


def test_files_and_text_read_the_same_network():
    from_files = fsd.read_road_network_csv(str(DATA / "travel_nodes.csv"), str(DATA / "travel_edges.csv"))
    from_text = fsd.parse_road_network_csv((DATA / "travel_nodes.csv").read_text(),
                                           (DATA / "travel_edges.csv").read_text())
    assert [n.id for n in from_text.nodes] == [n.id for n in from_files.nodes] == ["A", "B", "C", "D", "E", "U"]
    edges = [(e.from_, e.to, e.length_m, e.duration_s) for e in from_text.edges]
    assert edges == [(e.from_, e.to, e.length_m, e.duration_s) for e in from_files.edges]
    assert edges[0] == ("A", "B", 1000, 100)


def test_text_errors_name_the_given_file_and_line():
    with pytest.raises(fsd.InputError, match=r"^north/edges\.csv:2: column to: unknown node id \"X\""):
        fsd.parse_road_network_csv("id,lat,lon\nA,48.1,11.5\n", "from,to,length_m,duration_s\nA,X,1,1\n",
                                   nodes_name="north/nodes.csv", edges_name="north/edges.csv")


def test_a_missing_file_is_named():
    with pytest.raises(fsd.InputError, match="no_such_nodes.csv: cannot open the file for reading"):
        fsd.read_road_network_csv(str(DATA / "no_such_nodes.csv"), str(DATA / "travel_edges.csv"))
