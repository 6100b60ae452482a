#include <catch2/catch.hpp>

#include "fsd/core/error.hpp"
#include "fsd/triage/triage_model.hpp"

using namespace fsd::triage;

namespace {

Ticket ticket(std::string text, std::string category, std::string skill = "", std::string resolution = "") {
    Ticket t;
    t.id = std::to_string(text.size());
    t.id.insert(0, 1, 'T');
    t.text = std::move(text);
    t.category = std::move(category);
    t.skill = std::move(skill);
    t.resolution = std::move(resolution);
    return t;
}

std::vector<Ticket> english_set() {
    return {
        ticket("the boiler is leaking water", "repair", "plumbing", "replaced the seal"),
        ticket("pipe leaking under the sink", "repair", "plumbing", "tightened the pipe joint"),
        ticket("heater broken and leaking", "repair", "plumbing", "new valve"),
        ticket("please install the new air conditioner", "installation", "hvac", "installed"),
        ticket("install a second air conditioner upstairs", "installation", "hvac", "installed"),
        ticket("new unit delivered, install it please", "installation", "hvac", "installed"),
        ticket("how much does a new filter cost", "consultation", "customer_service", "quoted by phone"),
        ticket("question about the warranty period", "consultation", "customer_service", "explained"),
        ticket("how do I reset the thermostat", "consultation", "customer_service", "explained"),
    };
}

std::vector<Ticket> chinese_set() {
    return {
        ticket("热水器漏水了", "repair", "plumbing", "更换密封圈"),
        ticket("水管漏水严重", "repair", "plumbing", "更换水管"),
        ticket("洗衣机漏水", "repair", "plumbing", "更换排水管"),
        ticket("新空调需要安装", "installation", "hvac", "安装完成"),
        ticket("请上门安装空调", "installation", "hvac", "安装完成"),
        ticket("安装新的热水器", "installation", "plumbing", "安装完成"),
        ticket("请问保修期多久", "consultation", "customer_service", "电话解答"),
        ticket("咨询滤网价格", "consultation", "customer_service", "电话解答"),
        ticket("请问怎么重置", "consultation", "customer_service", "电话解答"),
    };
}

}  // namespace

TEST_CASE("classifies crafted English tickets", "[triage]") {
    const TriageModel model = TriageModel::fit(english_set());
    CHECK(model.categories() == std::vector<std::string>{"consultation", "installation", "repair"});
    const auto p = model.predict("water leaking from the boiler");
    CHECK(p.category.label == "repair");
    CHECK(p.category.probability > 0.5);
    CHECK(p.category.rule.empty());
    REQUIRE_FALSE(p.category.top_terms.empty());
    CHECK(p.category.top_terms.front().weight > 0.0);
    CHECK(p.skill.label == "plumbing");
    CHECK(model.predict("install the air conditioner").category.label == "installation");
    CHECK(model.predict("question: how do I reset it").category.label == "consultation");
}

TEST_CASE("classifies crafted Chinese tickets without a segmenter", "[triage]") {
    const TriageModel model = TriageModel::fit(chinese_set());
    const auto p = model.predict("空调漏水");
    CHECK(p.category.label == "repair");
    bool leak_term = false;
    for (const auto& t : p.category.top_terms) leak_term = leak_term || t.term == "漏水" || t.term == "漏";
    CHECK(leak_term);
    CHECK(model.predict("需要安装洗衣机").category.label == "installation");
    CHECK(model.predict("请问价格多少").category.label == "consultation");
}

TEST_CASE("one model handles both languages", "[triage]") {
    auto tickets = english_set();
    for (auto& t : chinese_set()) tickets.push_back(t);
    const TriageModel model = TriageModel::fit(tickets);
    const auto batch = model.predict(std::vector<std::string>{"leaking pipe", "漏水", "安装空调", "install it"});
    CHECK(batch[0].category.label == "repair");
    CHECK(batch[1].category.label == "repair");
    CHECK(batch[2].category.label == "installation");
    CHECK(batch[3].category.label == "installation");
}

TEST_CASE("keyword rules take precedence over the model", "[triage]") {
    TriageOptions options;
    options.category_rules = {{"Gas Smell", "emergency"}, {"煤气", "emergency"}};
    options.skill_rules = {{"gas", "gas_safety"}};
    const TriageModel model = TriageModel::fit(english_set(), options);
    const auto p = model.predict("install new heater, there is a GAS SMELL");
    CHECK(p.category.label == "emergency");
    CHECK(p.category.probability == 1.0);
    CHECK(p.category.rule == "Gas Smell");
    CHECK(p.skill.label == "gas_safety");
    CHECK(model.predict("有煤气味").category.label == "emergency");
    CHECK(model.predict("install new heater").category.label == "installation");
}

TEST_CASE("rules parse from keyword=label", "[triage]") {
    CHECK(parse_rule("gas leak=emergency", "/rules/0") == KeywordRule{"gas leak", "emergency"});
    CHECK_THROWS_AS(parse_rule("gas leak", "/rules/0"), fsd::InputError);
    CHECK_THROWS_AS(parse_rule("=x", "/rules/0"), fsd::InputError);
}

TEST_CASE("similar past tickets come with their resolutions", "[triage]") {
    TriageOptions options;
    options.features.min_df = 1;  // keep words seen once: they matter for neighbours
    const TriageModel model = TriageModel::fit(english_set(), options);
    const auto hits = model.similar("pipe leaking in the kitchen", 2);
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].text == "pipe leaking under the sink");
    CHECK(hits[0].resolution == "tightened the pipe joint");
    CHECK(hits[0].similarity > hits[1].similarity);
    CHECK(hits[0].similarity <= 1.0);
    const auto self = model.similar("question about the warranty period", 1);
    REQUIRE(self.size() == 1);
    CHECK(self[0].similarity == Approx(1.0));
    CHECK(model.similar("zzz qqq", 3).empty());  // nothing in common: no neighbour
    CHECK(model.similar("leaking", 0).empty());
}

TEST_CASE("models round-trip through JSON", "[triage]") {
    TriageOptions options;
    options.category_rules = {{"gas", "emergency"}};
    auto tickets = english_set();
    for (auto& t : chinese_set()) tickets.push_back(t);
    const TriageModel model = TriageModel::fit(tickets, options);
    const TriageModel loaded = TriageModel::from_json(model.to_json());
    for (const std::string text : {"漏水", "install it", "how much", "gas"}) {
        const auto a = model.predict(text);
        const auto b = loaded.predict(text);
        CHECK(a.category.label == b.category.label);
        CHECK(a.category.probability == Approx(b.category.probability));
        CHECK(a.skill.label == b.skill.label);
    }
    CHECK(loaded.similar("漏水", 3).size() == 3);
    CHECK(loaded.history_size() == model.history_size());
}

TEST_CASE("bad training input names the field", "[triage]") {
    SECTION("no tickets") {
        try {
            TriageModel::fit({});
            FAIL("expected InputError");
        } catch (const fsd::InputError& e) {
            CHECK(e.path() == "/tickets");
        }
    }
    SECTION("empty text") {
        auto tickets = english_set();
        tickets[2].text.clear();
        try {
            TriageModel::fit(tickets);
            FAIL("expected InputError");
        } catch (const fsd::InputError& e) {
            CHECK(e.path() == "/tickets/2/text");
        }
    }
    SECTION("missing label") {
        auto tickets = english_set();
        tickets[4].category.clear();
        CHECK_THROWS_WITH(TriageModel::fit(tickets), Catch::Contains("/tickets/4/category"));
    }
    SECTION("skill on some tickets only") {
        auto tickets = english_set();
        tickets[1].skill.clear();
        CHECK_THROWS_WITH(TriageModel::fit(tickets), Catch::Contains("/tickets/1/skill"));
    }
    SECTION("text without any term") {
        CHECK_THROWS_WITH(TriageModel::fit({ticket("...", "repair"), ticket("!!", "repair")}),
                          Catch::Contains("/texts"));
    }
}

TEST_CASE("malformed model JSON names the field", "[triage]") {
    const std::string good = TriageModel::fit(english_set()).to_json();
    CHECK_THROWS_AS(TriageModel::from_json("{not json"), fsd::InputError);
    CHECK_THROWS_WITH(TriageModel::from_json(R"({"format":"other","version":1})"), Catch::Contains("/format"));
    std::string broken = good;
    broken.replace(broken.find("\"bias\":["), 8, "\"bias\":[\"x\",");
    CHECK_THROWS_WITH(TriageModel::from_json(broken), Catch::Contains("/category/bias"));
}

TEST_CASE("accuracy counts matches", "[triage]") {
    CHECK(accuracy({"a", "b", "c", "d"}, {"a", "b", "x", "d"}) == Approx(0.75));
    CHECK(accuracy({}, {}) == 0.0);
    CHECK_THROWS_AS(accuracy({"a"}, {}), fsd::InputError);
}
