// Bindings of the travel-matrix builders.
#include <pybind11/eigen.h>
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
          "Duration and distance matrices between points, great-circle with detour and speed.");
    m.def("road_network_matrices", [](const RoadNetwork& network, const std::vector<Coordinates>& points) {
              return road_network_matrices(network, points);
          }, py::arg("network"), py::arg("points"),
          py::call_guard<py::gil_scoped_release>(),
          "Many-to-many shortest paths on a road network (points snapped to the nearest node).");
    m.def("haversine_metres", &haversine_metres, py::arg("a"), py::arg("b"));
}

}  // namespace

FSDPY_REGISTER(15, bind_travel);
