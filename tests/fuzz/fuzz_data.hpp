#pragma once
// Fixed inputs some harnesses start from (FSD_TEST_DATA is tests/data).
#include <fstream>
#include <sstream>
#include <string>

namespace fsd_fuzz {

inline std::string test_data(const std::string& name) {
    std::ifstream in(std::string(FSD_TEST_DATA) + "/" + name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace fsd_fuzz
