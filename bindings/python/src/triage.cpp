// Python bindings of the triage layer. The pandas-facing API lives in
// fsdispatch/triage.py; these names start with an underscore because they
// take and return plain lists.
#include <pybind11/stl.h>

#include <string>
#include <utility>
#include <vector>

#include "fsd/core/error.hpp"
#include "fsd/triage/duplicate_finder.hpp"
#include "fsd/triage/ticket_csv.hpp"
#include "fsd/triage/ticket_generator.hpp"
#include "fsd/triage/triage_model.hpp"
#include "repr.hpp"
#include "registry.hpp"

namespace py = pybind11;
namespace tr = fsd::triage;
using fsdpy::fields_repr;
using fsdpy::list_repr;
using fsdpy::py_repr;

namespace {

using Column = std::vector<std::string>;
using RulePairs = std::vector<std::pair<std::string, std::string>>;

// Columns arrive as separate lists; they must line up with the texts.
void check_length(const char* name, std::size_t size, std::size_t expected) {
    if (size != 0 && size != expected)
        throw fsd::InputError(std::string("/columns/") + name,
                              "has " + std::to_string(size) + " values for " + std::to_string(expected) + " texts");
}

std::vector<tr::KeywordRule> to_rules(const RulePairs& pairs) {
    std::vector<tr::KeywordRule> rules;
    for (const auto& [keyword, label] : pairs) rules.push_back({keyword, label});
    return rules;
}

std::vector<tr::Ticket> to_tickets(const Column& ids, const std::vector<fsd::Time>& created, const Column& customers,
                                   const Column& assets, const Column& texts, const Column& categories,
                                   const Column& skills, const Column& resolutions) {
    const std::size_t n = texts.size();
    check_length("id", ids.size(), n);
    check_length("created", created.size(), n);
    check_length("customer", customers.size(), n);
    check_length("asset", assets.size(), n);
    check_length("category", categories.size(), n);
    check_length("skill", skills.size(), n);
    check_length("resolution", resolutions.size(), n);
    std::vector<tr::Ticket> tickets(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto& t = tickets[i];
        t.text = texts[i];
        if (!ids.empty()) t.id = ids[i];
        if (!created.empty()) t.created = created[i];
        if (!customers.empty()) t.customer = customers[i];
        if (!assets.empty()) t.asset = assets[i];
        if (!categories.empty()) t.category = categories[i];
        if (!skills.empty()) t.skill = skills[i];
        if (!resolutions.empty()) t.resolution = resolutions[i];
    }
    return tickets;
}

py::dict tickets_to_columns(const std::vector<tr::Ticket>& tickets) {
    Column id, customer, asset, text, category, skill, resolution;
    std::vector<fsd::Time> created;
    for (const auto& t : tickets) {
        id.push_back(t.id);
        created.push_back(t.created);
        customer.push_back(t.customer);
        asset.push_back(t.asset);
        text.push_back(t.text);
        category.push_back(t.category);
        skill.push_back(t.skill);
        resolution.push_back(t.resolution);
    }
    py::dict out;
    out["id"] = id;
    out["created"] = created;
    out["customer"] = customer;
    out["asset"] = asset;
    out["text"] = text;
    out["category"] = category;
    out["skill"] = skill;
    out["resolution"] = resolution;
    return out;
}

void bind_triage(py::module_& m) {
    py::class_<tr::TermContribution>(m, "_TermContribution")
        .def_readonly("term", &tr::TermContribution::term)
        .def_readonly("weight", &tr::TermContribution::weight)
        .def("__repr__", [](const tr::TermContribution& t) {
            return fields_repr("_TermContribution", {{"term", py_repr(t.term)}, {"weight", py_repr(t.weight)}});
        });
    py::class_<tr::LabelPrediction>(m, "_LabelPrediction")
        .def_readonly("label", &tr::LabelPrediction::label)
        .def_readonly("probability", &tr::LabelPrediction::probability)
        .def_readonly("top_terms", &tr::LabelPrediction::top_terms)
        .def_readonly("rule", &tr::LabelPrediction::rule)
        .def("__repr__", [](const tr::LabelPrediction& l) {
            return fields_repr("_LabelPrediction", {{"label", py_repr(l.label)},
                                                    {"probability", py_repr(l.probability)},
                                                    {"rule", py_repr(l.rule)}});
        });
    py::class_<tr::TriagePrediction>(m, "_TriagePrediction")
        .def_readonly("category", &tr::TriagePrediction::category)
        .def_readonly("skill", &tr::TriagePrediction::skill)
        .def("__repr__", [](const tr::TriagePrediction& t) {
            return fields_repr("_TriagePrediction", {{"category", py_repr(t.category)}, {"skill", py_repr(t.skill)}});
        });
    py::class_<tr::SimilarTicket>(m, "_SimilarTicket")
        .def_readonly("index", &tr::SimilarTicket::index)
        .def_readonly("id", &tr::SimilarTicket::id)
        .def_readonly("similarity", &tr::SimilarTicket::similarity)
        .def_readonly("text", &tr::SimilarTicket::text)
        .def_readonly("category", &tr::SimilarTicket::category)
        .def_readonly("resolution", &tr::SimilarTicket::resolution)
        .def("__repr__", [](const tr::SimilarTicket& t) {
            return fields_repr("_SimilarTicket", {{"index", py_repr(t.index)},
                                                  {"id", py_repr(t.id)},
                                                  {"similarity", py_repr(t.similarity)},
                                                  {"category", py_repr(t.category)}});
        });
    py::class_<tr::DuplicateSuggestion>(m, "_DuplicateSuggestion")
        .def_readonly("original", &tr::DuplicateSuggestion::original)
        .def_readonly("duplicate", &tr::DuplicateSuggestion::duplicate)
        .def_readonly("original_id", &tr::DuplicateSuggestion::original_id)
        .def_readonly("duplicate_id", &tr::DuplicateSuggestion::duplicate_id)
        .def_readonly("same_customer", &tr::DuplicateSuggestion::same_customer)
        .def_readonly("same_asset", &tr::DuplicateSuggestion::same_asset)
        .def_readonly("gap", &tr::DuplicateSuggestion::gap)
        .def_readonly("similarity", &tr::DuplicateSuggestion::similarity)
        .def_readonly("reason", &tr::DuplicateSuggestion::reason)
        .def("__repr__", [](const tr::DuplicateSuggestion& d) {
            return fields_repr("_DuplicateSuggestion", {{"original_id", py_repr(d.original_id)},
                                                        {"duplicate_id", py_repr(d.duplicate_id)},
                                                        {"gap", py_repr(d.gap)},
                                                        {"similarity", py_repr(d.similarity)},
                                                        {"reason", py_repr(d.reason)}});
        });

    py::class_<tr::TriageModel>(m, "_TriageModel", "Trained ticket classifier (see fsdispatch.TriageModel).")
        .def(
            "predict",
            [](const tr::TriageModel& model, const Column& texts) { return model.predict(texts); },
            py::arg("texts"), py::call_guard<py::gil_scoped_release>())
        .def("similar", &tr::TriageModel::similar, py::arg("text"), py::arg("k") = 5,
             py::call_guard<py::gil_scoped_release>())
        .def("to_json", &tr::TriageModel::to_json, py::call_guard<py::gil_scoped_release>())
        .def_static("from_json", &tr::TriageModel::from_json, py::arg("json"),
                    py::call_guard<py::gil_scoped_release>())
        .def_property_readonly("categories", &tr::TriageModel::categories)
        .def_property_readonly("skills", &tr::TriageModel::skills)
        .def_property_readonly("vocabulary_size", [](const tr::TriageModel& m) { return m.vectorizer().size(); })
        .def_property_readonly("history_size", &tr::TriageModel::history_size)
        .def("__repr__", [](const tr::TriageModel& model) {
            return fields_repr("_TriageModel", {{"categories", list_repr(model.categories())},
                                                {"skills", list_repr(model.skills())},
                                                {"history_size", py_repr(model.history_size())}});
        });

    m.def(
        "_triage_fit",
        [](const Column& texts, const Column& categories, const Column& skills, const Column& ids,
           const Column& resolutions, const RulePairs& category_rules, const RulePairs& skill_rules, int min_df,
           double l2, int max_iterations, int top_terms, bool keep_history) {
            if (categories.size() != texts.size()) check_length("category", categories.size(), texts.size());
            auto tickets = to_tickets(ids, {}, {}, {}, texts, categories, skills, resolutions);
            tr::TriageOptions options;
            options.features.min_df = min_df;
            options.classifier.l2 = l2;
            options.classifier.max_iterations = max_iterations;
            options.top_terms = top_terms;
            options.keep_history = keep_history;
            options.category_rules = to_rules(category_rules);
            options.skill_rules = to_rules(skill_rules);
            return tr::TriageModel::fit(tickets, options);
        },
        py::arg("texts"), py::arg("categories"), py::arg("skills"), py::arg("ids"), py::arg("resolutions"),
        py::arg("category_rules"), py::arg("skill_rules"), py::arg("min_df") = 2, py::arg("l2") = 1e-4,
        py::arg("max_iterations") = 200, py::arg("top_terms") = 5, py::arg("keep_history") = true,
        py::call_guard<py::gil_scoped_release>(), "Trains a triage model from column lists.");

    m.def(
        "_find_duplicates",
        [](const Column& ids, const std::vector<fsd::Time>& created, const Column& customers, const Column& assets,
           const Column& texts, fsd::Duration window, double threshold) {
            const auto tickets = to_tickets(ids, created, customers, assets, texts, {}, {}, {});
            tr::DuplicateOptions options;
            options.window = window;
            options.threshold = threshold;
            return tr::find_duplicates(tickets, options);
        },
        py::arg("ids"), py::arg("created"), py::arg("customers"), py::arg("assets"), py::arg("texts"),
        py::arg("window"), py::arg("threshold"), py::call_guard<py::gil_scoped_release>(),
        "Merge suggestions for tickets given as column lists (created in Unix seconds).");

    m.def(
        "_generate_tickets",
        [](int count, std::uint64_t seed, double chinese_share, double duplicate_share, double label_noise) {
            tr::TicketGeneratorOptions o;
            o.count = count;
            o.seed = seed;
            o.chinese_share = chinese_share;
            o.duplicate_share = duplicate_share;
            o.label_noise = label_noise;
            return tickets_to_columns(tr::generate_tickets(o));
        },
        py::arg("count") = 5000, py::arg("seed") = 1, py::arg("chinese_share") = 0.5,
        py::arg("duplicate_share") = 0.03, py::arg("label_noise") = 0.04,
        "Generated bilingual ticket history as a dict of columns.");

    m.def(
        "_read_tickets_csv",
        [](const std::string& path, const std::vector<std::string>& required) {
            return tickets_to_columns(tr::read_tickets_csv(path, {}, required));
        },
        py::arg("path"), py::arg("required") = std::vector<std::string>{},
        "Reads a ticket CSV with the C++ parser (errors name the row or column).");
}

}  // namespace

FSDPY_REGISTER(50, bind_triage);
