// Bindings of the day-plan solver: options, progress callback (called with
// the GIL held), cancellation, GIL released while searching, warm start from
// a Solution or from InitialRoutes, with parts fixed.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <variant>

#include "fsd/core/error.hpp"
#include "fsd/route/solve.hpp"
#include "registry.hpp"
#include "repr.hpp"

namespace py = pybind11;
using namespace fsd;

namespace {

void bind_route(py::module_& m) {
    py::class_<Progress>(m, "Progress", R"(A new best plan found during a solve (what on_progress is called with).

Attributes
----------
seconds : float
    Since the solve began.
iteration : int
objective : ObjectiveParts
    Of the new best plan.
unassigned : int
    Jobs it leaves out.)")
        .def_readonly("seconds", &Progress::seconds, "Seconds since the solve began.")
        .def_readonly("iteration", &Progress::iteration)
        .def_readonly("objective", &Progress::objective, "ObjectiveParts of the new best plan.")
        .def_readonly("unassigned", &Progress::unassigned, "Number of jobs it leaves out.")
        .def("__repr__", fsdpy::short_repr<Progress>("Progress", {"seconds", "iteration", "objective", "unassigned"}, {}));

    py::class_<InitialRoute>(m, "InitialRoute", R"(One route of a warm start.

Parameters
----------
engineer : int
    Engineer index.
shift : int, default 0
    Index into the engineer's shifts.
jobs : list of int
    Job indices in the order driven.
fixed : bool, default False
    Keep the route whole, as given.
fixed_jobs : int, default 0
    Keep its first jobs first and in order.)")
        .def(py::init([](Index engineer, Index shift, std::vector<Index> jobs, bool fixed, Index fixed_jobs) {
                 return InitialRoute{engineer, shift, std::move(jobs), fixed, fixed_jobs};
             }),
             py::arg("engineer"), py::arg("shift") = 0, py::arg("jobs") = std::vector<Index>{}, py::arg("fixed") = false,
             py::arg("fixed_jobs") = 0)
        .def_readwrite("engineer", &InitialRoute::engineer)
        .def_readwrite("shift", &InitialRoute::shift)
        .def_readwrite("jobs", &InitialRoute::jobs)
        .def_readwrite("fixed", &InitialRoute::fixed)
        .def_readwrite("fixed_jobs", &InitialRoute::fixed_jobs)
        .def("__eq__",
             [](const InitialRoute& a, const InitialRoute& b) {
                 return a.engineer == b.engineer && a.shift == b.shift && a.jobs == b.jobs && a.fixed == b.fixed &&
                        a.fixed_jobs == b.fixed_jobs;
             },
             py::is_operator(), py::arg("other"))
        .def("__repr__", fsdpy::short_repr<InitialRoute>("InitialRoute", {"engineer", "shift", "jobs"}, {"fixed", "fixed_jobs"}));
    m.def("initial_routes_from", &initial_routes_from, py::arg("solution"),
          R"(The routes of a plan as a warm start.

Parameters
----------
solution : Solution

Returns
-------
list of InitialRoute
    One per route, not fixed.)");
    m.def("max_solve_threads", &max_solve_threads,
          R"(The most threads solve() takes on this machine.

Returns
-------
int
    Four per hardware thread.)");

    m.def("_solve", [](const Problem& problem, double time_limit, std::int64_t iteration_limit, std::uint64_t seed,
                       int threads, std::optional<py::function> on_progress,
                       std::optional<std::variant<Solution, std::vector<InitialRoute>>> initial,
                       const std::map<std::string, py::object>& fix, const std::string& algorithm,
                       std::int64_t stagnation_limit, bool decompose) {
              SolveOptions options;
              options.algorithm = parse_solve_algorithm(algorithm, "/options/algorithm");
              if (initial) {
                  if (const auto* plan = std::get_if<Solution>(&*initial)) options.initial_routes = initial_routes_from(*plan);
                  else options.initial_routes = std::get<std::vector<InitialRoute>>(*initial);
              }
              if (!fix.empty() && !initial)
                  throw InputError("fix", "fixing routes needs the plan they come from: pass it as initial");
              for (const auto& [id, how] : fix) {
                  const std::string path = "fix[\"" + id + "\"]";
                  // True: the whole route; an int: its first jobs; False: nothing.
                  if (py::isinstance<py::bool_>(how)) {
                      if (how.cast<bool>()) fix_engineer_routes(problem, options.initial_routes, id, std::nullopt, path);
                  } else if (py::isinstance<py::int_>(how)) {
                      fix_engineer_routes(problem, options.initial_routes, id, how.cast<Index>(), path);
                  } else {
                      throw InputError(path, "expected True (the whole route) or a number of leading jobs");
                  }
              }
              options.time_limit_seconds = time_limit;
              options.iteration_limit = iteration_limit;
              options.stagnation_limit = stagnation_limit;
              options.decompose = decompose;
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
          py::arg("fix") = std::map<std::string, py::object>{}, py::arg("algorithm") = "auto",
          py::arg("stagnation_limit") = -1, py::arg("decompose") = true,
          R"(The engine behind fsdispatch.solve; call that (it adds the progress bar and remembers the problem).

Parameters
----------
problem, time_limit, iteration_limit, seed, threads, on_progress, initial, fix, algorithm, stagnation_limit, decompose
    As for fsdispatch.solve.

Returns
-------
Solution)");
}

}  // namespace

FSDPY_REGISTER(40, bind_route);
