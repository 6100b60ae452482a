#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "fsd/core/error.hpp"
#include "temp_folder.hpp"
#include "text_file.hpp"

using fsdcli::read_text_file;
using fsdcli::write_text_file;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// The error of writing `text` to `path`; fails the test when there is none.
std::string write_error(const std::string& path, const std::string& text) {
    try {
        write_text_file(path, text);
    } catch (const fsd::InputError& e) {
        return e.what();
    }
    FAIL("no InputError writing " << path);
    return "";
}

// A disk, quota or file size that runs out is the machine's, not bad input.
std::string out_of_space_error(const std::string& path, const std::string& text) {
    try {
        write_text_file(path, text);
    } catch (const std::system_error& e) {
        return e.what();
    }
    FAIL("no std::system_error writing " << path);
    return "";
}

mode_t mode_of(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("a written file replaces the old one whole and leaves nothing else", "[cli][files]") {
    cli_test::TempFolder dir;
    const std::string path = dir.write("plan.json", "old content");
    ::chmod(path.c_str(), 0640);
    write_text_file(path, "new content");
    CHECK(read_text_file(path) == "new content");
    CHECK(mode_of(path) == 0640);  // the replaced file's mode
    CHECK(names_in(dir.path()) == std::vector<std::string>{"plan.json"});

    const std::string nested = (dir.path() / "a" / "b" / "c.csv").string();
    write_text_file(nested, "x,y\n");
    CHECK(read_text_file(nested) == "x,y\n");
    const mode_t mask = ::umask(0);
    ::umask(mask);
    CHECK(mode_of(nested) == (0666 & ~mask));  // a new file: as open(2) would make it
}

TEST_CASE("writing through a symbolic link replaces the file it points to", "[cli][files]") {
    cli_test::TempFolder dir;
    const std::string target = dir.write("real.json", "old");
    const fs::path link = dir.path() / "link.json";
    fs::create_symlink(target, link);
    write_text_file(link.string(), "new");
    CHECK(fs::is_symlink(link));
    CHECK(read_text_file(target) == "new");
}

TEST_CASE("a write that fails leaves the old file as it was", "[cli][files][errors]") {
    cli_test::TempFolder dir;
    const std::string path = dir.write("plan.json", "old content");

    SECTION("the bytes do not fit (a file size limit)") {
        // Past RLIMIT_FSIZE write(2) fails with EFBIG once SIGXFSZ is ignored:
        // a failure in the middle of the text, even for root.
        struct rlimit before {};
        REQUIRE(::getrlimit(RLIMIT_FSIZE, &before) == 0);
        const auto previous = std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit small = before;
        small.rlim_cur = 1000;
        REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
        const std::string error = out_of_space_error(path, std::string(100'000, 'x'));
        ::setrlimit(RLIMIT_FSIZE, &before);
        std::signal(SIGXFSZ, previous);
        CHECK_THAT(error, Catch::Contains(path));
    }
    SECTION("the folder cannot be made") {
        const std::string inside_a_file = (dir.path() / "plan.json" / "sub" / "out.json").string();
        CHECK_THAT(write_error(inside_a_file, "new content"), Catch::Contains(inside_a_file));
    }
    SECTION("the target is a folder") {
        fs::create_directories(dir.path() / "folder" / "inside");
        const std::string folder = (dir.path() / "folder").string();
        CHECK_THAT(write_error(folder, "new content"), Catch::Contains(folder));
        CHECK(fs::is_directory(dir.path() / "folder" / "inside"));
        fs::remove_all(dir.path() / "folder");
    }
    SECTION("a read-only folder") {
        if (::geteuid() == 0) return;  // root writes anywhere
        ::chmod(dir.path().c_str(), 0555);
        const std::string error = write_error(path, "new content");
        ::chmod(dir.path().c_str(), 0755);
        CHECK_THAT(error, Catch::Contains(path));
    }
    CHECK(read_text_file(path) == "old content");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"plan.json"});  // no temporary file left
}

TEST_CASE("reading a missing file names it", "[cli][files][errors]") {
    cli_test::TempFolder dir;
    const std::string path = (dir.path() / "none.json").string();
    try {
        (void)read_text_file(path);
        FAIL("no InputError");
    } catch (const fsd::InputError& e) {
        CHECK_THAT(e.what(), Catch::Contains(path));
    }
}
