// Python bindings of the simulation layer: conversion only. Simulations run
// without the GIL; Python policies take it back for each callback.
#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fsd/core/error.hpp"
#include "fsd/io/scenario_json.hpp"
#include "fsd/sim/kpi.hpp"
#include "fsd/sim/policy.hpp"
#include "fsd/sim/scenario.hpp"
#include "fsd/sim/scenario_generate.hpp"
#include "fsd/sim/sim_log.hpp"
#include "fsd/sim/simulate.hpp"
#include "fsd/sim/ticket_stream.hpp"
#include "enum_str.hpp"
#include "repr.hpp"
#include "instant.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace fsd;
using fsdpy::fields_repr;
using fsdpy::list_repr;
using fsdpy::py_repr;

namespace {

// A local date: days since 1970-01-01, "YYYY-MM-DD" text, or a datetime.date
// (a datetime counts by its own calendar date, as written).
std::int64_t to_day(const py::handle& value, const std::string& path) {
    if (py::isinstance<py::int_>(value) && !py::isinstance<py::bool_>(value)) return value.cast<std::int64_t>();
    py::module_ datetime = py::module_::import("datetime");
    py::object date = py::reinterpret_borrow<py::object>(value);
    if (py::isinstance<py::str>(value)) {
        try {
            date = datetime.attr("date").attr("fromisoformat")(value.cast<std::string>().substr(0, 10));
        } catch (const py::error_already_set&) {
            throw InputError(path, "expected a date YYYY-MM-DD, not '" + value.cast<std::string>() + "'");
        }
    }
    if (!py::isinstance(date, datetime.attr("date")))
        throw py::type_error(path + ": expected days since 1970-01-01, \"YYYY-MM-DD\" or a datetime.date");
    const py::object epoch = datetime.attr("date")(1970, 1, 1);
    const py::object day = py::hasattr(date, "date") ? date.attr("date")() : date;
    return (day - epoch).attr("days").cast<std::int64_t>();
}

py::object time_or_none(Time t) { return t == kTimeMax ? py::object(py::none()) : py::object(py::int_(t)); }
py::object index_or_none(Index i) { return i < 0 ? py::object(py::none()) : py::object(py::int_(i)); }

// The context as Python sees it: valid only while the callback runs, so a
// policy that keeps it gets an error instead of a dangling reference.
class ContextHandle {
public:
    explicit ContextHandle(SimContext* ctx) : ctx_(ctx) {}
    void invalidate() { ctx_ = nullptr; }

    SimContext& get() const {
        if (ctx_ == nullptr) throw std::runtime_error("a SimContext is only valid during the policy callback it was given to");
        return *ctx_;
    }
    Index ticket(Index t) const {
        if (t < 0 || t >= get().ticket_count()) throw py::index_error("ticket index " + std::to_string(t) + " out of range");
        return t;
    }
    Index engineer(Index e) const {
        if (e < 0 || e >= get().engineer_count()) throw py::index_error("engineer index " + std::to_string(e) + " out of range");
        return e;
    }

private:
    SimContext* ctx_;
};

// Runs `f` with a fresh context handle and invalidates it afterwards.
template <class F>
void with_context(SimContext& ctx, F&& f) {
    auto handle = std::make_shared<ContextHandle>(&ctx);
    py::object obj = py::cast(handle);
    struct Invalidate {
        ContextHandle& h;
        ~Invalidate() { h.invalidate(); }
    } guard{*handle};
    f(obj);
}

// Lets Python subclasses of Policy implement the callbacks. A Python error is
// kept here as well as thrown, so that it reaches the caller of simulate
// unchanged even if the engine wraps what it catches.
class PyPolicy : public Policy {
public:
    using Policy::Policy;

    std::string name() const override {
        PYBIND11_OVERRIDE_PURE(std::string, Policy, name, );
    }
    Duration tick_interval() const override {
        py::gil_scoped_acquire gil;
        py::function f = py::get_override(static_cast<const Policy*>(this), "tick_interval");
        if (!f) return Policy::tick_interval();
        return guarded([&] { return f().cast<Duration>(); });
    }
    void on_ticket(SimContext& ctx, Index ticket) override {
        py::gil_scoped_acquire gil;
        py::function f = py::get_override(static_cast<const Policy*>(this), "on_ticket");
        if (!f) return;
        guarded([&] { with_context(ctx, [&](py::object& c) { f(c, ticket); }); });
    }
    void on_engineer_free(SimContext& ctx, Index engineer) override {
        py::gil_scoped_acquire gil;
        py::function f = py::get_override(static_cast<const Policy*>(this), "on_engineer_free");
        if (!f) return;
        guarded([&] { with_context(ctx, [&](py::object& c) { f(c, engineer); }); });
    }
    void on_tick(SimContext& ctx) override {
        py::gil_scoped_acquire gil;
        py::function f = py::get_override(static_cast<const Policy*>(this), "on_tick");
        if (!f) return;
        guarded([&] { with_context(ctx, [&](py::object& c) { f(c); }); });
    }

    /// The first Python error of the current run (cleared by take_error).
    std::optional<py::error_already_set> take_error() const {
        auto e = std::move(error_);
        error_.reset();
        return e;
    }

private:
    template <class F>
    auto guarded(F&& f) const -> decltype(f()) {
        try {
            return f();
        } catch (py::error_already_set& e) {
            if (!error_) error_ = e;
            throw;
        }
    }
    mutable std::optional<py::error_already_set> error_;
};

// Runs one simulation without the GIL; re-raises a Python policy's own error.
SimResult run_simulation(const Scenario& scenario, Policy& policy, SimOptions options) {
    auto* py_policy = dynamic_cast<PyPolicy*>(&policy);
    if (py_policy != nullptr) py_policy->take_error();
    try {
        py::gil_scoped_release release;
        return simulate(scenario, policy, options);
    } catch (py::error_already_set&) {
        if (py_policy != nullptr) py_policy->take_error();
        throw;
    } catch (...) {
        if (py_policy != nullptr) {
            if (auto e = py_policy->take_error()) throw *e;
        }
        throw;
    }
}

std::function<void(int, int)> progress_callback(const py::object& f) {
    if (f.is_none()) return {};
    auto fn = std::make_shared<py::function>(f.cast<py::function>());
    return [fn](int done, int total) {
        py::gil_scoped_acquire gil;
        (*fn)(done, total);
    };
}

// A centre as Coordinates or a (lat, lon) pair.
Coordinates to_centre(const py::handle& value) {
    if (py::isinstance<Coordinates>(value)) return value.cast<Coordinates>();
    const auto pair = value.cast<std::pair<double, double>>();
    return Coordinates{pair.first, pair.second};
}

py::dict options_dict(const ScenarioGenerateOptions& o) {
    py::dict d;
    d["name"] = o.name;
    d["engineers"] = o.engineers;
    d["tickets_per_day"] = o.tickets_per_day;
    d["skills"] = o.skills;
    d["radius_km"] = o.radius_km;
    d["centre"] = py::make_tuple(o.centre.lat, o.centre.lon);
    d["median_duration"] = o.median_duration;
    d["travel_noise_sigma"] = o.travel_noise_sigma;
    d["cancellation_probability"] = o.cancellation_probability;
    d["seed"] = o.seed;
    return d;
}

// The Kpis members by name, for keyword construction and pickling.
const std::vector<std::pair<const char*, double Kpis::*>>& kpi_members() {
    static const std::vector<std::pair<const char*, double Kpis::*>> members{
        {"tickets", &Kpis::tickets},
        {"resolved", &Kpis::resolved},
        {"cancelled", &Kpis::cancelled},
        {"open_at_end", &Kpis::open_at_end},
        {"first_response_mean_s", &Kpis::first_response_mean_s},
        {"first_response_p50_s", &Kpis::first_response_p50_s},
        {"first_response_p90_s", &Kpis::first_response_p90_s},
        {"resolution_mean_s", &Kpis::resolution_mean_s},
        {"resolution_p50_s", &Kpis::resolution_p50_s},
        {"resolution_p90_s", &Kpis::resolution_p90_s},
        {"sla_response_rate", &Kpis::sla_response_rate},
        {"sla_resolution_rate", &Kpis::sla_resolution_rate},
        {"first_time_fix_rate", &Kpis::first_time_fix_rate},
        {"utilisation", &Kpis::utilisation},
        {"occupancy", &Kpis::occupancy},
        {"travel_share", &Kpis::travel_share},
        {"travel_km", &Kpis::travel_km},
        {"overtime_hours", &Kpis::overtime_hours},
        {"load_balance_cv", &Kpis::load_balance_cv},
        {"jain_index", &Kpis::jain_index},
        {"jobs_per_engineer_day", &Kpis::jobs_per_engineer_day},
        {"backlog_mean", &Kpis::backlog_mean},
        {"backlog_max", &Kpis::backlog_max},
        {"reassignments", &Kpis::reassignments},
    };
    return members;
}

py::dict kpis_fields(const Kpis& k) {
    py::dict d;
    for (const auto& [name, member] : kpi_members()) d[name] = k.*member;
    return d;
}

Kpis kpis_from_fields(const py::dict& d) {
    Kpis k;
    for (const auto& [key, value] : d) {
        const std::string name = py::str(key);
        bool found = false;
        for (const auto& [n, member] : kpi_members()) {
            if (name == n) {
                k.*member = value.cast<double>();
                found = true;
                break;
            }
        }
        if (!found) throw py::type_error("Kpis has no field '" + name + "'");
    }
    return k;
}

py::list entries_list(const Kpis& k) {
    py::list out;
    for (const KpiEntry& e : kpi_entries(k)) out.append(py::make_tuple(std::string(e.name), e.value, e.higher_is_better));
    return out;
}


void bind_sim(py::module_& m) {
    // ---- scenarios -------------------------------------------------------
    const Scenario defaults;
    py::class_<Scenario>(m, "Scenario", R"(A simulation scenario (format fsdispatch-scenario, docs/simulation.md).

Engineers, ticket types, arrivals, travel and SLA targets come from the JSON
document (``Scenario.from_json``, ``Scenario.read``, ``generate_scenario``,
``scenario_preset``); the constructor sets only the top-level fields.
Pickling and ``==`` go through the scenario document.

Parameters
----------
name : str, default "scenario"
start_date : int or str or datetime.date, default 20416
    Local date of simulation instant 0: days since 1970-01-01, "YYYY-MM-DD",
    or a date.
utc_offset_seconds : int, default 0
    Offset of local time from UTC.
sla_tier : str, default "")")
        .def(py::init([](std::string name, const py::object& start_date, int utc_offset_seconds, std::string sla_tier) {
                 Scenario s;
                 s.name = std::move(name);
                 s.start_date = to_day(start_date, "/start_date");
                 s.utc_offset_seconds = utc_offset_seconds;
                 s.sla_tier = std::move(sla_tier);
                 return s;
             }),
             py::kw_only(), py::arg("name") = defaults.name, py::arg("start_date") = defaults.start_date,
             py::arg("utc_offset_seconds") = defaults.utc_offset_seconds, py::arg("sla_tier") = defaults.sla_tier)
        .def("__eq__", [](const Scenario& a, const Scenario& b) { return scenario_to_json(a, -1) == scenario_to_json(b, -1); },
             py::is_operator())
        .def("__copy__", [](const Scenario& s) { return Scenario(s); })
        .def("__deepcopy__", [](const Scenario& s, const py::object&) { return Scenario(s); }, py::arg("memo"))
        .def_static("from_json", &scenario_from_json, py::arg("text"), "Reads and validates a scenario (InputError naming the field).")
        .def_static(
            "read", [](const std::string& path) { return read_scenario_file(path); }, py::arg("path"),
            "Reads a scenario file.")
        .def("to_json", &scenario_to_json, py::arg("indent") = 2)
        .def("validate", &validate_scenario, "Raises InputError naming the first bad field.")
        .def("weekday", &sim_weekday, py::arg("day"), "Weekday (Monday = 0) of simulation day `day`.")
        .def("to_unix", &sim_to_unix, py::arg("t"), "The Unix instant of simulation instant t.")
        .def_readwrite("name", &Scenario::name)
        .def_property(
            "start_date", [](const Scenario& sc) { return sc.start_date; },
            [](Scenario& sc, const py::object& v) { sc.start_date = to_day(v, "/start_date"); },
            "Local date of instant 0 as days since 1970-01-01 (set from an int, \"YYYY-MM-DD\" or a date).")
        .def_readwrite("utc_offset_seconds", &Scenario::utc_offset_seconds)
        .def_readwrite("sla_tier", &Scenario::sla_tier)
        .def_property_readonly("engineer_ids",
                               [](const Scenario& s) {
                                   std::vector<std::string> ids;
                                   for (const auto& e : s.engineers) ids.push_back(e.id);
                                   return ids;
                               })
        .def_property_readonly("engineer_homes",
                               [](const Scenario& s) {
                                   std::vector<std::pair<double, double>> homes;
                                   for (const auto& e : s.engineers) homes.emplace_back(e.home.lat, e.home.lon);
                                   return homes;
                               }, "(lat, lon) of each engineer's home base.")
        .def_property_readonly("ticket_type_names",
                               [](const Scenario& s) {
                                   std::vector<std::string> names;
                                   for (const auto& t : s.ticket_types) names.push_back(t.name);
                                   return names;
                               })
        .def_property_readonly("tickets_per_day", [](const Scenario& s) { return s.arrivals.tickets_per_day; })
        .def_property_readonly("region_centre", [](const Scenario& s) { return py::make_tuple(s.region.centre.lat, s.region.centre.lon); })
        .def(py::pickle([](const Scenario& s) { return scenario_to_json(s, -1); },
                        [](const std::string& text) { return scenario_from_json(text); }))
        .def("__repr__", [](const Scenario& s) {
            return fields_repr("Scenario", {{"name", py_repr(s.name)},
                                            {"start_date", py_repr(s.start_date)},
                                            {"engineers", py_repr(s.engineers.size())},
                                            {"ticket_types", py_repr(s.ticket_types.size())}});
        });

    const ScenarioGenerateOptions generated;
    m.def(
        "generate_scenario",
        [](std::string name, int engineers, double tickets_per_day, int skills, double radius_km, const py::object& centre,
           Duration median_duration, double travel_noise_sigma, double cancellation_probability, std::uint64_t seed) {
            ScenarioGenerateOptions o;
            o.name = std::move(name);
            o.engineers = engineers;
            o.tickets_per_day = tickets_per_day;
            o.skills = skills;
            o.radius_km = radius_km;
            if (!centre.is_none()) o.centre = to_centre(centre);
            o.median_duration = median_duration;
            o.travel_noise_sigma = travel_noise_sigma;
            o.cancellation_probability = cancellation_probability;
            o.seed = seed;
            return generate_scenario(o);
        },
        py::kw_only(), py::arg("name") = generated.name, py::arg("engineers") = generated.engineers,
        py::arg("tickets_per_day") = generated.tickets_per_day, py::arg("skills") = generated.skills,
        py::arg("radius_km") = generated.radius_km, py::arg("centre") = py::none(),
        py::arg("median_duration") = generated.median_duration, py::arg("travel_noise_sigma") = generated.travel_noise_sigma,
        py::arg("cancellation_probability") = generated.cancellation_probability, py::arg("seed") = generated.seed,
        R"(A seeded generated scenario.

Parameters
----------
name : str, default "generated"
engineers : int, default 20
tickets_per_day : float, default 100.0
skills : int, default 3
radius_km : float, default 20.0
centre : Coordinates or (lat, lon), optional
    Default (52.37, 4.90).
median_duration : int, default 2700
    Seconds on site.
travel_noise_sigma : float, default 0.2
cancellation_probability : float, default 0.03
seed : int, default 1

Returns
-------
Scenario

Raises
------
InputError
    An option out of range, named.)");
    m.def(
        "scenario_preset", [](const std::string& name, std::uint64_t seed) { return generate_scenario(scenario_preset(name, seed)); },
        py::arg("name"), py::arg("seed") = 1, R"(A bundled scenario.

Parameters
----------
name : {"urban", "rural", "specialist", "peak"}
seed : int, default 1

Returns
-------
Scenario)");
    m.def(
        "scenario_preset_options", [](const std::string& name, std::uint64_t seed) { return options_dict(scenario_preset(name, seed)); },
        py::arg("name"), py::arg("seed") = 1, R"(The generate_scenario options of a preset.

Parameters
----------
name : str
seed : int, default 1

Returns
-------
dict
    Keyword arguments of generate_scenario.)");
    m.def("scenario_preset_names", &scenario_preset_names, "The names scenario_preset takes.");
    m.def("replication_seed", &replication_seed, py::arg("seed"), py::arg("replication"),
          R"(The seed of one replication of a base seed (common random numbers across policies).

Parameters
----------
seed : int
replication : int

Returns
-------
int)");

    // ---- tickets and the policy's view -----------------------------------
    py::enum_<SimTicketStatus> simticketstatus_enum(m, "SimTicketStatus");
    simticketstatus_enum.value("waiting", SimTicketStatus::waiting).value("queued", SimTicketStatus::queued)
        .value("en_route", SimTicketStatus::en_route).value("on_site", SimTicketStatus::on_site)
        .value("parked", SimTicketStatus::parked).value("resolved", SimTicketStatus::resolved)
        .value("cancelled", SimTicketStatus::cancelled);
    fsdpy::set_enum_str(simticketstatus_enum, [](SimTicketStatus x) { return to_string(x); });
    py::enum_<SimEngineerStatus> simengineerstatus_enum(m, "SimEngineerStatus");
    simengineerstatus_enum.value("off_shift", SimEngineerStatus::off_shift).value("idle", SimEngineerStatus::idle)
        .value("travelling", SimEngineerStatus::travelling).value("on_site", SimEngineerStatus::on_site)
        .value("on_break", SimEngineerStatus::on_break).value("going_home", SimEngineerStatus::going_home);
    fsdpy::set_enum_str(simengineerstatus_enum, [](SimEngineerStatus x) { return to_string(x); });

    py::class_<SimTicket>(m, "SimTicket", "A ticket as the dispatcher knows it (deadlines None when there is no target).")
        .def_readonly("id", &SimTicket::id)
        .def_readonly("type", &SimTicket::type)
        .def_readonly("location", &SimTicket::location)
        .def_readonly("priority", &SimTicket::priority)
        .def_readonly("created", &SimTicket::created)
        .def_property_readonly("response_deadline", [](const SimTicket& t) { return time_or_none(t.response_deadline); })
        .def_property_readonly("resolution_deadline", [](const SimTicket& t) { return time_or_none(t.resolution_deadline); })
        .def(py::self == py::self)
        .def("__repr__", [](const SimTicket& t) {
            return fields_repr("SimTicket", {{"id", py_repr(t.id)},
                                             {"type", py_repr(t.type)},
                                             {"priority", py_repr(t.priority)},
                                             {"created", py_repr(t.created)},
                                             {"response_deadline", py::repr(time_or_none(t.response_deadline)).cast<std::string>()},
                                             {"resolution_deadline", py::repr(time_or_none(t.resolution_deadline)).cast<std::string>()}});
        });

    py::class_<TicketDraws>(m, "TicketDraws", "The outcomes drawn for a ticket, hidden from policies.")
        .def_readonly("base_duration", &TicketDraws::base_duration)
        .def_readonly("fix_draw", &TicketDraws::fix_draw)
        .def_readonly("travel_factor", &TicketDraws::travel_factor)
        .def_property_readonly("cancel_at", [](const TicketDraws& d) { return time_or_none(d.cancel_at); })
        .def("__repr__", [](const TicketDraws& d) {
            return fields_repr("TicketDraws", {{"base_duration", list_repr(d.base_duration)},
                                               {"fix_draw", list_repr(d.fix_draw)},
                                               {"cancel_at", py::repr(time_or_none(d.cancel_at)).cast<std::string>()}});
        });

    py::class_<TicketStream>(m, "TicketStream", "The tickets of one replication, in order of creation.")
        .def_readonly("tickets", &TicketStream::tickets)
        .def_readonly("draws", &TicketStream::draws)
        .def("__repr__", [](const TicketStream& t) { return fields_repr("TicketStream", {{"tickets", list_repr(t.tickets, 0)}}); });
    m.def(
        "draw_ticket_stream",
        [](const Scenario& s, int days, std::uint64_t seed) {
            py::gil_scoped_release release;
            return draw_ticket_stream(s, days, seed);
        },
        py::arg("scenario"), py::arg("days"), py::arg("seed"), "The tickets a run with this seed sees.");

    py::class_<SimEngineerView>(m, "SimEngineerView", "An engineer as a policy sees it.")
        .def_readonly("status", &SimEngineerView::status)
        .def_readonly("position", &SimEngineerView::position)
        .def_readonly("free_at", &SimEngineerView::free_at)
        .def_property_readonly("shift_start", [](const SimEngineerView& v) { return time_or_none(v.shift_start); })
        .def_property_readonly("shift_end", [](const SimEngineerView& v) { return time_or_none(v.shift_end); })
        .def_property_readonly("current_ticket", [](const SimEngineerView& v) { return index_or_none(v.current_ticket); })
        .def_readonly("queue", &SimEngineerView::queue)
        .def("__repr__", [](const SimEngineerView& v) {
            return fields_repr("SimEngineerView", {{"status", py_repr(std::string(to_string(v.status)))},
                                                   {"free_at", py_repr(v.free_at)},
                                                   {"current_ticket", py::repr(index_or_none(v.current_ticket)).cast<std::string>()},
                                                   {"queue", list_repr(v.queue)}});
        });

    if (!py::hasattr(m, "GreatCircleLeg")) {
        py::class_<GreatCircleLeg>(m, "GreatCircleLeg", "Road metres and driving seconds of one leg.")
            .def_readonly("distance", &GreatCircleLeg::distance)
            .def_readonly("duration", &GreatCircleLeg::duration);
    }

    py::class_<ContextHandle, std::shared_ptr<ContextHandle>>(
        m, "SimContext", "The simulator as a policy sees it; valid only during the callback it is passed to.")
        .def_property_readonly("now", [](const ContextHandle& h) { return h.get().now(); })
        .def_property_readonly("scenario", [](const ContextHandle& h) { return h.get().scenario(); },
                               "A copy of the scenario.")
        .def("ticket_count", [](const ContextHandle& h) { return h.get().ticket_count(); })
        .def("ticket", [](const ContextHandle& h, Index t) { return h.get().ticket(h.ticket(t)); }, py::arg("t"))
        .def("ticket_status", [](const ContextHandle& h, Index t) { return h.get().ticket_status(h.ticket(t)); }, py::arg("t"))
        .def("visits", [](const ContextHandle& h, Index t) { return h.get().visits(h.ticket(t)); }, py::arg("t"))
        .def("waiting", [](const ContextHandle& h) { return h.get().waiting(); })
        .def("engineer_count", [](const ContextHandle& h) { return h.get().engineer_count(); })
        .def("engineer", [](const ContextHandle& h, Index e) { return h.get().engineer(h.engineer(e)); }, py::arg("e"))
        .def("can_serve", [](const ContextHandle& h, Index e, Index t) { return h.get().can_serve(h.engineer(e), h.ticket(t)); },
             py::arg("e"), py::arg("t"))
        .def("on_shift", [](const ContextHandle& h, Index e) { return h.get().on_shift(h.engineer(e)); }, py::arg("e"))
        .def("travel", [](const ContextHandle& h, const Coordinates& a, const Coordinates& b) { return h.get().travel(a, b); },
             py::arg("from_"), py::arg("to"), "Expected (noise-free) travel between two points.")
        .def("expected_duration",
             [](const ContextHandle& h, Index e, Index t) { return h.get().expected_duration(h.engineer(e), h.ticket(t)); },
             py::arg("e"), py::arg("t"))
        .def("assign", [](const ContextHandle& h, Index t, Index e) { h.get().assign(h.ticket(t), h.engineer(e)); },
             py::arg("t"), py::arg("e"), "Appends a waiting ticket to the engineer's queue.")
        .def(
            "set_queue",
            [](const ContextHandle& h, Index e, const std::vector<Index>& tickets) {
                for (Index t : tickets) h.ticket(t);
                h.get().set_queue(h.engineer(e), tickets);
            },
            py::arg("e"), py::arg("tickets"), "Replaces the engineer's queue.")
        .def("unassign", [](const ContextHandle& h, Index t) { h.get().unassign(h.ticket(t)); }, py::arg("t"))
        .def_property_readonly("valid", [](const ContextHandle& h) {
            try {
                h.get();
                return true;
            } catch (const std::runtime_error&) {
                return false;
            }
        });

    py::class_<Policy, PyPolicy>(m, "Policy",
                                 "A dispatch policy. Subclass it in Python: define name(), and any of tick_interval(), "
                                 "on_ticket(ctx, ticket), on_engineer_free(ctx, engineer), on_tick(ctx).")
        .def(py::init<>())
        .def("name", &Policy::name)
        .def("tick_interval", &Policy::tick_interval)
        .def("on_ticket", &Policy::on_ticket)
        .def("on_engineer_free", &Policy::on_engineer_free)
        .def("on_tick", &Policy::on_tick)
        .def("__repr__", [](const Policy& p) { return "Policy('" + p.name() + "')"; });
    m.def("make_policy", &make_policy, py::arg("name"), R"(A built-in policy by name.

Parameters
----------
name : str
    "nearest", "batch", "batch:600", ... (see builtin_policy_names()).

Returns
-------
Policy

Raises
------
InputError
    An unknown name.)");
    m.def("builtin_policy_names", &builtin_policy_names, "The names make_policy takes.");

    // ---- the log ---------------------------------------------------------
    py::enum_<SimEventKind> kind(m, "SimEventKind");
    for (SimEventKind k : {SimEventKind::created, SimEventKind::assigned, SimEventKind::unassigned, SimEventKind::travel_start,
                           SimEventKind::arrive, SimEventKind::service_end, SimEventKind::follow_up, SimEventKind::cancelled,
                           SimEventKind::shift_start, SimEventKind::shift_end, SimEventKind::home, SimEventKind::break_start,
                           SimEventKind::break_end})
        kind.value(std::string(to_string(k)).c_str(), k);
    fsdpy::set_enum_str(kind, [](SimEventKind k) { return to_string(k); });
    m.def("sim_event_kind_names", [] {
        std::vector<std::string> names;
        for (int k = 0; k <= static_cast<int>(SimEventKind::break_end); ++k)
            names.emplace_back(to_string(static_cast<SimEventKind>(k)));
        return names;
    }, "Event kind names by their integer code.");

    py::class_<SimEvent>(m, "SimEvent", "One logged event (ticket / engineer -1 when none).")
        .def_readonly("time", &SimEvent::time)
        .def_readonly("kind", &SimEvent::kind)
        .def_readonly("ticket", &SimEvent::ticket)
        .def_readonly("engineer", &SimEvent::engineer)
        .def_readonly("value", &SimEvent::value)
        .def(py::self == py::self)
        .def("__repr__", [](const SimEvent& e) {
            return fields_repr("SimEvent", {{"time", py_repr(e.time)},
                                            {"kind", py_repr(std::string(to_string(e.kind)))},
                                            {"ticket", py_repr(e.ticket)},
                                            {"engineer", py_repr(e.engineer)},
                                            {"value", py_repr(e.value)}});
        });
    py::class_<LoggedTicket>(m, "LoggedTicket", "The static facts about one ticket.")
        .def_readonly("id", &LoggedTicket::id)
        .def_readonly("priority", &LoggedTicket::priority)
        .def_readonly("created", &LoggedTicket::created)
        .def_property_readonly("response_deadline", [](const LoggedTicket& t) { return time_or_none(t.response_deadline); })
        .def_property_readonly("resolution_deadline", [](const LoggedTicket& t) { return time_or_none(t.resolution_deadline); })
        .def(py::self == py::self)
        .def("__repr__", [](const LoggedTicket& t) {
            return fields_repr("LoggedTicket", {{"id", py_repr(t.id)},
                                                {"priority", py_repr(t.priority)},
                                                {"created", py_repr(t.created)},
                                                {"response_deadline", py::repr(time_or_none(t.response_deadline)).cast<std::string>()},
                                                {"resolution_deadline", py::repr(time_or_none(t.resolution_deadline)).cast<std::string>()}});
        });
    py::class_<LoggedShift>(m, "LoggedShift", "One scheduled shift of one engineer.")
        .def_readonly("engineer", &LoggedShift::engineer)
        .def_readonly("start", &LoggedShift::start)
        .def_readonly("end", &LoggedShift::end)
        .def_readonly("break_duration", &LoggedShift::break_duration)
        .def(py::self == py::self)
        .def("__repr__", [](const LoggedShift& x) {
            return fields_repr("LoggedShift", {{"engineer", py_repr(x.engineer)},
                                               {"start", py_repr(x.start)},
                                               {"end", py_repr(x.end)},
                                               {"break_duration", py_repr(x.break_duration)}});
        });
    py::class_<SimLog>(m, "SimLog", "A run's record: events plus the static facts KPIs need.")
        .def_readonly("horizon_end", &SimLog::horizon_end)
        .def_readonly("engineers", &SimLog::engineers)
        .def_readonly("tickets", &SimLog::tickets)
        .def_readonly("shifts", &SimLog::shifts)
        .def_readonly("events", &SimLog::events)
        .def("__repr__", [](const SimLog& log) {
            return fields_repr("SimLog", {{"horizon_end", py_repr(log.horizon_end)},
                                          {"engineers", py_repr(log.engineers.size())},
                                          {"tickets", py_repr(log.tickets.size())},
                                          {"events", py_repr(log.events.size())}});
        })
        .def("event_arrays", [](const SimLog& log) {
            const auto n = static_cast<py::ssize_t>(log.events.size());
            py::array_t<std::int64_t> time(n), value(n);
            py::array_t<std::int32_t> kind(n), ticket(n), engineer(n);
            auto t = time.mutable_unchecked<1>();
            auto v = value.mutable_unchecked<1>();
            auto k = kind.mutable_unchecked<1>();
            auto tk = ticket.mutable_unchecked<1>();
            auto en = engineer.mutable_unchecked<1>();
            for (py::ssize_t i = 0; i < n; ++i) {
                const SimEvent& e = log.events[static_cast<std::size_t>(i)];
                t(i) = e.time;
                v(i) = e.value;
                k(i) = static_cast<std::int32_t>(e.kind);
                tk(i) = e.ticket;
                en(i) = e.engineer;
            }
            py::dict d;
            d["time"] = time;
            d["kind"] = kind;
            d["ticket"] = ticket;
            d["engineer"] = engineer;
            d["value"] = value;
            return d;
        }, "The events as numpy columns (kind as its integer code, see sim_event_kind_names()).");

    // ---- KPIs -------------------------------------------------------------
    py::class_<Kpis> kpis_class(m, "Kpis", "The KPIs of one run (rates in [0, 1], NaN when undefined).");
    kpis_class
        .def(py::init([](double tickets, double resolved, double cancelled, double open_at_end, double first_response_mean_s, double first_response_p50_s, double first_response_p90_s, double resolution_mean_s, double resolution_p50_s, double resolution_p90_s, double sla_response_rate, double sla_resolution_rate, double first_time_fix_rate, double utilisation, double occupancy, double travel_share, double travel_km, double overtime_hours, double load_balance_cv, double jain_index, double jobs_per_engineer_day, double backlog_mean, double backlog_max, double reassignments) {
                 Kpis k;
                 k.tickets = tickets;
                 k.resolved = resolved;
                 k.cancelled = cancelled;
                 k.open_at_end = open_at_end;
                 k.first_response_mean_s = first_response_mean_s;
                 k.first_response_p50_s = first_response_p50_s;
                 k.first_response_p90_s = first_response_p90_s;
                 k.resolution_mean_s = resolution_mean_s;
                 k.resolution_p50_s = resolution_p50_s;
                 k.resolution_p90_s = resolution_p90_s;
                 k.sla_response_rate = sla_response_rate;
                 k.sla_resolution_rate = sla_resolution_rate;
                 k.first_time_fix_rate = first_time_fix_rate;
                 k.utilisation = utilisation;
                 k.occupancy = occupancy;
                 k.travel_share = travel_share;
                 k.travel_km = travel_km;
                 k.overtime_hours = overtime_hours;
                 k.load_balance_cv = load_balance_cv;
                 k.jain_index = jain_index;
                 k.jobs_per_engineer_day = jobs_per_engineer_day;
                 k.backlog_mean = backlog_mean;
                 k.backlog_max = backlog_max;
                 k.reassignments = reassignments;
                 return k;
             }),
             py::kw_only(), py::arg("tickets") = 0.0, py::arg("resolved") = 0.0, py::arg("cancelled") = 0.0, py::arg("open_at_end") = 0.0, py::arg("first_response_mean_s") = 0.0, py::arg("first_response_p50_s") = 0.0, py::arg("first_response_p90_s") = 0.0, py::arg("resolution_mean_s") = 0.0, py::arg("resolution_p50_s") = 0.0, py::arg("resolution_p90_s") = 0.0, py::arg("sla_response_rate") = 0.0, py::arg("sla_resolution_rate") = 0.0, py::arg("first_time_fix_rate") = 0.0, py::arg("utilisation") = 0.0, py::arg("occupancy") = 0.0, py::arg("travel_share") = 0.0, py::arg("travel_km") = 0.0, py::arg("overtime_hours") = 0.0, py::arg("load_balance_cv") = 0.0, py::arg("jain_index") = 0.0, py::arg("jobs_per_engineer_day") = 0.0, py::arg("backlog_mean") = 0.0, py::arg("backlog_max") = 0.0, py::arg("reassignments") = 0.0)
        .def("entries", &entries_list, "[(name, value, higher_is_better)] in kpi_entries order.")
        .def("fields", &kpis_fields, "The members as a dict.")
        .def(py::pickle([](const Kpis& k) { return kpis_fields(k); }, [](const py::dict& d) { return kpis_from_fields(d); }))
        .def("__eq__", [](const Kpis& a, const Kpis& b) {
            // Field by field, NaN equal to NaN: an undefined rate in both runs is the same KPI.
            for (const auto& entry : kpi_members()) {
                const double x = a.*(entry.second), y = b.*(entry.second);
                if (!(x == y || (std::isnan(x) && std::isnan(y)))) return false;
            }
            return true;
        }, py::is_operator())
        .def("__repr__", [](const Kpis& k) {
            return fields_repr("Kpis", {{"tickets", py_repr(k.tickets)},
                                        {"resolved", py_repr(k.resolved)},
                                        {"sla_response_rate", py_repr(k.sla_response_rate)},
                                        {"sla_resolution_rate", py_repr(k.sla_resolution_rate)},
                                        {"utilisation", py_repr(k.utilisation)},
                                        {"travel_km", py_repr(k.travel_km)}});
        });
    for (const auto& [name, member] : kpi_members()) kpis_class.def_readwrite(name, member);
    m.def("kpi_entries", &entries_list, py::arg("kpis"), R"(The KPIs as a list in a fixed order.

Parameters
----------
kpis : Kpis

Returns
-------
list of (str, float, bool)
    (name, value, higher_is_better).)");

    py::class_<PriorityKpis>(m, "PriorityKpis", "SLA attainment of one priority.")
        .def_readonly("priority", &PriorityKpis::priority)
        .def_readonly("tickets", &PriorityKpis::tickets)
        .def_readonly("sla_response_rate", &PriorityKpis::sla_response_rate)
        .def_readonly("sla_resolution_rate", &PriorityKpis::sla_resolution_rate)
        .def("__repr__", [](const PriorityKpis& k) {
            return fields_repr("PriorityKpis", {{"priority", py_repr(k.priority)},
                                                {"tickets", py_repr(k.tickets)},
                                                {"sla_response_rate", py_repr(k.sla_response_rate)},
                                                {"sla_resolution_rate", py_repr(k.sla_resolution_rate)}});
        });
    py::class_<BacklogPoint>(m, "BacklogPoint", "Open tickets at one instant.")
        .def_readonly("time", &BacklogPoint::time)
        .def_readonly("open", &BacklogPoint::open)
        .def("__repr__", [](const BacklogPoint& b) {
            return fields_repr("BacklogPoint", {{"time", py_repr(b.time)}, {"open", py_repr(b.open)}});
        });
    py::class_<KpiReport>(m, "KpiReport", "KPIs plus their breakdowns.")
        .def_readonly("kpis", &KpiReport::kpis)
        .def_readonly("by_priority", &KpiReport::by_priority)
        .def_readonly("backlog", &KpiReport::backlog)
        .def("__repr__", [](const KpiReport& r) {
            return fields_repr("KpiReport", {{"kpis", py_repr(r.kpis)},
                                             {"by_priority", list_repr(r.by_priority, 0)},
                                             {"backlog", list_repr(r.backlog, 0)}});
        });
    m.def(
        "compute_kpis",
        [](const SimLog& log, Duration backlog_interval) {
            py::gil_scoped_release release;
            return compute_kpis(log, backlog_interval);
        },
        py::arg("log"), py::arg("backlog_interval") = 3600, R"(The KPI report of a run's log.

Parameters
----------
log : SimLog
backlog_interval : int, default 3600
    Seconds between backlog samples.

Returns
-------
KpiReport)");

    py::class_<KpiSummary>(m, "KpiSummary", "Mean and 95 % confidence half-width (Student t) of a sample.")
        .def(py::init([](double mean, double half_width, int n) { return KpiSummary{mean, half_width, n}; }),
             py::arg("mean") = 0.0, py::arg("half_width") = 0.0, py::arg("n") = 0)
        .def_readonly("mean", &KpiSummary::mean)
        .def_readonly("half_width", &KpiSummary::half_width)
        .def_readonly("n", &KpiSummary::n)
        .def_property_readonly("low", [](const KpiSummary& s) { return s.mean - s.half_width; })
        .def_property_readonly("high", [](const KpiSummary& s) { return s.mean + s.half_width; })
        .def("__eq__", [](const KpiSummary& a, const KpiSummary& b) {
            return a.n == b.n && (a.mean == b.mean || (std::isnan(a.mean) && std::isnan(b.mean))) &&
                   (a.half_width == b.half_width || (std::isnan(a.half_width) && std::isnan(b.half_width)));
        }, py::is_operator())
        .def("__repr__", [](const KpiSummary& s) {
            return fields_repr("KpiSummary", {{"mean", py_repr(s.mean)}, {"half_width", py_repr(s.half_width)}, {"n", py_repr(s.n)}});
        });
    m.def("summarise", &summarise, py::arg("values"), R"(Mean and 95 % confidence half-width (Student t) of a sample.

Parameters
----------
values : list of float
    NaN values are dropped.

Returns
-------
KpiSummary)");
    m.def("student_t975", &student_t975, py::arg("df"), R"(The 97.5 % quantile of Student's t.

Parameters
----------
df : int
    Degrees of freedom.

Returns
-------
float)");

    // ---- runs and comparisons ---------------------------------------------
    py::class_<SimResult>(m, "SimResult", "A finished run: the log and its KPI report.")
        .def_readonly("policy", &SimResult::policy)
        .def_readonly("log", &SimResult::log)
        .def_readonly("report", &SimResult::report)
        .def_readonly("events", &SimResult::events)
        .def_readonly("seconds", &SimResult::seconds)
        .def_readonly("policy_seconds", &SimResult::policy_seconds)
        .def("__repr__", [](const SimResult& r) {
            return fields_repr("SimResult", {{"policy", py_repr(r.policy)},
                                             {"events", py_repr(r.events)},
                                             {"seconds", py_repr(r.seconds)},
                                             {"kpis", py_repr(r.report.kpis)}});
        });

    m.def(
        "simulate",
        [](const Scenario& scenario, const py::object& policy, int days, std::uint64_t seed, bool record_events,
           Duration backlog_interval, const py::object& progress) {
            SimOptions o;
            o.days = days;
            o.seed = seed;
            o.record_events = record_events;
            o.backlog_interval = backlog_interval;
            o.progress = progress_callback(progress);
            if (py::isinstance<py::str>(policy)) {
                std::unique_ptr<Policy> p = make_policy(policy.cast<std::string>());
                return run_simulation(scenario, *p, o);
            }
            return run_simulation(scenario, policy.cast<Policy&>(), o);
        },
        py::arg("scenario"), py::arg("policy"), py::arg("days") = 7, py::arg("seed") = 1, py::arg("record_events") = true,
        py::arg("backlog_interval") = 3600, py::arg("progress") = py::none(),
        R"(Runs a policy over the scenario (the engine behind fsdispatch.simulate).

Parameters
----------
scenario : Scenario
policy : str or Policy
    A built-in name or a Policy object.
days : int, default 7
seed : int, default 1
record_events : bool, default True
backlog_interval : int, default 3600
    Seconds between backlog samples.
progress : callable, optional
    Called as progress(days_done, days).

Returns
-------
SimResult)");

    py::class_<KpiComparison>(m, "KpiComparison", "One KPI of one policy and its paired difference to the first policy.")
        .def_readonly("policy", &KpiComparison::policy)
        .def_readonly("kpi", &KpiComparison::kpi)
        .def_readonly("value", &KpiComparison::value)
        .def_readonly("difference", &KpiComparison::difference)
        .def("__repr__", [](const KpiComparison& c) {
            return fields_repr("KpiComparison", {{"policy", py_repr(c.policy)},
                                                 {"kpi", py_repr(c.kpi)},
                                                 {"value", py_repr(c.value)},
                                                 {"difference", py_repr(c.difference)}});
        });
    py::class_<Comparison>(m, "Comparison", "Per policy and KPI: mean, CI, paired difference; the runs' KPIs.")
        .def_readonly("policies", &Comparison::policies)
        .def_readonly("rows", &Comparison::rows)
        .def_readonly("runs", &Comparison::runs)
        .def("__repr__", [](const Comparison& c) {
            return fields_repr("Comparison", {{"policies", py_repr(c.policies)}, {"rows", list_repr(c.rows, 0)}});
        });
    m.def(
        "compare_runs",
        [](const std::vector<std::string>& policies, std::vector<std::vector<Kpis>> runs) {
            return compare_runs(policies, std::move(runs));
        },
        py::arg("policies"), py::arg("runs"), R"(The comparison of runs already made.

Parameters
----------
policies : list of str
    The labels, as the table shows them.
runs : list of list of Kpis
    ``runs[policy][replication]``; replication r of every policy shares its seed.

Returns
-------
Comparison)");
    m.def(
        "compare_policies",
        [](const Scenario& scenario, const std::vector<std::string>& policies, int replications, int days, std::uint64_t seed,
           const py::object& progress) {
            CompareOptions o;
            o.days = days;
            o.replications = replications;
            o.seed = seed;
            o.progress = progress_callback(progress);
            py::gil_scoped_release release;
            return compare_policies(scenario, policies, o);
        },
        py::arg("scenario"), py::arg("policies"), py::arg("replications") = 5, py::arg("days") = 7, py::arg("seed") = 1,
        py::arg("progress") = py::none(), R"(Simulates built-in policies for every replication (C++ policies only).

Parameters
----------
scenario : Scenario
policies : list of str
    Built-in names; the table labels them as given.
replications : int, default 5
days : int, default 7
seed : int, default 1
progress : callable, optional
    Called as progress(runs_done, runs).

Returns
-------
Comparison)");
}

}  // namespace

FSDPY_REGISTER(80, bind_sim);
