#pragma once
// API keys of `fsd serve`: which tenant a request acts for.
#include <map>
#include <optional>
#include <string>

namespace fsdserve {

/// The keys a server accepts, each naming its tenant. Empty (no file given):
/// every request acts for the tenant "" and no key is asked for.
class ApiKeys {
public:
    ApiKeys() = default;
    /// Reads `key tenant` lines (blank lines and lines starting with # are
    /// skipped) or, when the text starts with `{`, a JSON object
    /// {"key": "tenant", ...}. Throws fsd::InputError naming the line or key.
    static ApiKeys parse(const std::string& text, const std::string& source);
    /// Reads a key file (see parse).
    static ApiKeys read_file(const std::string& path);

    /// True when keys are configured, i.e. requests must carry one.
    bool enabled() const { return !tenants_.empty(); }
    /// The tenant of `key`, or nothing for an unknown key.
    std::optional<std::string> tenant_of(const std::string& key) const;
    /// Number of keys (for the start-up line).
    std::size_t size() const { return tenants_.size(); }

private:
    std::map<std::string, std::string> tenants_;
};

/// The key a request carries: `Authorization: Bearer KEY`, else `X-API-Key`.
/// Empty when neither header is there.
std::string request_key(const std::string& authorization, const std::string& x_api_key);

}  // namespace fsdserve
