// Python bindings of the simulation layer: conversion only. Simulations run
// without the GIL; Python policies take it back for each callback.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

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
#include "registry.hpp"

namespace py = pybind11;
using namespace fsd;

namespace {

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

ScenarioGenerateOptions generate_options(const py::kwargs& kwargs) {
    ScenarioGenerateOptions o;
    for (const auto& [key, value] : kwargs) {
        const std::string k = py::str(key);
        if (k == "name") o.name = value.cast<std::string>();
        else if (k == "engineers") o.engineers = value.cast<int>();
        else if (k == "tickets_per_day") o.tickets_per_day = value.cast<double>();
        else if (k == "skills") o.skills = value.cast<int>();
        else if (k == "radius_km") o.radius_km = value.cast<double>();
        else if (k == "centre") {
            if (py::isinstance<Coordinates>(value)) {
                o.centre = value.cast<Coordinates>();
            } else {
                auto pair = value.cast<std::pair<double, double>>();
                o.centre = Coordinates{pair.first, pair.second};
            }
        } else if (k == "median_duration") o.median_duration = value.cast<Duration>();
        else if (k == "travel_noise_sigma") o.travel_noise_sigma = value.cast<double>();
        else if (k == "cancellation_probability") o.cancellation_probability = value.cast<double>();
        else if (k == "seed") o.seed = value.cast<std::uint64_t>();
        else throw py::type_error("generate_scenario() got an unexpected keyword argument '" + k + "'");
    }
    return o;
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
    py::class_<Scenario>(m, "Scenario", "A simulation scenario (format fsdispatch-scenario, docs/simulation.md).")
        .def(py::init<>())
        .def_static("from_json", &scenario_from_json, py::arg("text"), "Reads and validates a scenario (InputError naming the field).")
        .def_static(
            "read", [](const std::string& path) { return read_scenario_file(path); }, py::arg("path"),
            "Reads a scenario file.")
        .def("to_json", &scenario_to_json, py::arg("indent") = 2)
        .def("validate", &validate_scenario, "Raises InputError naming the first bad field.")
        .def("weekday", &sim_weekday, py::arg("day"), "Weekday (Monday = 0) of simulation day `day`.")
        .def("to_unix", &sim_to_unix, py::arg("t"), "The Unix instant of simulation instant t.")
        .def_readwrite("name", &Scenario::name)
        .def_readwrite("start_date", &Scenario::start_date)
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
            return "Scenario('" + s.name + "', engineers=" + std::to_string(s.engineers.size()) +
                   ", ticket_types=" + std::to_string(s.ticket_types.size()) + ")";
        });

    m.def(
        "generate_scenario", [](const py::kwargs& kwargs) { return generate_scenario(generate_options(kwargs)); },
        "generate_scenario(**options): a seeded scenario; options name, engineers, tickets_per_day, skills, "
        "radius_km, centre=(lat, lon), median_duration, travel_noise_sigma, cancellation_probability, seed.");
    m.def(
        "scenario_preset", [](const std::string& name, std::uint64_t seed) { return generate_scenario(scenario_preset(name, seed)); },
        py::arg("name"), py::arg("seed") = 1, "A bundled scenario: \"urban\", \"rural\", \"specialist\" or \"peak\".");
    m.def(
        "scenario_preset_options", [](const std::string& name, std::uint64_t seed) { return options_dict(scenario_preset(name, seed)); },
        py::arg("name"), py::arg("seed") = 1, "The generate_scenario options of a preset, as a dict.");
    m.def("scenario_preset_names", &scenario_preset_names);
    m.def("replication_seed", &replication_seed, py::arg("seed"), py::arg("replication"),
          "The seed of replication r of a base seed (common random numbers across policies).");

    // ---- tickets and the policy's view -----------------------------------
    py::enum_<SimTicketStatus>(m, "SimTicketStatus")
        .value("waiting", SimTicketStatus::waiting).value("queued", SimTicketStatus::queued)
        .value("en_route", SimTicketStatus::en_route).value("on_site", SimTicketStatus::on_site)
        .value("parked", SimTicketStatus::parked).value("resolved", SimTicketStatus::resolved)
        .value("cancelled", SimTicketStatus::cancelled)
        .def("__str__", [](SimTicketStatus s) { return std::string(to_string(s)); });
    py::enum_<SimEngineerStatus>(m, "SimEngineerStatus")
        .value("off_shift", SimEngineerStatus::off_shift).value("idle", SimEngineerStatus::idle)
        .value("travelling", SimEngineerStatus::travelling).value("on_site", SimEngineerStatus::on_site)
        .value("on_break", SimEngineerStatus::on_break).value("going_home", SimEngineerStatus::going_home)
        .def("__str__", [](SimEngineerStatus s) { return std::string(to_string(s)); });

    py::class_<SimTicket>(m, "SimTicket", "A ticket as the dispatcher knows it (deadlines None when there is no target).")
        .def_readonly("id", &SimTicket::id)
        .def_readonly("type", &SimTicket::type)
        .def_readonly("location", &SimTicket::location)
        .def_readonly("priority", &SimTicket::priority)
        .def_readonly("created", &SimTicket::created)
        .def_property_readonly("response_deadline", [](const SimTicket& t) { return time_or_none(t.response_deadline); })
        .def_property_readonly("resolution_deadline", [](const SimTicket& t) { return time_or_none(t.resolution_deadline); })
        .def("__repr__", [](const SimTicket& t) { return "SimTicket('" + t.id + "', priority=" + std::to_string(t.priority) + ")"; });

    py::class_<TicketDraws>(m, "TicketDraws", "The outcomes drawn for a ticket, hidden from policies.")
        .def_readonly("base_duration", &TicketDraws::base_duration)
        .def_readonly("fix_draw", &TicketDraws::fix_draw)
        .def_readonly("travel_factor", &TicketDraws::travel_factor)
        .def_property_readonly("cancel_at", [](const TicketDraws& d) { return time_or_none(d.cancel_at); });

    py::class_<TicketStream>(m, "TicketStream", "The tickets of one replication, in order of creation.")
        .def_readonly("tickets", &TicketStream::tickets)
        .def_readonly("draws", &TicketStream::draws);
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
        .def_readonly("queue", &SimEngineerView::queue);

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
    m.def("make_policy", &make_policy, py::arg("name"), "A built-in policy by name (\"nearest\", \"batch:600\", ...).");
    m.def("builtin_policy_names", &builtin_policy_names);

    // ---- the log ---------------------------------------------------------
    py::enum_<SimEventKind> kind(m, "SimEventKind");
    for (SimEventKind k : {SimEventKind::created, SimEventKind::assigned, SimEventKind::unassigned, SimEventKind::travel_start,
                           SimEventKind::arrive, SimEventKind::service_end, SimEventKind::follow_up, SimEventKind::cancelled,
                           SimEventKind::shift_start, SimEventKind::shift_end, SimEventKind::home, SimEventKind::break_start,
                           SimEventKind::break_end})
        kind.value(std::string(to_string(k)).c_str(), k);
    kind.def("__str__", [](SimEventKind k) { return std::string(to_string(k)); });
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
        .def("__repr__", [](const SimEvent& e) {
            return "SimEvent(" + std::to_string(e.time) + ", " + std::string(to_string(e.kind)) + ", ticket=" +
                   std::to_string(e.ticket) + ", engineer=" + std::to_string(e.engineer) + ")";
        });
    py::class_<LoggedTicket>(m, "LoggedTicket", "The static facts about one ticket.")
        .def_readonly("id", &LoggedTicket::id)
        .def_readonly("priority", &LoggedTicket::priority)
        .def_readonly("created", &LoggedTicket::created)
        .def_property_readonly("response_deadline", [](const LoggedTicket& t) { return time_or_none(t.response_deadline); })
        .def_property_readonly("resolution_deadline", [](const LoggedTicket& t) { return time_or_none(t.resolution_deadline); });
    py::class_<LoggedShift>(m, "LoggedShift", "One scheduled shift of one engineer.")
        .def_readonly("engineer", &LoggedShift::engineer)
        .def_readonly("start", &LoggedShift::start)
        .def_readonly("end", &LoggedShift::end)
        .def_readonly("break_duration", &LoggedShift::break_duration);
    py::class_<SimLog>(m, "SimLog", "A run's record: events plus the static facts KPIs need.")
        .def_readonly("horizon_end", &SimLog::horizon_end)
        .def_readonly("engineers", &SimLog::engineers)
        .def_readonly("tickets", &SimLog::tickets)
        .def_readonly("shifts", &SimLog::shifts)
        .def_readonly("events", &SimLog::events)
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
    kpis_class.def(py::init([](const py::kwargs& kwargs) { return kpis_from_fields(kwargs); }))
        .def("entries", &entries_list, "[(name, value, higher_is_better)] in kpi_entries order.")
        .def("fields", &kpis_fields, "The members as a dict.")
        .def(py::pickle([](const Kpis& k) { return kpis_fields(k); }, [](const py::dict& d) { return kpis_from_fields(d); }))
        .def("__repr__", [](const Kpis& k) {
            return "Kpis(tickets=" + std::to_string(k.tickets) + ", sla_response_rate=" + std::to_string(k.sla_response_rate) + ")";
        });
    for (const auto& [name, member] : kpi_members()) kpis_class.def_readwrite(name, member);
    m.def("kpi_entries", &entries_list, py::arg("kpis"), "[(name, value, higher_is_better)] in a fixed order.");

    py::class_<PriorityKpis>(m, "PriorityKpis", "SLA attainment of one priority.")
        .def_readonly("priority", &PriorityKpis::priority)
        .def_readonly("tickets", &PriorityKpis::tickets)
        .def_readonly("sla_response_rate", &PriorityKpis::sla_response_rate)
        .def_readonly("sla_resolution_rate", &PriorityKpis::sla_resolution_rate);
    py::class_<BacklogPoint>(m, "BacklogPoint", "Open tickets at one instant.")
        .def_readonly("time", &BacklogPoint::time)
        .def_readonly("open", &BacklogPoint::open);
    py::class_<KpiReport>(m, "KpiReport", "KPIs plus their breakdowns.")
        .def_readonly("kpis", &KpiReport::kpis)
        .def_readonly("by_priority", &KpiReport::by_priority)
        .def_readonly("backlog", &KpiReport::backlog);
    m.def(
        "compute_kpis",
        [](const SimLog& log, Duration backlog_interval) {
            py::gil_scoped_release release;
            return compute_kpis(log, backlog_interval);
        },
        py::arg("log"), py::arg("backlog_interval") = 3600, "The KPI report of a log.");

    py::class_<KpiSummary>(m, "KpiSummary", "Mean and 95 % confidence half-width (Student t) of a sample.")
        .def(py::init([](double mean, double half_width, int n) { return KpiSummary{mean, half_width, n}; }),
             py::arg("mean") = 0.0, py::arg("half_width") = 0.0, py::arg("n") = 0)
        .def_readonly("mean", &KpiSummary::mean)
        .def_readonly("half_width", &KpiSummary::half_width)
        .def_readonly("n", &KpiSummary::n)
        .def_property_readonly("low", [](const KpiSummary& s) { return s.mean - s.half_width; })
        .def_property_readonly("high", [](const KpiSummary& s) { return s.mean + s.half_width; })
        .def("__repr__", [](const KpiSummary& s) {
            return "KpiSummary(mean=" + std::to_string(s.mean) + ", half_width=" + std::to_string(s.half_width) +
                   ", n=" + std::to_string(s.n) + ")";
        });
    m.def("summarise", &summarise, py::arg("values"), "Mean and 95 % CI of a sample; NaN values are dropped.");
    m.def("student_t975", &student_t975, py::arg("df"));

    // ---- runs and comparisons ---------------------------------------------
    py::class_<SimResult>(m, "SimResult", "A finished run: the log and its KPI report.")
        .def_readonly("policy", &SimResult::policy)
        .def_readonly("log", &SimResult::log)
        .def_readonly("report", &SimResult::report)
        .def_readonly("events", &SimResult::events)
        .def_readonly("seconds", &SimResult::seconds)
        .def_readonly("policy_seconds", &SimResult::policy_seconds);

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
        "Runs a policy (a built-in name or a Policy object) over the scenario; progress(days_done, days).");

    py::class_<KpiComparison>(m, "KpiComparison", "One KPI of one policy and its paired difference to the first policy.")
        .def_readonly("policy", &KpiComparison::policy)
        .def_readonly("kpi", &KpiComparison::kpi)
        .def_readonly("value", &KpiComparison::value)
        .def_readonly("difference", &KpiComparison::difference);
    py::class_<Comparison>(m, "Comparison", "Per policy and KPI: mean, CI, paired difference; the runs' KPIs.")
        .def_readonly("policies", &Comparison::policies)
        .def_readonly("rows", &Comparison::rows)
        .def_readonly("runs", &Comparison::runs);
    m.def(
        "compare_runs",
        [](const std::vector<std::string>& policies, std::vector<std::vector<Kpis>> runs) {
            return compare_runs(policies, std::move(runs));
        },
        py::arg("policies"), py::arg("runs"), "The comparison table of runs already made ([policy][replication]).");
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
        py::arg("progress") = py::none(), "Simulates built-in policies for every replication (C++ only).");
}

}  // namespace

FSDPY_REGISTER(80, bind_sim);
