// Binding of the scenario generator (fsd::generate_problem): a seeded
// service day or week as a Problem, the same as `fsd generate`.
#include <pybind11/pybind11.h>

#include <cstdint>

#include "fsd/model/generate.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace fsd;

namespace {

void bind_generate(py::module_& m) {
    const GenerateOptions defaults;
    m.def(
        "generate_problem",
        [](int engineers, int jobs, int days, std::uint64_t seed, double radius_km, int depots) {
            GenerateOptions o;
            o.engineers = engineers;
            o.jobs = jobs;
            o.days = days;
            o.seed = seed;
            o.radius_km = radius_km;
            o.depots = depots;
            return generate_problem(o);
        },
        py::kw_only(), py::arg("engineers") = defaults.engineers, py::arg("jobs") = defaults.jobs,
        py::arg("days") = defaults.days, py::arg("seed") = defaults.seed, py::arg("radius_km") = defaults.radius_km,
        py::arg("depots") = defaults.depots,
        R"(A seeded generated service day or week, as `fsd generate` makes it.

Engineers work 08:00-17:00 UTC with a 30-minute lunch on each day; tickets
have appointment windows, SLA deadlines and parts (docs/design.md, "The
scenario generator"). The same arguments give the same problem everywhere.

Parameters
----------
engineers : int, default 10
    1 to 100,000.
jobs : int, default 60
    Tickets over the whole horizon, 0 to 1,000,000.
days : int, default 1
    Consecutive days from 2026-11-24, 1 to 28: a shift and a lunch per day
    per engineer; appointments and SLA deadlines spread over the days.
seed : int, default 1
radius_km : float, default 25.0
    Radius of the service region around Munich.
depots : int, default 0
    0 to 50 depots ("depot-1", ...) spread over the region, open 07:30-17:00
    each day, lending tools and stocking spare parts; engineers then carry
    tools and a stock of named parts, and about 20 % of tickets need a tool
    and 30 % a part. 0 gives the problem without them, unchanged.

Returns
-------
Problem

Raises
------
InputError
    An argument out of range, naming it ("/days", "/depots").)");
}

}  // namespace

// After the model's types (Problem).
FSDPY_REGISTER(12, bind_generate);
