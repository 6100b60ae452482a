#pragma once
#include <string>

#include "fsd/core/types.hpp"

namespace fsd::triage {

/// One service ticket as the triage layer sees it. Only `text` is needed to
/// predict; training needs `category` (and `skill` for the skill model);
/// duplicate detection uses `created`, `customer` and `asset`.
struct Ticket {
    std::string id;
    Time created = 0;  ///< seconds since the Unix epoch
    std::string customer;
    std::string asset;
    std::string text;
    std::string category;
    std::string skill;
    std::string resolution;
    friend bool operator==(const Ticket&, const Ticket&) = default;
};

}  // namespace fsd::triage
