#include "cli_streams.hpp"

#include <iostream>

#include "fsd/core/error.hpp"
#include "text_file.hpp"

namespace fsdcli {

ReportAwayFromStdout::ReportAwayFromStdout(const std::vector<std::string>& outputs) {
    int documents = 0;
    for (const std::string& o : outputs) documents += o == kStdStream;
    if (documents > 1)
        throw fsd::InputError("", "only one output can go to stdout (\"-\"); write the others to files");
    if (documents == 0) return;
    std::cout.flush();
    saved_ = std::cout.rdbuf(std::cerr.rdbuf());
}

ReportAwayFromStdout::~ReportAwayFromStdout() {
    if (saved_ == nullptr) return;
    std::cout.flush();
    std::cout.rdbuf(saved_);
}

void note_written(const std::string& what, const std::string& path) {
    if (path != kStdStream) std::cerr << what << " written to " << path << '\n';
}

}  // namespace fsdcli
