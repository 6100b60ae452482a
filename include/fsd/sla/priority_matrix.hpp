#pragma once
#include <vector>

namespace fsd {

/// Impact x urgency -> priority lookup, all three counted from 1 = highest.
/// The default is ServiceNow's 3x3 table: (1,1) -> 1 Critical, (1,2) and
/// (2,1) -> 2 High, (1,3), (2,2), (3,1) -> 3 Moderate, (2,3) and (3,2) -> 4 Low,
/// (3,3) -> 5 Planning. It is lookup data: any rectangular table of
/// priorities >= 1 may replace it.
class PriorityMatrix {
public:
    /// The ServiceNow default.
    PriorityMatrix();
    /// rows = impact levels, columns = urgency levels. Throws InputError
    /// ("/priority_matrix/1/2") on a ragged table or a priority below 1.
    explicit PriorityMatrix(std::vector<std::vector<int>> table);

    /// Priority for 1-based impact and urgency; throws InputError outside the table.
    int priority(int impact, int urgency) const;
    int impact_levels() const noexcept { return static_cast<int>(table_.size()); }
    int urgency_levels() const noexcept { return table_.empty() ? 0 : static_cast<int>(table_[0].size()); }
    /// The largest priority number in the table (the lowest priority).
    int lowest_priority() const noexcept { return lowest_; }
    const std::vector<std::vector<int>>& table() const noexcept { return table_; }

private:
    std::vector<std::vector<int>> table_;
    int lowest_ = 0;
};

}  // namespace fsd
