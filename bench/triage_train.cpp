// Training speed and held-out accuracy of the triage model on a generated
// bilingual history. Usage: triage_train [--count N] [--seed S]
// [--test-share F] [--csv FILE]
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "fsd/triage/holdout_split.hpp"
#include "fsd/triage/ticket_generator.hpp"
#include "fsd/triage/triage_model.hpp"

using namespace fsd::triage;

namespace {
double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

int main(int argc, char** argv) {
    TicketGeneratorOptions gen;
    gen.count = 50000;
    double test_share = 0.2;
    std::uint64_t split_seed = 42;
    std::string csv;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const std::string value = argv[i + 1];
        if (flag == "--count") gen.count = std::stoi(value);
        else if (flag == "--seed") gen.seed = std::stoull(value);
        else if (flag == "--test-share") test_share = std::stod(value);
        else if (flag == "--csv") csv = value;
        else {
            fmt::print(stderr, "unknown option {}\n", flag);
            return 2;
        }
    }

    auto t0 = std::chrono::steady_clock::now();
    const auto tickets = generate_tickets(gen);
    const double generate_s = seconds_since(t0);
    t0 = std::chrono::steady_clock::now();
    const TriageModel full = TriageModel::fit(tickets);
    const double train_all_s = seconds_since(t0);
    t0 = std::chrono::steady_clock::now();
    for (int q = 0; q < 100; ++q) (void)full.similar(tickets[static_cast<std::size_t>(q * 37) % tickets.size()].text, 5);
    const double similar_ms = seconds_since(t0) * 1000.0 / 100.0;

    const HoldoutSplit split = split_holdout(tickets.size(), test_share, split_seed);
    std::vector<Ticket> train;
    train.reserve(split.train.size());
    for (auto i : split.train) train.push_back(tickets[static_cast<std::size_t>(i)]);

    t0 = std::chrono::steady_clock::now();
    const TriageModel model = TriageModel::fit(train);
    const double train_s = seconds_since(t0);

    std::vector<std::string> texts, truth, skill_truth;
    for (auto i : split.test) {
        const Ticket& t = tickets[static_cast<std::size_t>(i)];
        texts.push_back(t.text);
        truth.push_back(t.category);
        skill_truth.push_back(t.skill);
    }
    t0 = std::chrono::steady_clock::now();
    const auto predictions = model.predict(texts);
    const double predict_s = seconds_since(t0);
    std::vector<std::string> predicted, skills;
    for (const auto& p : predictions) {
        predicted.push_back(p.category.label);
        skills.push_back(p.skill.label);
    }
    const std::vector<std::pair<std::string, double>> rows{
        {"tickets", static_cast<double>(tickets.size())},
        {"train_tickets", static_cast<double>(train.size())},
        {"test_tickets", static_cast<double>(split.test.size())},
        {"vocabulary", static_cast<double>(full.vectorizer().size())},
        {"generate_s", generate_s},
        {"train_all_s", train_all_s},
        {"train_split_s", train_s},
        {"predict_test_s", predict_s},
        {"similar_ms_per_query", similar_ms},
        {"category_accuracy", accuracy(predicted, truth)},
        {"skill_accuracy", accuracy(skills, skill_truth)},
    };
    fmt::print("{:<24}{:>14}\n", "metric", "value");
    for (const auto& [name, value] : rows) fmt::print("{:<24}{:>14.4f}\n", name, value);
    if (!csv.empty()) {
        std::ofstream out(csv);
        out << "metric,value\n";
        for (const auto& [name, value] : rows) out << name << ',' << fmt::format("{}", value) << '\n';
    }
    return 0;
}
