#include "fsd/sla/priority_matrix.hpp"

#include <algorithm>
#include <string>

#include "fsd/core/error.hpp"

namespace fsd {

PriorityMatrix::PriorityMatrix() : PriorityMatrix({{1, 2, 3}, {2, 3, 4}, {3, 4, 5}}) {}

PriorityMatrix::PriorityMatrix(std::vector<std::vector<int>> table) : table_(std::move(table)) {
    if (table_.empty() || table_[0].empty())
        throw InputError("/priority_matrix", "the priority matrix needs at least one impact row and one urgency column");
    for (std::size_t i = 0; i < table_.size(); ++i) {
        if (table_[i].size() != table_[0].size())
            throw InputError("/priority_matrix/" + std::to_string(i), "every impact row needs one priority per urgency level");
        for (std::size_t j = 0; j < table_[i].size(); ++j) {
            if (table_[i][j] < 1 || table_[i][j] > 100)
                throw InputError("/priority_matrix/" + std::to_string(i) + "/" + std::to_string(j),
                                 "a priority is a number from 1 (highest) to 100");
            lowest_ = std::max(lowest_, table_[i][j]);
        }
    }
}

int PriorityMatrix::priority(int impact, int urgency) const {
    if (impact < 1 || impact > impact_levels())
        throw InputError("/impact", "impact must lie between 1 and " + std::to_string(impact_levels()));
    if (urgency < 1 || urgency > urgency_levels())
        throw InputError("/urgency", "urgency must lie between 1 and " + std::to_string(urgency_levels()));
    return table_[static_cast<std::size_t>(impact - 1)][static_cast<std::size_t>(urgency - 1)];
}

}  // namespace fsd
