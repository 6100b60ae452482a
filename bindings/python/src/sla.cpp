// Python bindings of the sla layer: conversion only.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "fsd/core/error.hpp"
#include "fsd/sla/at_risk.hpp"
#include "fsd/sla/escalation.hpp"
#include "fsd/sla/sla_json.hpp"
#include "fsd/sla/sla_status.hpp"
#include "fsd/sla/sla_time.hpp"
#include "repr.hpp"
#include "registry.hpp"

namespace py = pybind11;

namespace {

// Integer seconds or ISO-8601 text with an offset.
fsd::Time to_time(const py::handle& v, const std::string& path) {
    if (py::isinstance<py::str>(v)) return fsd::parse_sla_time(v.cast<std::string>(), path);
    if (py::isinstance<py::bool_>(v) || !py::isinstance<py::int_>(v))
        throw fsd::InputError(path, "expected integer seconds or an ISO-8601 string");
    return v.cast<fsd::Time>();
}

py::object time_or_none(fsd::Time t) { return t == fsd::kTimeMax ? py::object(py::none()) : py::object(py::int_(t)); }

// rows: sequence of (ticket, time, event, priority, tier, impact, urgency).
std::vector<fsd::SlaEventRow> to_rows(const py::sequence& rows) {
    std::vector<fsd::SlaEventRow> out;
    out.reserve(py::len(rows));
    for (std::size_t i = 0; i < py::len(rows); ++i) {
        const std::string p = "/events/" + std::to_string(i);
        const py::tuple r = rows[i].cast<py::tuple>();
        if (r.size() != 7) throw fsd::InputError(p, "internal row shape");
        fsd::SlaEventRow row;
        row.ticket = py::str(r[0]).cast<std::string>();
        row.time = to_time(r[1], p + "/time");
        row.kind = fsd::parse_sla_event_kind(py::str(r[2]).cast<std::string>(), p + "/event");
        row.priority = r[3].is_none() ? 0 : r[3].cast<int>();
        row.tier = r[4].is_none() ? "" : py::str(r[4]).cast<std::string>();
        row.impact = r[5].is_none() ? 0 : r[5].cast<int>();
        row.urgency = r[6].is_none() ? 0 : r[6].cast<int>();
        out.push_back(std::move(row));
    }
    return out;
}

py::dict status_dict(const fsd::SlaMetricStatus& s) {
    py::dict d;
    d["ticket"] = s.ticket;
    d["metric"] = fsd::to_string(s.metric);
    d["cycle"] = s.cycle;
    d["priority"] = s.priority;
    d["tier"] = s.tier;
    d["state"] = fsd::to_string(s.clock.state);
    d["start"] = s.clock.start;
    d["target"] = s.clock.target;
    d["elapsed"] = s.clock.elapsed;
    d["paused"] = s.clock.paused;
    d["remaining"] = s.clock.remaining;
    d["deadline"] = s.clock.deadline;
    d["breached"] = s.clock.breached;
    d["stopped_at"] = time_or_none(s.clock.stopped_at);
    return d;
}

void bind_sla(py::module_& m) {
    py::class_<fsd::BusinessCalendar>(m, "BusinessCalendar",
                                      "Weekly working hours, holidays and a time zone (daylight saving included); business time to the second.")
        .def(py::init<>(), "A 24x7 calendar.")
        .def_static(
            "from_json", [](const std::string& text) { return fsd::business_calendar_from_json(text); },
            "A calendar from its JSON object (see docs/sla.md).")
        .def(
            "add", [](const fsd::BusinessCalendar& c, py::object t, fsd::Duration d) { return c.add(to_time(t, "/t"), d); },
            py::arg("t"), py::arg("seconds"), "Earliest instant at which `seconds` business seconds have passed since t.")
        .def(
            "between",
            [](const fsd::BusinessCalendar& c, py::object a, py::object b) {
                return c.between(to_time(a, "/a"), to_time(b, "/b"));
            },
            py::arg("a"), py::arg("b"), "Business seconds in [a, b).")
        .def(
            "is_open", [](const fsd::BusinessCalendar& c, py::object t) { return c.is_open(to_time(t, "/t")); },
            py::arg("t"))
        .def_property_readonly("is_24x7", &fsd::BusinessCalendar::is_24x7)
        .def_property_readonly("utc_offset", &fsd::BusinessCalendar::utc_offset)
        .def_property_readonly(
            "time_zone", [](const fsd::BusinessCalendar& c) { return c.time_zone().name(); },
            "The zone whose wall clock the hours follow: an IANA name, \"UTC\" or an offset such as \"+01:00\".")
        .def_property_readonly("week_total", &fsd::BusinessCalendar::week_total)
        .def("__repr__", [](const fsd::BusinessCalendar& c) {
            return fsdpy::fields_repr("BusinessCalendar", {{"time_zone", fsdpy::py_repr(c.time_zone().name())},
                                                           {"is_24x7", fsdpy::py_repr(c.is_24x7())},
                                                           {"week_total", fsdpy::py_repr(c.week_total())}});
        });

    py::class_<fsd::SlaPolicy>(m, "SlaPolicy", R"(Calendars, tiers, priority matrix, SLA targets and escalation ladder.

Read one with ``SlaPolicy.from_json`` (docs/sla.md). Pickling and ``==`` go
through the policy's JSON document.)")
        .def(py::pickle([](const fsd::SlaPolicy& p) { return fsd::sla_policy_to_json(p); },
                        [](const std::string& text) { return fsd::sla_policy_from_json(text); }))
        .def("__eq__", [](const fsd::SlaPolicy& a, const fsd::SlaPolicy& b) {
            return fsd::sla_policy_to_json(a) == fsd::sla_policy_to_json(b);
        }, py::is_operator())
        .def("__repr__", [](const fsd::SlaPolicy& p) {
            return fsdpy::fields_repr("SlaPolicy", {{"tiers", fsdpy::py_repr(p.tiers())},
                                                    {"calendars", fsdpy::py_repr(p.calendar_names())}});
        })
        .def_static(
            "from_json", [](const std::string& text) { return fsd::sla_policy_from_json(text); }, py::arg("text"),
            R"(Reads a policy.

Parameters
----------
text : str
    The policy document (docs/sla.md).

Returns
-------
SlaPolicy

Raises
------
InputError
    Naming the bad field.)")
        .def("to_json", [](const fsd::SlaPolicy& p) { return fsd::sla_policy_to_json(p); },
             "The policy document as JSON text; SlaPolicy.from_json reads it back.")
        .def_property_readonly("tiers", &fsd::SlaPolicy::tiers)
        .def_property_readonly("calendar_names", &fsd::SlaPolicy::calendar_names)
        .def(
            "calendar", [](const fsd::SlaPolicy& p, const std::string& name) { return p.calendar(name); },
            py::arg("name"))
        .def(
            "priority", [](const fsd::SlaPolicy& p, int impact, int urgency) {
                return p.priority_matrix().priority(impact, urgency);
            },
            py::arg("impact"), py::arg("urgency"), "Priority from the impact x urgency matrix.")
        .def(
            "target",
            [](const fsd::SlaPolicy& p, int priority, const std::string& tier, const std::string& metric) -> py::object {
                const auto* t = p.find_target(priority, tier,
                                              metric == "response" ? fsd::SlaMetric::response : fsd::SlaMetric::resolution);
                if (!t) return py::none();
                py::dict d;
                d["duration"] = t->duration;
                d["calendar"] = t->calendar;
                d["hard"] = t->hard;
                d["lateness_cost_per_second"] = t->lateness_cost_per_second;
                return py::object(d);
            },
            py::arg("priority"), py::arg("tier"), py::arg("metric"), "The target of a cell as a dict, or None.");

    m.def(
        "_sla_status_rows",
        [](const py::sequence& rows, const fsd::SlaPolicy& policy, py::object at) {
            const auto r = to_rows(rows);
            const fsd::Time t = to_time(at, "/at");
            std::vector<fsd::SlaMetricStatus> table;
            {
                py::gil_scoped_release release;
                table = fsd::sla_status_table(fsd::group_sla_events(r, policy), policy, t);
            }
            py::list out;
            for (const auto& s : table) out.append(status_dict(s));
            return out;
        },
        py::arg("rows"), py::arg("policy"), py::arg("at"),
        "Status rows (one per ticket x metric) from (ticket, time, event, priority, tier, impact, urgency) rows.");
    m.def("_sla_escalations", [](const py::sequence& rows, const fsd::SlaPolicy& policy, py::object at) {
        const auto r = to_rows(rows);
        const auto es = fsd::sla_escalations(fsd::group_sla_events(r, policy), policy, to_time(at, "/at"));
        py::list out;
        for (const auto& e : es) {
            py::dict d;
            d["ticket"] = e.ticket;
            d["metric"] = fsd::to_string(e.metric);
            d["cycle"] = e.cycle;
            d["percent"] = e.percent;
            d["action"] = e.action;
            d["time"] = e.time;
            d["fired"] = e.fired;
            out.append(d);
        }
        return out;
    }, py::arg("rows"), py::arg("policy"), py::arg("at"), "Escalation rows (fired and to come) from event rows.");
    m.def("_sla_at_risk", [](const py::sequence& rows, const fsd::SlaPolicy& policy, py::object at, const py::dict& etas,
                             fsd::Duration margin, bool response_on_site) {
        const auto r = to_rows(rows);
        std::unordered_map<std::string, fsd::Time> e;
        for (auto item : etas)
            e[py::str(item.first).cast<std::string>()] = to_time(item.second, "/etas/" + py::str(item.first).cast<std::string>());
        const auto table = fsd::sla_status_table(fsd::group_sla_events(r, policy), policy, to_time(at, "/at"));
        const auto risk = fsd::sla_at_risk(table, e, policy, {margin, response_on_site});
        py::list out;
        for (const auto& x : risk) {
            py::dict d;
            d["ticket"] = x.ticket;
            d["metric"] = fsd::to_string(x.metric);
            d["cycle"] = x.cycle;
            d["deadline"] = x.deadline;
            d["eta"] = x.eta;
            d["late_by"] = x.late_by;
            d["late_by_business"] = x.late_by_business;
            d["already_breached"] = x.already_breached;
            out.append(d);
        }
        return out;
    }, py::arg("rows"), py::arg("policy"), py::arg("at"), py::arg("etas"), py::arg("margin"), py::arg("response_on_site"),
       "At-risk rows: open SLAs the ETAs miss.");
}

}  // namespace

FSDPY_REGISTER(50, bind_sla);
