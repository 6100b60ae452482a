#include <catch2/catch.hpp>

#include <set>

#include "fsd/core/error.hpp"
#include "fsd/triage/duplicate_finder.hpp"
#include "fsd/triage/holdout_split.hpp"
#include "fsd/triage/ticket_generator.hpp"
#include "fsd/triage/triage_model.hpp"

using namespace fsd::triage;

TEST_CASE("the generator is deterministic, bilingual and labelled", "[triage]") {
    TicketGeneratorOptions o;
    o.count = 600;
    o.seed = 7;
    const auto a = generate_tickets(o);
    CHECK(a == generate_tickets(o));
    o.seed = 8;
    CHECK_FALSE(a == generate_tickets(o));
    REQUIRE(a.size() == 600);
    std::set<std::string> categories;
    int chinese = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        categories.insert(a[i].category);
        chinese += (static_cast<unsigned char>(a[i].text[0]) & 0x80) ? 1 : 0;
        CHECK_FALSE(a[i].skill.empty());
        CHECK_FALSE(a[i].resolution.empty());
        if (i > 0) CHECK(a[i - 1].created <= a[i].created);
    }
    CHECK(categories == std::set<std::string>{"complaint", "consultation", "installation", "maintenance", "repair"});
    CHECK(chinese > 200);
    CHECK(chinese < 400);
    CHECK_FALSE(find_duplicates(a).empty());  // re-reports are in the history
    o.label_noise = 2.0;
    CHECK_THROWS_WITH(generate_tickets(o), Catch::Contains("/label_noise"));
}

TEST_CASE("held-out accuracy on the generated history", "[triage]") {
    TicketGeneratorOptions o;
    o.count = 1500;
    const auto tickets = generate_tickets(o);
    const HoldoutSplit split = split_holdout(tickets.size(), 0.2, 42);
    CHECK(split.test.size() == 300);
    CHECK(split.train.size() + split.test.size() == tickets.size());
    std::vector<Ticket> train;
    for (auto i : split.train) train.push_back(tickets[static_cast<std::size_t>(i)]);
    const TriageModel model = TriageModel::fit(train);
    std::vector<std::string> texts, truth, skill_truth;
    for (auto i : split.test) {
        texts.push_back(tickets[static_cast<std::size_t>(i)].text);
        truth.push_back(tickets[static_cast<std::size_t>(i)].category);
        skill_truth.push_back(tickets[static_cast<std::size_t>(i)].skill);
    }
    std::vector<std::string> predicted, skills;
    for (const auto& p : model.predict(texts)) {
        predicted.push_back(p.category.label);
        skills.push_back(p.skill.label);
    }
    CHECK(accuracy(predicted, truth) > 0.85);  // labels carry 4% noise
    CHECK(accuracy(skills, skill_truth) > 0.85);
}

TEST_CASE("holdout split is seeded", "[triage]") {
    const auto a = split_holdout(100, 0.25, 1);
    CHECK(a.test == split_holdout(100, 0.25, 1).test);
    CHECK_FALSE(a.test == split_holdout(100, 0.25, 2).test);
    CHECK(a.test.size() == 25);
    CHECK(split_holdout(0, 0.5, 1).test.empty());
    CHECK_THROWS_WITH(split_holdout(10, 1.0, 1), Catch::Contains("/test_share"));
}
