#pragma once
#include <stdexcept>
#include <string>
#include <utility>

namespace fsd {

/// Bad input from the caller. `path()` is a JSON-pointer-like path to the
/// offending field (e.g. "/jobs/3/duration"); `what()` is "<path>: <sentence>".
class InputError : public std::runtime_error {
public:
    InputError(std::string path, const std::string& message)
        : std::runtime_error(path.empty() ? message : path + ": " + message),
          path_(std::move(path)),
          message_(message) {}

    /// Path to the offending field, empty when the error concerns the whole input.
    const std::string& path() const noexcept { return path_; }
    /// The sentence without the path.
    const std::string& message() const noexcept { return message_; }

private:
    std::string path_;
    std::string message_;
};

/// A broken internal invariant: a bug in fsdispatch, never the caller's fault.
class InternalError : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

}  // namespace fsd

/// Internal invariant check that stays on in every build (the cost is a
/// predictable branch); failures raise InternalError instead of aborting so
/// bindings and the CLI can report them.
#define FSD_ASSERT(cond)                                                                     \
    do {                                                                                     \
        if (!(cond))                                                                         \
            throw ::fsd::InternalError(std::string("internal invariant failed: ") + #cond + \
                                       " at " + __FILE__ + ":" + std::to_string(__LINE__));  \
    } while (false)
