// Python bindings of desk staffing (Erlang C / Erlang A): conversion only.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <fmt/format.h>

#include "fsd/core/error.hpp"
#include "fsd/staffing/desk_staffing.hpp"
#include "fsd/staffing/erlang.hpp"
#include "registry.hpp"

namespace py = pybind11;

namespace {

py::dict measures_dict(const fsd::QueueMeasures& m) {
    py::dict d;
    d["agents"] = m.agents;
    d["load"] = m.load;
    d["wait_probability"] = m.wait_probability;
    d["service_level"] = m.service_level;
    d["answered_service_level"] = m.answered_service_level;
    d["average_speed_of_answer"] = m.average_speed_of_answer;
    d["occupancy"] = m.occupancy;
    d["abandonment"] = m.abandonment;
    return d;
}

std::string optional_text(const std::optional<double>& v) { return v ? fmt::format("{}", *v) : "None"; }

std::string target_repr(const fsd::DeskTarget& t) {
    return fmt::format(
        "DeskTarget(service_level={}, answer_within={}, max_average_speed_of_answer={}, max_occupancy={}, "
        "shrinkage={}, patience={})",
        t.service_level, t.answer_within, optional_text(t.max_average_speed_of_answer), t.max_occupancy, t.shrinkage,
        optional_text(t.patience));
}

bool same_target(const fsd::DeskTarget& a, const fsd::DeskTarget& b) {
    return a.service_level == b.service_level && a.answer_within == b.answer_within &&
           a.max_average_speed_of_answer == b.max_average_speed_of_answer && a.max_occupancy == b.max_occupancy &&
           a.shrinkage == b.shrinkage && a.patience == b.patience;
}

fsd::DeskTarget make_target(double service_level, fsd::Duration answer_within, std::optional<double> max_asa,
                            double max_occupancy, double shrinkage, std::optional<double> patience) {
    fsd::DeskTarget t;
    t.service_level = service_level;
    t.answer_within = answer_within;
    t.max_average_speed_of_answer = max_asa;
    t.max_occupancy = max_occupancy;
    t.shrinkage = shrinkage;
    t.patience = patience;
    fsd::validate_desk_target(t);
    return t;
}

void bind_staffing_desk(py::module_& m) {
    py::class_<fsd::DeskTarget>(m, "DeskTarget",
                                "What the desk must achieve per interval: service_level of all calls answered within "
                                "answer_within seconds, optionally an ASA cap (seconds), an occupancy cap, the "
                                "shrinkage to schedule for, and the callers' mean patience (seconds; Erlang A).")
        .def(py::init(&make_target), py::kw_only(), py::arg("service_level") = 0.8, py::arg("answer_within") = 20,
             py::arg("max_average_speed_of_answer") = py::none(), py::arg("max_occupancy") = 1.0,
             py::arg("shrinkage") = 0.0, py::arg("patience") = py::none())
        .def_readonly("service_level", &fsd::DeskTarget::service_level)
        .def_readonly("answer_within", &fsd::DeskTarget::answer_within)
        .def_readonly("max_average_speed_of_answer", &fsd::DeskTarget::max_average_speed_of_answer)
        .def_readonly("max_occupancy", &fsd::DeskTarget::max_occupancy)
        .def_readonly("shrinkage", &fsd::DeskTarget::shrinkage)
        .def_readonly("patience", &fsd::DeskTarget::patience)
        .def("__repr__", &target_repr)
        .def("__eq__", &same_target)
        .def(py::pickle(
            [](const fsd::DeskTarget& t) {
                return py::make_tuple(t.service_level, t.answer_within, t.max_average_speed_of_answer, t.max_occupancy,
                                      t.shrinkage, t.patience);
            },
            [](const py::tuple& s) {
                return make_target(s[0].cast<double>(), s[1].cast<fsd::Duration>(), s[2].cast<std::optional<double>>(),
                                   s[3].cast<double>(), s[4].cast<double>(), s[5].cast<std::optional<double>>());
            }));

    m.def("erlang_b", &fsd::erlang_b, py::arg("agents"), py::arg("load"),
          "Erlang B: probability that an arrival finds all agents busy in a loss system offered `load` Erlangs.");
    m.def("_erlang_measures",
          [](double calls, fsd::Duration interval, double aht, std::int64_t agents, fsd::Duration answer_within,
             std::optional<double> patience) {
              const fsd::DeskDemand demand{calls, interval, aht};
              fsd::QueueMeasures r;
              {
                  py::gil_scoped_release release;
                  r = patience ? fsd::erlang_a_measures(demand, agents, answer_within, *patience)
                               : fsd::erlang_c_measures(demand, agents, answer_within);
              }
              return measures_dict(r);
          },
          py::arg("calls"), py::arg("interval"), py::arg("aht"), py::arg("agents"), py::arg("answer_within"),
          py::arg("patience") = py::none(), "Erlang C (or A with a patience) figures for a given number of agents.");
    m.def("_desk_agents",
          [](double calls, fsd::Duration interval, double aht, const fsd::DeskTarget& target) {
              const fsd::DeskDemand demand{calls, interval, aht};
              fsd::DeskStaffing s;
              {
                  py::gil_scoped_release release;
                  s = fsd::staff_desk_interval(demand, target);
              }
              py::dict d = measures_dict(s.measures);
              d["agents"] = s.agents;
              d["scheduled"] = s.scheduled;
              return d;
          },
          py::arg("calls"), py::arg("interval"), py::arg("aht"), py::arg("target"),
          "The fewest agents meeting the target for one interval, with their figures and the scheduled count.");
    m.def("_staff_desk",
          [](const std::vector<double>& calls, const std::vector<fsd::Duration>& interval, const std::vector<double>& aht,
             const fsd::DeskTarget& target) {
              if (interval.size() != calls.size() || aht.size() != calls.size())
                  throw fsd::InputError("/intervals", "calls, interval and aht must have one value per interval");
              std::vector<fsd::DeskDemand> demand(calls.size());
              for (std::size_t i = 0; i < calls.size(); ++i) demand[i] = {calls[i], interval[i], aht[i]};
              std::vector<fsd::DeskStaffing> plan;
              {
                  py::gil_scoped_release release;
                  plan = fsd::staff_desk(demand, target);
              }
              std::vector<std::int64_t> agents, scheduled;
              std::vector<double> load, sl, answered_sl, wait, asa, occupancy, abandonment;
              for (const auto& s : plan) {
                  agents.push_back(s.agents);
                  scheduled.push_back(s.scheduled);
                  load.push_back(s.measures.load);
                  sl.push_back(s.measures.service_level);
                  answered_sl.push_back(s.measures.answered_service_level);
                  wait.push_back(s.measures.wait_probability);
                  asa.push_back(s.measures.average_speed_of_answer);
                  occupancy.push_back(s.measures.occupancy);
                  abandonment.push_back(s.measures.abandonment);
              }
              py::dict d;
              d["load"] = load;
              d["agents"] = agents;
              d["scheduled"] = scheduled;
              d["service_level"] = sl;
              d["answered_service_level"] = answered_sl;
              d["wait_probability"] = wait;
              d["asa"] = asa;
              d["occupancy"] = occupancy;
              d["abandonment"] = abandonment;
              return d;
          },
          py::arg("calls"), py::arg("interval"), py::arg("aht"), py::arg("target"),
          "Per-interval staffing: columns of agents, scheduled and the queue figures.");
}

}  // namespace

FSDPY_REGISTER(110, bind_staffing_desk);
