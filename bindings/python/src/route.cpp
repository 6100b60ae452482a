// Bindings of the day-plan solver: options, progress callback (called with
// the GIL held), cancellation, GIL released while searching, warm start from
// a Solution.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "fsd/route/solve.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace fsd;

namespace {

void bind_route(py::module_& m) {
    py::class_<Progress>(m, "Progress", "A new best solution found during a solve.")
        .def_readonly("seconds", &Progress::seconds)
        .def_readonly("iteration", &Progress::iteration)
        .def_readonly("objective", &Progress::objective)
        .def_readonly("unassigned", &Progress::unassigned);

    m.def("_solve", [](const Problem& problem, double time_limit, std::int64_t iteration_limit, std::uint64_t seed,
                       int threads, std::optional<py::function> on_progress, std::optional<Solution> initial,
                       const std::string& algorithm) {
              SolveOptions options;
              options.algorithm = parse_solve_algorithm(algorithm, "/options/algorithm");
              if (initial) options.initial_routes = initial_routes_from(*initial);
              options.time_limit_seconds = time_limit;
              options.iteration_limit = iteration_limit;
              options.seed = seed;
              options.threads = threads;
              std::atomic<bool> cancel{false};
              options.cancel = &cancel;
              if (on_progress) {
                  options.on_progress = [&](const Progress& p) {
                      py::gil_scoped_acquire acquire;
                      try {
                          (*on_progress)(p);
                      } catch (py::error_already_set& e) {
                          // A callback that raises (e.g. KeyboardInterrupt) stops the search.
                          cancel = true;
                          e.discard_as_unraisable("fsdispatch progress callback");
                      }
                  };
              }
              py::gil_scoped_release release;
              return solve(problem, options);
          },
          py::arg("problem"), py::arg("time_limit") = 1.0, py::arg("iteration_limit") = -1, py::arg("seed") = 1,
          py::arg("threads") = 1, py::arg("on_progress") = py::none(), py::arg("initial") = py::none(),
          py::arg("algorithm") = "auto");
}

}  // namespace

FSDPY_REGISTER(40, bind_route);
