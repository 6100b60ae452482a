#include "serve_auth.hpp"

#include <nlohmann/json.hpp>

#include <sstream>

#include "fsd/core/error.hpp"
#include "fsd/core/json_limits.hpp"
#include "text_file.hpp"

namespace fsdserve {

namespace {

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

}  // namespace

ApiKeys ApiKeys::parse(const std::string& text, const std::string& source) {
    ApiKeys keys;
    const std::string body = trimmed(text);
    if (!body.empty() && body.front() == '{') {
        fsd::check_json_limits(body);
        nlohmann::json doc;
        try {
            doc = nlohmann::json::parse(body);
        } catch (const nlohmann::json::exception& e) {
            throw fsd::InputError(source, std::string("not valid JSON: ") + e.what());
        }
        for (const auto& [key, tenant] : doc.items()) {
            if (key.empty()) throw fsd::InputError(source + "/", "an API key may not be empty");
            if (!tenant.is_string()) throw fsd::InputError(source + "/" + key, "the tenant must be a string");
            keys.tenants_[key] = tenant.get<std::string>();
        }
    } else {
        std::istringstream in(text);
        std::string line;
        int number = 0;
        while (std::getline(in, line)) {
            ++number;
            const std::string l = trimmed(line);
            if (l.empty() || l.front() == '#') continue;
            std::istringstream words(l);
            std::string key, tenant, extra;
            words >> key >> tenant;
            if (tenant.empty() || (words >> extra))
                throw fsd::InputError(source + ":" + std::to_string(number), "expected two words: KEY TENANT");
            if (keys.tenants_.count(key) != 0)
                throw fsd::InputError(source + ":" + std::to_string(number), "this key is listed twice");
            keys.tenants_[key] = tenant;
        }
    }
    if (keys.tenants_.empty()) throw fsd::InputError(source, "no API key in the file");
    return keys;
}

ApiKeys ApiKeys::read_file(const std::string& path) { return parse(fsdcli::read_text_file(path), path); }

std::optional<std::string> ApiKeys::tenant_of(const std::string& key) const {
    const auto it = tenants_.find(key);
    if (it == tenants_.end()) return std::nullopt;
    return it->second;
}

std::string request_key(const std::string& authorization, const std::string& x_api_key) {
    const std::string bearer = "Bearer ";
    if (authorization.size() > bearer.size() && authorization.compare(0, bearer.size(), bearer) == 0)
        return trimmed(authorization.substr(bearer.size()));
    return trimmed(x_api_key);
}

}  // namespace fsdserve
