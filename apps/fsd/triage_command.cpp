// fsd triage: train / predict / similar / duplicates / generate on ticket text.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_streams.hpp"
#include "command_registry.hpp"
#include "fsd/core/error.hpp"
#include "text_file.hpp"
#include "fsd/triage/duplicate_finder.hpp"
#include "fsd/triage/holdout_split.hpp"
#include "fsd/triage/ticket_csv.hpp"
#include "fsd/triage/ticket_generator.hpp"
#include "fsd/triage/triage_model.hpp"
#include "fsd/triage/utf8.hpp"
#include "option_checks.hpp"

namespace {

using nlohmann::json;
namespace tr = fsd::triage;

std::string read_file(const std::string& path) {
    if (path == fsdcli::kStdStream) return fsdcli::read_text_file(path);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw fsd::InputError(path, "cannot open the file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// Shortens text for a table cell, counting characters rather than bytes so
// Chinese text is not cut inside a character.
std::string cell(const std::string& text, std::size_t width) {
    std::u32string cps = tr::decode_utf8(text);
    for (auto& c : cps)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (cps.size() > width) {
        cps.resize(width - 1);
        cps.push_back(U'…');
    }
    return tr::encode_utf8(cps);
}

std::string terms_text(const std::vector<tr::TermContribution>& terms) {
    std::string out;
    for (const auto& t : terms) {
        if (!out.empty()) out += ' ';
        out += fmt::format("{}({:.2f})", t.term, t.weight);
    }
    return out;
}

json label_json(const tr::LabelPrediction& p) {
    json terms = json::array();
    for (const auto& t : p.top_terms) terms.push_back({{"term", t.term}, {"weight", t.weight}});
    json out = {{"label", p.label}, {"probability", p.probability}, {"top_terms", terms}};
    if (!p.rule.empty()) out["rule"] = p.rule;
    return out;
}

std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

struct TrainArgs {
    std::string tickets;
    std::string output;
    std::string text_column = "text";
    std::string label = "category";
    std::string skill = "skill";
    std::vector<std::string> rules;
    std::vector<std::string> skill_rules;
    int min_df = 2;
    double l2 = 1e-4;
    double holdout = 0.0;
    std::uint64_t seed = 42;
};

void run_train(const TrainArgs& a) {
    const fsdcli::ReportAwayFromStdout report({a.output});
    // NaN passes every `<` test unnoticed: it made a flat model (--l2) or
    // switched the held-out split off (--holdout).
    if (!(std::isfinite(a.l2) && a.l2 >= 0.0)) throw fsd::InputError("--l2", "must be a finite number, 0 or more");
    if (!(a.holdout >= 0.0 && a.holdout < 1.0))
        throw fsd::InputError("--holdout", "must be at least 0 and below 1 (0 turns the held-out split off)");
    tr::TriageOptions options;
    options.classifier.l2 = a.l2;
    for (std::size_t i = 0; i < a.rules.size(); ++i)
        options.category_rules.push_back(tr::parse_rule(a.rules[i], fmt::format("--rule/{}", i)));
    for (std::size_t i = 0; i < a.skill_rules.size(); ++i)
        options.skill_rules.push_back(tr::parse_rule(a.skill_rules[i], fmt::format("--skill-rule/{}", i)));

    tr::TicketColumns columns;
    columns.text = a.text_column;
    columns.category = a.label;
    columns.skill = a.skill;
    // Training does not need times, but a file that has them must have real
    // ones (2026-02-30 is a typo or a broken export, not a ticket).
    const auto tickets = tr::read_tickets_csv(a.tickets, columns, {a.label});
    if (tickets.empty()) throw fsd::InputError(a.tickets, "the file has a header but no ticket rows");
    options.features.min_df = tr::training_min_df(a.min_df, tickets.size(), "--min-df");

    if (a.holdout > 0.0) {
        const auto split = tr::split_holdout(tickets.size(), a.holdout, a.seed);
        if (split.test.empty())
            throw fsd::InputError("--holdout", fmt::format("{} of {} tickets holds out none: give a larger share, or 0 "
                                                           "to train without a held-out split",
                                                           a.holdout, tickets.size()));
        if (split.train.empty())
            throw fsd::InputError("--holdout", fmt::format("{} of {} tickets leaves none to train on", a.holdout,
                                                           tickets.size()));
        tr::TriageOptions split_options = options;
        split_options.features.min_df = tr::training_min_df(a.min_df, split.train.size(), "--min-df");
        std::vector<tr::Ticket> train;
        for (auto i : split.train) train.push_back(tickets[static_cast<std::size_t>(i)]);
        const auto model = tr::TriageModel::fit(train, split_options);
        std::vector<std::string> texts, truth, skill_truth, predicted, skills;
        for (auto i : split.test) {
            texts.push_back(tickets[static_cast<std::size_t>(i)].text);
            truth.push_back(tickets[static_cast<std::size_t>(i)].category);
            skill_truth.push_back(tickets[static_cast<std::size_t>(i)].skill);
        }
        for (const auto& p : model.predict(texts)) {
            predicted.push_back(p.category.label);
            skills.push_back(p.skill.label);
        }
        fmt::print(std::cout, "held-out split   {} train / {} test (seed {})\n", split.train.size(), split.test.size(), a.seed);
        fmt::print(std::cout, "category accuracy {:.4f}\n", tr::accuracy(predicted, truth));
        if (!model.skills().empty()) fmt::print(std::cout, "skill accuracy    {:.4f}\n", tr::accuracy(skills, skill_truth));
    }
    const auto model = tr::TriageModel::fit(tickets, options);
    fsdcli::write_text_file(a.output, model.to_json());
    std::string labels;
    for (const auto& c : model.categories()) {
        if (!labels.empty()) labels += ", ";
        labels += c;
    }
    fmt::print(std::cout, "trained on {} tickets, {} terms\ncategories: {}\n", tickets.size(), model.vectorizer().size(), labels);
    if (!model.skills().empty()) fmt::print(std::cout, "skills: {}\n", model.skills().size());
    fsdcli::note_written("model", a.output);
}

struct PredictArgs {
    std::string model;
    std::vector<std::string> texts;
    std::string json_out;
    std::string csv_out;
};

void run_predict(const PredictArgs& a) {
    const fsdcli::ReportAwayFromStdout report({a.json_out, a.csv_out});
    // The texts are echoed into the JSON output, which must be UTF-8.
    for (std::size_t i = 0; i < a.texts.size(); ++i) tr::require_utf8(a.texts[i], fmt::format("texts/{}", i));
    const auto model = tr::TriageModel::from_json(read_file(a.model));
    const auto predictions = model.predict(a.texts);
    fmt::print(std::cout, "{:<32} {:<14} {:>6} {:<18} {}\n", "text", "category", "prob", "skill", "top terms");
    for (std::size_t i = 0; i < predictions.size(); ++i) {
        const auto& p = predictions[i];
        fmt::print(std::cout, "{:<32} {:<14} {:>6.3f} {:<18} {}\n", cell(a.texts[i], 30), p.category.label,
                   p.category.probability, p.skill.label, terms_text(p.category.top_terms));
    }
    if (!a.json_out.empty()) {
        json out = json::array();
        for (std::size_t i = 0; i < predictions.size(); ++i)
            out.push_back({{"text", a.texts[i]},
                           {"category", label_json(predictions[i].category)},
                           {"skill", label_json(predictions[i].skill)}});
        fsdcli::write_text_file(a.json_out, out.dump(2) + "\n");
    }
    if (!a.csv_out.empty()) {
        std::ostringstream out;
        out << "text,category,probability,rule,skill,skill_probability,top_terms\n";
        for (std::size_t i = 0; i < predictions.size(); ++i) {
            const auto& p = predictions[i];
            std::string terms;
            for (const auto& t : p.category.top_terms) {
                if (!terms.empty()) terms += ' ';
                terms += t.term;
            }
            out << csv_field(a.texts[i]) << ',' << csv_field(p.category.label) << ',' << p.category.probability << ','
                << csv_field(p.category.rule) << ',' << csv_field(p.skill.label) << ',' << p.skill.probability << ','
                << csv_field(terms) << '\n';
        }
        fsdcli::write_text_file(a.csv_out, out.str());
    }
}

struct SimilarArgs {
    std::string model;
    std::string text;
    int k = 5;
    std::string json_out;
};

void run_similar(const SimilarArgs& a) {
    const fsdcli::ReportAwayFromStdout report({a.json_out});
    tr::require_utf8(a.text, "text");
    const auto model = tr::TriageModel::from_json(read_file(a.model));
    if (a.k < 1) throw fsd::InputError("-k", "must be at least 1");
    const auto hits = model.similar(a.text, a.k);
    fmt::print(std::cout, "{:<10} {:>6} {:<14} {:<36} {}\n", "id", "cosine", "category", "text", "resolution");
    for (const auto& h : hits)
        fmt::print(std::cout, "{:<10} {:>6.3f} {:<14} {:<36} {}\n", h.id, h.similarity, h.category, cell(h.text, 34),
                   cell(h.resolution, 60));
    if (hits.empty()) fmt::print(std::cout, "(no past ticket shares a term with this text)\n");
    if (!a.json_out.empty()) {
        json out = json::array();
        for (const auto& h : hits)
            out.push_back({{"id", h.id}, {"similarity", h.similarity}, {"text", h.text}, {"category", h.category},
                           {"resolution", h.resolution}});
        fsdcli::write_text_file(a.json_out, out.dump(2) + "\n");
    }
}

struct DuplicateArgs {
    std::string tickets;
    double window_hours = 72.0;
    double threshold = 0.6;
    std::string json_out;
    std::string csv_out;
};

void run_duplicates(const DuplicateArgs& a) {
    const fsdcli::ReportAwayFromStdout report({a.json_out, a.csv_out});
    // A bound far beyond any ticket history keeps the conversion to seconds
    // exact (infinity would not fit a Duration).
    constexpr double kMaxWindowHours = 1e6;
    if (!(a.window_hours >= 0.0 && a.window_hours <= kMaxWindowHours))
        throw fsd::InputError("--window-hours", fmt::format("must be from 0 to {} hours", kMaxWindowHours));
    if (!(a.threshold >= 0.0 && a.threshold <= 1.0)) throw fsd::InputError("--threshold", "must be between 0 and 1");
    const auto tickets = tr::read_tickets_csv(a.tickets, {}, {"created"});
    tr::DuplicateOptions options;
    options.window = static_cast<fsd::Duration>(a.window_hours * 3600.0 + 0.5);
    options.threshold = a.threshold;
    const auto found = tr::find_duplicates(tickets, options);
    fmt::print(std::cout, "{} tickets, {} merge suggestions (window {} h, similarity >= {:.2f})\n", tickets.size(), found.size(),
               a.window_hours, a.threshold);
    if (!found.empty()) fmt::print(std::cout, "{:<10} {:<10} {:>6}  {}\n", "duplicate", "original", "cosine", "reason");
    for (const auto& d : found)
        fmt::print(std::cout, "{:<10} {:<10} {:>6.3f}  {}\n", d.duplicate_id, d.original_id, d.similarity, d.reason);
    if (!a.json_out.empty()) {
        json out = json::array();
        for (const auto& d : found)
            out.push_back({{"original", d.original_id},
                           {"duplicate", d.duplicate_id},
                           {"same_customer", d.same_customer},
                           {"same_asset", d.same_asset},
                           {"gap_seconds", d.gap},
                           {"similarity", d.similarity},
                           {"reason", d.reason}});
        fsdcli::write_text_file(a.json_out, out.dump(2) + "\n");
    }
    if (!a.csv_out.empty()) {
        std::ostringstream out;
        out << "original,duplicate,same_customer,same_asset,gap_seconds,similarity,reason\n";
        for (const auto& d : found)
            out << csv_field(d.original_id) << ',' << csv_field(d.duplicate_id) << ',' << d.same_customer << ','
                << d.same_asset << ',' << d.gap << ',' << d.similarity << ',' << csv_field(d.reason) << '\n';
        fsdcli::write_text_file(a.csv_out, out.str());
    }
}

void add_triage_command(CLI::App& app) {
    auto* triage = app.add_subcommand("triage", "Ticket text: train a classifier, predict, similar tickets, duplicates");
    triage->require_subcommand(1);

    auto train = std::make_shared<TrainArgs>();
    auto* t = triage->add_subcommand("train", "Train a category/skill model from a ticket CSV and save it as JSON");
    t->add_option("tickets", train->tickets, "Ticket CSV (columns id, created, customer, asset, text, category, skill, resolution)")->required();
    t->add_option("-o,--output", train->output, "Model JSON to write")->required();
    t->add_option("--text-column", train->text_column, "Column holding the ticket text")->capture_default_str();
    t->add_option("--label", train->label, "Column holding the category label")->capture_default_str();
    t->add_option("--skill-label", train->skill, "Column holding the required skill (ignored when absent)")->capture_default_str();
    t->add_option("--rule", train->rules, "Category rule keyword=label, checked before the model (repeatable)");
    t->add_option("--skill-rule", train->skill_rules, "Skill rule keyword=label (repeatable)");
    t->add_option("--min-df", train->min_df, "Ignore terms seen in fewer tickets (1 to the number of tickets)")->capture_default_str();
    t->add_option("--l2", train->l2, "Ridge penalty of the classifier (finite, 0 or more)")->capture_default_str();
    t->add_option("--holdout", train->holdout, "Report accuracy on this share held out, below 1 (0 = off)")->capture_default_str();
    t->add_option("--seed", train->seed, "Seed of the held-out split")->capture_default_str()->check(fsdcli::seed_text());
    t->callback([train] { run_train(*train); });

    auto predict = std::make_shared<PredictArgs>();
    auto* p = triage->add_subcommand("predict", "Predict category and skill of ticket texts");
    p->add_option("model", predict->model, "Model JSON from `fsd triage train`")->required();
    p->add_option("texts", predict->texts, "Ticket texts")->required();
    p->add_option("--json", predict->json_out, "Write predictions as JSON (- for stdout: then the table goes to stderr)");
    p->add_option("--csv", predict->csv_out, "Write predictions as CSV");
    p->callback([predict] { run_predict(*predict); });

    auto similar = std::make_shared<SimilarArgs>();
    auto* s = triage->add_subcommand("similar", "Past tickets most like a text, with their resolutions");
    s->add_option("model", similar->model, "Model JSON from `fsd triage train`")->required();
    s->add_option("text", similar->text, "Ticket text")->required();
    s->add_option("-k", similar->k, "How many tickets")->capture_default_str();
    s->add_option("--json", similar->json_out, "Write the neighbours as JSON (- for stdout: then the table goes to stderr)");
    s->callback([similar] { run_similar(*similar); });

    auto dup = std::make_shared<DuplicateArgs>();
    auto* d = triage->add_subcommand("duplicates", "Suggest merges: same customer or asset, close in time, similar text");
    d->add_option("tickets", dup->tickets, "Ticket CSV with created, customer, asset and text columns")->required();
    d->add_option("--window-hours", dup->window_hours, "Largest gap between the two tickets")->capture_default_str();
    d->add_option("--threshold", dup->threshold, "Smallest cosine similarity of the texts")->capture_default_str();
    d->add_option("--json", dup->json_out, "Write suggestions as JSON (- for stdout: then the table goes to stderr)");
    d->add_option("--csv", dup->csv_out, "Write suggestions as CSV");
    d->callback([dup] { run_duplicates(*dup); });

    auto gen = std::make_shared<tr::TicketGeneratorOptions>();
    auto gen_out = std::make_shared<std::string>();
    auto* g = triage->add_subcommand("generate", "Write a generated bilingual ticket history as CSV");
    g->add_option("-n,--count", gen->count, "Number of tickets")->capture_default_str();
    g->add_option("--seed", gen->seed, "Random seed")->capture_default_str()->check(fsdcli::seed_text());
    g->add_option("--chinese-share", gen->chinese_share, "Share of tickets in Chinese")->capture_default_str();
    g->add_option("-o,--output", *gen_out, "CSV file to write")->required();
    g->callback([gen, gen_out] {
        const auto tickets = tr::generate_tickets(*gen);
        std::ostringstream out;
        tr::write_tickets_csv(out, tickets);
        fsdcli::write_text_file(*gen_out, out.str());
        fsdcli::note_written(fmt::format("{} tickets", tickets.size()), *gen_out);
    });
}

}  // namespace

FSDCLI_REGISTER(60, add_triage_command);
