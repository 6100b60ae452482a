#include "fsd/core/json_limits.hpp"

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "fsd/core/error.hpp"

namespace fsd {

namespace {

// One open array or object on the way to the value being read.
struct Frame {
    bool object = false;
    std::size_t index = 0;  // arrays: the element being read
    std::string key;        // objects: the field being read
};

std::string pointer(const std::vector<Frame>& frames) {
    std::string out;
    for (const Frame& f : frames) {
        out += '/';
        if (!f.object) {
            out += std::to_string(f.index);
            continue;
        }
        for (char c : f.key) {
            if (c == '~') out += "~0";
            else if (c == '/') out += "~1";
            else out += c;
        }
    }
    return out;
}

bool number_char(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

}  // namespace

void check_json_limits(std::string_view text) {
    std::vector<Frame> frames;
    bool expect_key = false;  // in an object, before a field's name
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const char c = text[i];
        if (c == '"') {
            // A string: its content matters only as a field name (escapes
            // other than \uXXXX kept as their character, enough for a path).
            const bool keep = expect_key && !frames.empty();
            std::string s;
            ++i;
            while (i < n && text[i] != '"') {
                if (!keep) {
                    i += text[i] == '\\' ? 2 : 1;
                    continue;
                }
                if (text[i] == '\\' && i + 1 < n) {
                    ++i;
                    const char e = text[i];
                    if (e == 'u') {
                        s.append(text.substr(i - 1, 6));
                        i += 5;
                        continue;
                    }
                    s += e == 'n' ? '\n' : e == 't' ? '\t' : e;
                } else {
                    s += text[i];
                }
                ++i;
            }
            if (i >= n) return;  // unterminated: the parser says where
            ++i;
            if (keep) frames.back().key = std::move(s);
            continue;
        }
        if (c == '{' || c == '[') {
            if (static_cast<int>(frames.size()) >= kMaxJsonDepth)
                throw InputError(pointer(frames), "arrays and objects nest deeper than " +
                                                      std::to_string(kMaxJsonDepth) + " levels here");
            frames.push_back(Frame{c == '{', 0, {}});
            expect_key = c == '{';
            ++i;
            continue;
        }
        if (c == '}' || c == ']') {
            if (frames.empty()) return;
            frames.pop_back();
            expect_key = false;
            ++i;
            continue;
        }
        if (c == ',') {
            if (frames.empty()) return;
            if (frames.back().object) expect_key = true;
            else ++frames.back().index;
            ++i;
            continue;
        }
        if (c == ':') {
            expect_key = false;
            ++i;
            continue;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            std::size_t end = i;
            while (end < n && number_char(text[end])) ++end;
            const std::string token(text.substr(i, end - i));
            char* stop = nullptr;
            const double value = std::strtod(token.c_str(), &stop);
            if (stop == token.c_str() + token.size() && std::isinf(value))
                throw InputError(pointer(frames), "the number " + (token.size() > 40 ? token.substr(0, 37) + "..." : token) +
                                                      " is beyond the range of numbers fsdispatch reads (about ±1.8e308)");
            i = end;
            continue;
        }
        ++i;  // whitespace, true, false, null (or text the parser will refuse)
    }
}

}  // namespace fsd
