#include "serve_error.hpp"

#include <nlohmann/json.hpp>

namespace fsdserve {

std::string error_json(int status, const std::string& path, const std::string& message) {
    // dump() with `replace` keeps the document valid UTF-8 whatever bytes the message quotes from the input.
    const nlohmann::json doc = {{"error", {{"status", status}, {"path", path}, {"message", message}}}};
    return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace fsdserve
