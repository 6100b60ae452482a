#include <catch2/catch.hpp>

#include <algorithm>

#include "fsd/triage/term_extractor.hpp"
#include "fsd/triage/utf8.hpp"

using namespace fsd::triage;

namespace {
bool has(const std::vector<std::string>& terms, const std::string& t) {
    return std::find(terms.begin(), terms.end(), t) != terms.end();
}
}  // namespace

TEST_CASE("utf8 decoding by hand", "[triage]") {
    CHECK(decode_utf8("a\xC3\xA9\xE6\xBC\x8F\xF0\x9F\x98\x80") == std::u32string{U'a', 0xE9, 0x6F0F, 0x1F600});
    CHECK(encode_utf8(decode_utf8("漏水 ok")) == "漏水 ok");
    SECTION("malformed bytes become U+FFFD, never a crash") {
        CHECK(decode_utf8("\xFF") == std::u32string{0xFFFD});
        CHECK(decode_utf8("\xE6\xBC") == std::u32string{0xFFFD, 0xFFFD});           // truncated
        CHECK(decode_utf8("\xC0\xAF") == std::u32string{0xFFFD, 0xFFFD});           // overlong '/'
        CHECK(decode_utf8("\xED\xA0\x80") == std::u32string{0xFFFD, 0xFFFD, 0xFFFD});  // surrogate
    }
    CHECK(is_cjk_ideograph(U'漏'));
    CHECK(is_cjk_ideograph(0x20000));
    CHECK_FALSE(is_cjk_ideograph(U'，'));
    CHECK_FALSE(is_cjk_ideograph(U'a'));
    CHECK(fold_char(U'Ｅ') == U'e');
    CHECK(fold_char(0xC9) == 0xE9);
}

TEST_CASE("CJK runs give character 1- to 3-grams", "[triage]") {
    const auto terms = extract_terms("空调漏水");
    const std::vector<std::string> expected{"空", "空调", "空调漏", "调", "调漏", "调漏水", "漏", "漏水", "水"};
    CHECK(terms == expected);
}

TEST_CASE("Latin words are lower-cased with bigrams", "[triage]") {
    const auto terms = extract_terms("Pump LEAKS badly. Call back");
    const std::vector<std::string> expected{"pump", "pump leaks", "leaks", "leaks badly", "badly",
                                            "call", "call back", "back"};
    CHECK(terms == expected);
}

TEST_CASE("mixed Chinese and English text", "[triage]") {
    const auto terms = extract_terms("型号KF-35 空调不制冷, Error E4 报警");
    CHECK(has(terms, "kf-35"));       // hyphen inside a model code stays
    CHECK(has(terms, "型号"));
    CHECK(has(terms, "不制冷"));
    CHECK(has(terms, "error e4"));
    CHECK(has(terms, "报警"));
    CHECK_FALSE(has(terms, "kf-35 error"));  // Chinese and the comma break the pair
    CHECK_FALSE(has(terms, "号kf"));         // n-grams never cross scripts
    SECTION("full-width letters fold to ASCII") { CHECK(has(extract_terms("ＥＲＲＯＲ"), "error")); }
    SECTION("options turn features off") {
        TermOptions o;
        o.cjk_max_n = 1;
        o.word_bigrams = false;
        CHECK(extract_terms("空调 hot water", o) == std::vector<std::string>{"空", "调", "hot", "water"});
    }
    CHECK(extract_terms("").empty());
    CHECK(extract_terms(" ,。!").empty());
}
