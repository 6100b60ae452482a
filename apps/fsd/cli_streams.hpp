#pragma once
// Keeping stdout for a machine: when a command writes a document to "-", its
// human report (tables, status lines) goes to stderr instead.
#include <iosfwd>
#include <streambuf>
#include <string>
#include <vector>

namespace fsdcli {

/// While alive, sends everything written to std::cout to stderr when one of
/// `outputs` is "-" (the command writes that document to stdout through
/// write_text_file, which bypasses std::cout); otherwise changes nothing.
/// One guard per command run covers every table printer it calls, so no
/// report line can slip between a caller and the JSON it parses. InputError
/// when several of `outputs` are "-": stdout carries one document.
class ReportAwayFromStdout {
public:
    explicit ReportAwayFromStdout(const std::vector<std::string>& outputs);
    ~ReportAwayFromStdout();
    ReportAwayFromStdout(const ReportAwayFromStdout&) = delete;
    ReportAwayFromStdout& operator=(const ReportAwayFromStdout&) = delete;

    /// True when a document goes to stdout (the report goes to stderr).
    bool document_on_stdout() const noexcept { return saved_ != nullptr; }

private:
    std::streambuf* saved_ = nullptr;  // std::cout's own buffer while redirected
};

/// Tells on stderr that `what` was written to `path` ("plan written to
/// out.json"); says nothing for "-", where the document itself shows.
void note_written(const std::string& what, const std::string& path);

}  // namespace fsdcli
