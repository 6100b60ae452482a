#pragma once
// How `fsd serve` answers a request it refuses: one exception type that the
// routing layer turns into the JSON error document every endpoint shares.
#include <stdexcept>
#include <string>

namespace fsdserve {

/// A refusal with its HTTP status (400, 401, 404, 409, 413, 429) and the
/// JSON pointer of the field at fault ("" when the request as a whole is).
struct HttpError : std::runtime_error {
    int status;
    std::string path;
    HttpError(int status_code, std::string field_path, const std::string& message)
        : std::runtime_error(message), status(status_code), path(std::move(field_path)) {}
};

/// `{"error": {"status": S, "path": P, "message": M}}` as one line of JSON.
std::string error_json(int status, const std::string& path, const std::string& message);

}  // namespace fsdserve
