// Bindings of the travel-matrix builders.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "fsd/travel/great_circle.hpp"
#include "fsd/travel/road_network.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace fsd;

namespace {

void bind_travel(py::module_& m) {
    m.def("great_circle_matrices", [](const std::vector<Coordinates>& points, const GreatCircleOptions& options) {
              return great_circle_matrices(points, options);
          }, py::arg("points"), py::arg("options") = GreatCircleOptions{},
          py::call_guard<py::gil_scoped_release>(),
          R"(Duration and distance matrices between points, great-circle with detour and speed.

Parameters
----------
points : list of Coordinates
options : GreatCircle, default GreatCircle()

Returns
-------
TravelMatrices
    Seconds and metres, row i to column k.)");
    m.def("road_network_matrices", [](const RoadNetwork& network, const std::vector<Coordinates>& points) {
              return road_network_matrices(network, points);
          }, py::arg("network"), py::arg("points"),
          py::call_guard<py::gil_scoped_release>(),
          R"(Many-to-many shortest paths on a road network.

Parameters
----------
network : RoadNetwork
points : list of Coordinates
    Each is snapped to its nearest node.

Returns
-------
TravelMatrices
    Seconds and metres of the fastest paths.

Raises
------
InputError
    A point that cannot reach another.)");
    m.def("haversine_metres", &haversine_metres, py::arg("a"), py::arg("b"),
          R"(Great-circle distance between two points.

Parameters
----------
a, b : Coordinates

Returns
-------
float
    Metres, on a sphere of the Earth's mean radius.)");
}

}  // namespace

FSDPY_REGISTER(15, bind_travel);
