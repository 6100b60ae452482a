#include "text_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

#include "fsd/core/error.hpp"

namespace fsdcli {

namespace {

namespace fs = std::filesystem;

// A path that cannot be written is the caller's to fix (exit 2); a disk or
// quota that runs out is the machine's (std::system_error, exit 3).
[[noreturn]] void cannot_write(const std::string& path, int error) {
    const std::string what = "cannot write file \"" + path + "\"";
    if (error == ENOSPC || error == EFBIG || error == EDQUOT)
        throw std::system_error(error, std::generic_category(), what);
    throw fsd::InputError("", what + ": " + std::strerror(error));
}

// The mode a file written to `target` gets: the replaced file's, else what
// open(2) would give a new file.
mode_t file_mode(const fs::path& target) {
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0) return st.st_mode & 07777;
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

bool write_all(int fd, const std::string& text) {
    const char* p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

std::string read_text_file(const std::string& path) {
    if (path == kStdStream) {
        std::ostringstream text;
        text << std::cin.rdbuf();
        if (std::cin.bad()) throw fsd::InputError("", "cannot read stdin");
        return text.str();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw fsd::InputError("", "cannot read file \"" + path + "\"");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void at_most_one_stdin(const std::vector<std::string>& paths) {
    int readers = 0;
    for (const std::string& p : paths) readers += p == kStdStream;
    if (readers > 1) throw fsd::InputError("", "only one input can come from stdin (\"-\"); give the others as files");
}

void write_text_file(const std::string& path, const std::string& text) {
    if (path == kStdStream) {
        // Straight to file descriptor 1, past std::cout: a command that
        // writes a document to stdout sends std::cout's report to stderr
        // (cli_streams.hpp). What std::cout and C's stdout hold goes first.
        std::cout.flush();
        std::fflush(stdout);
        const bool newline = text.empty() || text.back() != '\n';
        // A closed or full stdout is the machine's trouble, not the input's.
        if (!write_all(STDOUT_FILENO, text) || (newline && !write_all(STDOUT_FILENO, "\n")))
            throw std::system_error(errno, std::generic_category(), "cannot write to stdout");
        return;
    }
    std::error_code ec;
    fs::path target(path);
    if (fs::is_symlink(target, ec)) {
        const fs::path resolved = fs::weakly_canonical(target, ec);
        if (!ec) target = resolved;
    }
    const fs::path parent = target.parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);  // a failure shows when the file is made
    std::string temp = (parent / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) cannot_write(path, errno);
    const bool written = ::fchmod(fd, file_mode(target)) == 0 && write_all(fd, text) && ::fsync(fd) == 0;
    const int write_errno = errno;
    if (::close(fd) != 0 && written) {
        const int close_errno = errno;
        ::unlink(temp.c_str());
        cannot_write(path, close_errno);
    }
    if (!written) {
        ::unlink(temp.c_str());
        cannot_write(path, write_errno);
    }
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        const int rename_errno = errno;
        ::unlink(temp.c_str());
        cannot_write(path, rename_errno);
    }
}

}  // namespace fsdcli
