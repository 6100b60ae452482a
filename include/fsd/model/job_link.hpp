#pragma once
#include <cstdint>
#include <string>

#include "fsd/core/types.hpp"

namespace fsd {

/// Who may serve the two visits of a link.
enum class LinkEngineers : std::uint8_t {
    any,        ///< the same engineer or two different ones
    same,       ///< one engineer serves both (a follow-up by the same person)
    different,  ///< two different engineers (a two-person job)
};

/// Two visits that depend on each other: `second` starts between `min_gap`
/// and `max_gap` seconds after `first` starts, and both are served or
/// neither is. The defaults (gap 0 to 0, two different engineers) make a
/// two-person job: both engineers start together. A job for k engineers is
/// k visits, each linked to the first this way.
struct JobLink {
    std::string first;    ///< job id
    std::string second;   ///< job id
    Duration min_gap = 0;
    Duration max_gap = 0;
    LinkEngineers engineers = LinkEngineers::different;
    friend bool operator==(const JobLink&, const JobLink&) = default;
};

/// The name of a LinkEngineers value as JSON and Python spell it.
const char* to_string(LinkEngineers engineers) noexcept;

}  // namespace fsd
