#pragma once
#include <cstdint>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/triage/ticket.hpp"

namespace fsd::triage {

/// Shape of a generated ticket history.
struct TicketGeneratorOptions {
    int count = 5000;
    std::uint64_t seed = 1;
    double chinese_share = 0.5;     ///< share of tickets written in Chinese
    double duplicate_share = 0.03;  ///< re-reports of an earlier ticket within hours
    double label_noise = 0.04;      ///< share with a random category (real data is noisy)
    Time start = 1767225600;        ///< 2026-01-01T00:00:00Z
    Duration span = 180 * 86400;    ///< creation times spread over this span
    int customers = 400;
};

/// A bilingual (English / Chinese) history of service tickets over the five
/// categories installation, repair, maintenance, complaint and consultation,
/// with product and fault vocabularies, a required skill and a resolution.
/// The same options always give the same tickets, sorted by creation time.
std::vector<Ticket> generate_tickets(const TicketGeneratorOptions& options = {});

/// The category and skill names the generator uses.
const std::vector<std::string>& generator_categories();
const std::vector<std::string>& generator_skills();

}  // namespace fsd::triage
