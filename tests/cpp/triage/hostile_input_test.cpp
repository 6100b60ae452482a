// Regression tests of issue 17 ("hostile input"): triage input that used to
// run unbounded, end in an internal error or be silently accepted is refused
// with an InputError naming the field.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <string>

#include "fsd/core/error.hpp"
#include "fsd/triage/holdout_split.hpp"
#include "fsd/triage/softmax_regression.hpp"
#include "fsd/triage/term_extractor.hpp"
#include "fsd/triage/ticket_csv.hpp"
#include "fsd/triage/triage_model.hpp"
#include "fsd/triage/utf8.hpp"

using namespace fsd::triage;
using nlohmann::json;

namespace {

std::string refused_at(const std::function<void()>& f) {
    try {
        f();
    } catch (const fsd::InputError& e) {
        return e.path();
    }
    return "<accepted>";
}

std::vector<Ticket> tickets() {
    std::vector<Ticket> out;
    const char* rows[][2] = {{"boiler leaking water", "repair"},       {"pipe leaking under the sink", "repair"},
                             {"热水器漏水", "repair"},                 {"水管漏水", "repair"},
                             {"install the air conditioner", "installation"}, {"install a new heater", "installation"},
                             {"安装空调", "installation"},             {"上门安装热水器", "installation"}};
    for (const auto& [text, category] : rows) {
        Ticket t;
        t.id = "T" + std::to_string(out.size());
        t.text = text;
        t.category = category;
        t.resolution = "done";
        out.push_back(t);
    }
    return out;
}

// A model document as training writes it, to be broken one field at a time.
json saved_model() {
    TriageOptions options;
    options.category_rules = {{"gas", "repair"}};
    return json::parse(TriageModel::fit(tickets(), options).to_json());
}

std::string load_refused_at(const json& doc) {
    return refused_at([&] { TriageModel::from_json(doc.dump()); });
}

}  // namespace

// --- 1. unbounded work --------------------------------------------------------

TEST_CASE("CJK n-gram sizes are bounded, so no model or option asks for unbounded work", "[triage]") {
    json doc = saved_model();
    doc["vectorizer"]["cjk_max_n"] = 1000000;
    const auto start = std::chrono::steady_clock::now();
    CHECK(load_refused_at(doc) == "/vectorizer/cjk_max_n");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    doc["vectorizer"]["cjk_max_n"] = 4294967299ULL;  // wrapped to 3 by a 32-bit read
    CHECK(load_refused_at(doc) == "/vectorizer/cjk_max_n");
    doc["vectorizer"]["cjk_max_n"] = kMaxCjkN + 1;
    CHECK(load_refused_at(doc) == "/vectorizer/cjk_max_n");

    TermOptions wide;
    wide.cjk_max_n = 1000000;
    CHECK(refused_at([&] { extract_terms("空调漏水", wide); }) == "/cjk_max_n");
    TriageOptions options;
    options.features.terms = wide;
    CHECK(refused_at([&] { TriageModel::fit(tickets(), options); }) == "/cjk_max_n");

    // The largest allowed size on a long run stays small: 8 terms a character.
    TermOptions widest;
    widest.cjk_max_n = kMaxCjkN;
    std::string run;
    for (int i = 0; i < 4000; ++i) run += "漏水";
    CHECK(extract_terms(run, widest).size() == 8000 * 8 - 28);
}

// --- 2. model documents silently accepted -------------------------------------

TEST_CASE("a model document with an unknown key is refused by its path", "[triage]") {
    for (const std::string pointer : {"/extra", "/vectorizer/cjk_max", "/category/lables", "/category_rules/0/priority",
                                      "/history/0/created"}) {
        json doc = saved_model();
        doc[json::json_pointer(pointer)] = 1;
        CHECK(load_refused_at(doc) == pointer);
    }
}

TEST_CASE("a model document with a repeated or empty label is refused", "[triage]") {
    json doc = saved_model();
    doc["category"]["labels"][1] = doc["category"]["labels"][0];
    CHECK(load_refused_at(doc) == "/category/labels/1");
    doc["category"]["labels"][1] = "";
    CHECK(load_refused_at(doc) == "/category/labels/1");
}

TEST_CASE("a model document with a negative idf weight is refused", "[triage]") {
    json doc = saved_model();
    doc["vectorizer"]["idf"][3] = -1.5;
    CHECK(load_refused_at(doc) == "/vectorizer/idf/3");
}

TEST_CASE("a model document with cjk_min_n 0 or above cjk_max_n is refused", "[triage]") {
    json doc = saved_model();
    doc["vectorizer"]["cjk_min_n"] = 0;
    CHECK(load_refused_at(doc) == "/vectorizer/cjk_min_n");
    doc["vectorizer"]["cjk_min_n"] = 2;
    doc["vectorizer"]["cjk_max_n"] = 1;
    CHECK(load_refused_at(doc) == "/vectorizer/cjk_min_n");
    doc["vectorizer"]["cjk_max_n"] = 2.5;  // not truncated to 2
    CHECK(load_refused_at(doc) == "/vectorizer/cjk_max_n");
}

TEST_CASE("a model document with an empty rule keyword is refused", "[triage]") {
    json doc = saved_model();
    doc["category_rules"][0]["keyword"] = "";
    CHECK(load_refused_at(doc) == "/category_rules/0/keyword");
    TriageOptions options;
    options.skill_rules = {{"gas", ""}};
    CHECK(refused_at([&] { TriageModel::fit(tickets(), options); }) == "/skill_rules/0/label");
}

TEST_CASE("a model document with unsorted or repeated terms is refused", "[triage]") {
    json doc = saved_model();
    std::swap(doc["vectorizer"]["terms"][4], doc["vectorizer"]["terms"][5]);
    CHECK(load_refused_at(doc) == "/vectorizer/terms/5");
    doc = saved_model();
    doc["vectorizer"]["terms"][5] = doc["vectorizer"]["terms"][4];
    CHECK(load_refused_at(doc) == "/vectorizer/terms/5");
    CHECK(refused_at([] { TfidfVectorizer::from_parts({"b", "a"}, {1.0, 1.0}, {}); }) == "/vectorizer/terms/1");
}

TEST_CASE("every model training writes loads back unchanged", "[triage]") {
    const json doc = saved_model();
    CHECK(json::parse(TriageModel::from_json(doc.dump()).to_json()) == doc);
}

// --- 3. training options ------------------------------------------------------

TEST_CASE("a non-finite or negative l2 is refused, not trained into a flat model", "[triage]") {
    for (const double l2 : {std::nan(""), std::numeric_limits<double>::infinity(), -1e-4}) {
        TriageOptions options;
        options.classifier.l2 = l2;
        CHECK(refused_at([&] { TriageModel::fit(tickets(), options); }) == "/l2");
    }
    TriageOptions none;
    none.classifier.l2 = 0.0;
    CHECK(TriageModel::fit(tickets(), none).predict("boiler leaking").category.label == "repair");
}

TEST_CASE("a min_df above the number of training tickets is refused, not ignored", "[triage]") {
    TriageOptions options;
    options.features.min_df = 100000;
    CHECK(refused_at([&] { TriageModel::fit(tickets(), options); }) == "/min_df");
    options.features.min_df = 0;
    CHECK(refused_at([&] { TriageModel::fit(tickets(), options); }) == "/min_df");
    // Honoured up to the number of tickets: it used to fall back to 1 above
    // half of them, so 5 of 8 trained on every term; no term is in 5 of these.
    CHECK(training_min_df(8, 8, "/min_df") == 8);
    options.features.min_df = 5;
    CHECK(refused_at([&] { TriageModel::fit(tickets(), options); }) == "/texts");
    options.features.min_df = 3;
    CHECK(TriageModel::fit(tickets(), options).options().features.min_df == 3);
    // A tiny set keeps every term, as documented.
    CHECK(training_min_df(2, 1, "/min_df") == 1);
    CHECK(training_min_df(100000, 3, "/min_df") == 1);
}

TEST_CASE("a held-out share that is negative, 1 or more, or NaN is refused", "[triage]") {
    for (const double share : {std::nan(""), -0.5, 1.0, std::numeric_limits<double>::infinity()})
        CHECK(refused_at([&] { split_holdout(10, share, 42); }) == "/test_share");
    CHECK(split_holdout(10, 0.0, 42).test.empty());
}

TEST_CASE("impossible dates and times out of range are refused by row and column", "[triage]") {
    const auto table = parse_csv("id,created,text\nT1,2026-02-28,ok\nT2,2026-02-30T08:00:00Z,bad\n");
    CHECK(refused_at([&] { tickets_from_table(table); }) == "/rows/1/created");
    CHECK_THROWS_WITH(tickets_from_table(table), Catch::Contains("2026-02 has 28 days"));
    CHECK(refused_at([] { parse_ticket_time("2026-13-01", "/t"); }) == "/t");
    CHECK(refused_at([] { parse_ticket_time("2026-04-31 10:00", "/t"); }) == "/t");
    CHECK(refused_at([] { parse_ticket_time("2026-01-01T24:00:00Z", "/t"); }) == "/t");
    CHECK(refused_at([] { parse_ticket_time("9223372036854775807", "/t"); }) == "/t");
    CHECK(parse_ticket_time(std::to_string(fsd::kTimeMax), "/t") == fsd::kTimeMax);
}

// --- 4. text that is not UTF-8 ------------------------------------------------

TEST_CASE("UTF-8 validation finds the first malformed byte", "[triage]") {
    CHECK(find_invalid_utf8("ok 漏水 \xF0\x9F\x98\x80") == std::string_view::npos);
    CHECK(find_invalid_utf8("ab\xFF") == 2);
    CHECK(find_invalid_utf8("a\xE6\xBC") == 1);          // truncated
    CHECK(find_invalid_utf8("\xC0\xAF") == 0);            // overlong '/'
    CHECK(find_invalid_utf8("x\xED\xA0\x80") == 1);       // surrogate
    CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0);    // beyond U+10FFFF
    CHECK(refused_at([] { require_utf8("\x80", "/p"); }) == "/p");
}

TEST_CASE("ticket fields that are not UTF-8 are refused by row and column", "[triage]") {
    fsd::CsvTable table;
    table.header = {"id", "text", "category"};
    table.rows = {{"T1", "leak", "repair"}, {"T2", "boiler \xFF leaking", "repair"}};
    CHECK(refused_at([&] { tickets_from_table(table); }) == "/rows/1/text");
    table.rows[1] = {"T\xC3", "ok", "repair"};
    CHECK(refused_at([&] { tickets_from_table(table); }) == "/rows/1/id");
    table.rows[1] = {"T2", "ok", "rep\xE6\xBCir"};
    CHECK(refused_at([&] { tickets_from_table(table); }) == "/rows/1/category");
}

TEST_CASE("training refuses text that is not UTF-8, so a saved model is always valid JSON", "[triage]") {
    auto bad = tickets();
    bad[2].text = "热水器\xE6\xBC";
    CHECK(refused_at([&] { TriageModel::fit(bad); }) == "/tickets/2/text");
    bad = tickets();
    bad[5].resolution = "\xFF";
    CHECK(refused_at([&] { TriageModel::fit(bad); }) == "/tickets/5/resolution");
    TriageOptions options;
    options.category_rules = {{"gas\xFF", "repair"}};
    CHECK(refused_at([&] { TriageModel::fit(tickets(), options); }) == "/category_rules/0/keyword");
    CHECK(refused_at([] { parse_rule("gas\xFF=repair", "--rule/0"); }) == "--rule/0");
}
