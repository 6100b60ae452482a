// Python binding of the staffing loop's steps: forecast tickets to engineers
// on duty, and a roster and a forecast week to a scenario for the simulator.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "fsd/sim/scenario.hpp"
#include "fsd/staffing/field_requirement.hpp"
#include "fsd/staffing/roster_json.hpp"
#include "fsd/staffing/roster_scenario.hpp"
#include "registry.hpp"

namespace py = pybind11;

namespace {

void bind_staffing_plan(py::module_& m) {
    m.def(
        "field_requirement",
        [](const std::vector<double>& arrivals, fsd::Duration interval, fsd::Duration work_per_ticket, double occupancy,
           fsd::Duration service_start, fsd::Duration service_end, const std::vector<int>& service_days) {
            fsd::FieldRequirementOptions o;
            o.interval = interval;
            o.work_per_ticket = work_per_ticket;
            o.occupancy = occupancy;
            o.service_start = service_start;
            o.service_end = service_end;
            o.service_days = service_days;
            return fsd::field_requirement(arrivals, o);
        },
        py::arg("arrivals"), py::arg("interval"), py::arg("work_per_ticket"), py::arg("occupancy") = 0.75,
        py::arg("service_start") = 8 * 3600, py::arg("service_end") = 17 * 3600,
        py::arg("service_days") = std::vector<int>{0, 1, 2, 3, 4},
        "Engineers on duty per interval of a local week for the expected tickets per interval `arrivals` "
        "(docs/staffing.md, \"Closing the loop\").");
    m.def("expected_work_per_ticket", &fsd::expected_work_per_ticket, py::arg("scenario"), py::arg("skill"),
          "Expected travel + on-site seconds of a ticket needing `skill` in the scenario, all visits included.");
    m.def(
        "_scenario_with_roster",
        [](const fsd::Scenario& scenario, const std::string& roster_json) {
            return fsd::scenario_with_roster(scenario, fsd::roster_from_json(roster_json));
        },
        py::arg("scenario"), py::arg("roster_json"));
    m.def(
        "_scenario_with_demand",
        [](const fsd::Scenario& scenario, const std::vector<std::string>& skills, fsd::Duration interval,
           const std::vector<std::vector<double>>& arrivals) {
            std::vector<fsd::SkillDemand> demand;
            for (size_t i = 0; i < skills.size() && i < arrivals.size(); ++i)
                demand.push_back({skills[i], interval, arrivals[i]});
            return fsd::scenario_with_demand(scenario, demand);
        },
        py::arg("scenario"), py::arg("skills"), py::arg("interval"), py::arg("arrivals"));
}

}  // namespace

FSDPY_REGISTER(112, bind_staffing_plan);
