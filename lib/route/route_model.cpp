#include "fsd/route/detail/route_model.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <tuple>

#include "fsd/core/error.hpp"
#include "fsd/model/compatibility.hpp"

namespace fsd::detail {

namespace {

bool share_engineer(const std::vector<Index>& a, const std::vector<Index>& b) {
    size_t i = 0, k = 0;
    while (i < a.size() && k < b.size()) {
        if (a[i] == b[k]) return true;
        if (a[i] < b[k]) ++i;
        else ++k;
    }
    return false;
}

// A job's windows cut at its hard SLA deadline (none: all of time).
std::vector<TimeWindow> effective_windows(const Job& job) {
    std::vector<TimeWindow> w = job.time_windows;
    if (w.empty()) w.push_back(TimeWindow{kTimeMin, kTimeMax});
    if (job.sla && job.sla->hard) {
        const Time d = job.sla->deadline;
        std::erase_if(w, [&](const TimeWindow& x) { return x.start > d; });
        if (!w.empty()) w.back().end = std::min(w.back().end, d);
    }
    return w;
}

}  // namespace

RouteModel::RouteModel(const Problem& problem) : problem_(problem) {
    num_jobs_ = problem.num_jobs();
    dimensions_ = problem.dimensions();
    build_slots();
    build_nodes();
    build_resources();
    build_slot_kinds();
    build_near_slots();
    build_neighbours();
    build_links();
}

void RouteModel::build_links() {
    const Problem& p = problem_;
    partner_at_.assign(static_cast<size_t>(num_jobs_) + 1, 0);
    for (Index j = 0; j < num_jobs_; ++j)
        partner_at_[static_cast<size_t>(j) + 1] = partner_at_[static_cast<size_t>(j)] + p.links_of(j).size();
    partners_.resize(partner_at_.back());
    std::vector<size_t> next(partner_at_.begin(), partner_at_.end() - 1);
    for (Index k = 0; k < p.num_links(); ++k) {
        const JobLink& link = p.links()[static_cast<size_t>(k)];
        const Index a = p.link_first(k), b = p.link_second(k);
        // start(b) >= start(a) + min_gap, and start(a) >= start(b) - max_gap.
        partners_[next[static_cast<size_t>(b)]++] = LinkPartner{a, link.min_gap, k};
        partners_[next[static_cast<size_t>(a)]++] = LinkPartner{b, -link.max_gap, k};
    }
}

void RouteModel::build_slots() {
    const Problem& p = problem_;
    const ObjectiveWeights& w = p.weights();
    // Engineers whose visits last alike (level durations) share a service class.
    std::vector<Index> service_class(static_cast<size_t>(p.num_engineers()), 0);
    if (p.has_level_durations()) {
        std::map<std::vector<Duration>, Index> classes;
        for (Index e = 0; e < p.num_engineers(); ++e) {
            std::vector<Duration> times(static_cast<size_t>(num_jobs_));
            for (Index j = 0; j < num_jobs_; ++j) times[static_cast<size_t>(j)] = p.service_duration(e, j);
            service_class[static_cast<size_t>(e)] = classes.emplace(std::move(times), static_cast<Index>(classes.size())).first->second;
        }
    }
    std::map<std::tuple<const DurationMatrix*, Cost, Cost, Index>, Index> timing_classes;
    Index next_break = num_jobs_ + 2 * static_cast<Index>(p.slots().size());
    for (size_t r = 0; r < p.slots().size(); ++r) {
        const RouteSlot& rs = p.slots()[r];
        const Engineer& eng = p.engineer(rs.engineer);
        SlotData d;
        d.engineer = rs.engineer;
        d.shift = rs.shift;
        d.shift_start = rs.window.start;
        d.shift_end = rs.window.end;
        d.latest_end = p.latest_end(static_cast<Index>(r));
        d.start_location = p.start_location(rs.engineer);
        d.end_location = p.end_location(rs.engineer);
        d.durations = &p.durations(rs.engineer);
        d.distances = &p.distances();
        d.per_hour = eng.costs.per_hour;
        d.per_km = eng.costs.per_km;
        d.travel_weight = w.travel;
        d.fixed = eng.costs.fixed;
        d.overtime_per_hour = eng.costs.overtime_per_hour;
        d.overtime_weight = w.overtime;
        d.per_working_hour = eng.costs.per_working_hour;
        d.max_travel = eng.max_travel_time.value_or(kTimeMax);
        d.max_jobs = eng.max_jobs ? static_cast<Index>(*eng.max_jobs) : -1;
        const auto key = std::make_tuple(d.durations, d.per_hour, d.per_km, service_class[static_cast<size_t>(rs.engineer)]);
        d.timing_class = timing_classes.emplace(key, static_cast<Index>(timing_classes.size())).first->second;
        d.first_break = next_break;
        d.breaks = static_cast<Index>(rs.breaks.size());
        next_break += d.breaks;
        slots_.push_back(d);
        CostMode mode = CostMode::general;
        if (d.per_hour == 3600 && d.per_km == 0) mode = CostMode::seconds;
        else if (d.per_hour == 0 && d.per_km == 1000) mode = CostMode::metres;
        else if (d.per_hour == 0 && d.per_km == 0) mode = CostMode::none;
        cost_mode_.push_back(mode);
        for (Index k = 0; k < p.dimensions(); ++k) capacity_.push_back(p.capacity(rs.engineer)[static_cast<size_t>(k)]);
    }
}

void RouteModel::build_nodes() {
    const Problem& p = problem_;
    const size_t slots = p.slots().size();
    const size_t before_depots = static_cast<size_t>(num_jobs_) + 2 * slots +
                                 (slots == 0 ? 0 : static_cast<size_t>(slots_.back().first_break + slots_.back().breaks) -
                                                       static_cast<size_t>(num_jobs_) - 2 * slots);
    // Depot nodes come last: no route lists them, a stop is chosen when a route is priced.
    num_depots_ = p.num_depots();
    first_depot_ = static_cast<Index>(before_depots);
    const size_t nodes = before_depots + static_cast<size_t>(num_depots_);
    kind_.assign(nodes, NodeKind::job);
    owner_.assign(nodes, -1);
    break_index_.assign(nodes, -1);
    location_.assign(nodes, -1);
    windows_.assign(nodes, {});
    timed_.assign(nodes, 0);
    fixed_duration_.assign(nodes, 0);
    const ObjectiveWeights& w = p.weights();
    for (Index j = 0; j < num_jobs_; ++j) {
        const Job& job = p.job(j);
        const auto k = static_cast<size_t>(j);
        location_[k] = p.job_location(j);
        windows_[k] = effective_windows(job);
        fixed_duration_[k] = job.duration;
        Time deadline = kTimeMax;
        Cost rate = 0;
        if (job.sla && !job.sla->hard && job.sla->lateness_cost_per_second != 0 && w.lateness != 0) {
            deadline = job.sla->deadline;
            rate = w.lateness * job.sla->lateness_cost_per_second;
        }
        // The largest lateness is priced from every soft deadline's lateness.
        if (job.sla && !job.sla->hard && w.max_lateness != 0) deadline = job.sla->deadline;
        deadline_.push_back(deadline);
        lateness_rate_.push_back(rate);
        // Linked visits wait for their partners, which segments cannot carry.
        timed_[k] = windows_[k].size() > 1 || deadline != kTimeMax || !p.links_of(j).empty();
        prize_.push_back(p.unassigned_cost(j));
        lowest_prize_ = std::min(lowest_prize_, prize_.back());
        for (Index d = 0; d < dimensions_; ++d) demand_.push_back(p.demand(j)[static_cast<size_t>(d)]);
        const Cost pc = w.preference * job.preference_cost;
        Index preferred = -1;
        if (job.preferred_engineer && pc != 0) preferred = p.engineer_index(*job.preferred_engineer).value_or(-1);
        preferred_.push_back(preferred);
        preference_cost_.push_back(preferred < 0 ? 0 : pc);
        has_preferences_ = has_preferences_ || preferred >= 0;
    }
    break_class_.assign(slots, 0);
    std::map<std::vector<Time>, Index> break_classes;
    for (size_t r = 0; r < slots; ++r) {
        const SlotData& d = slots_[r];
        const auto s = static_cast<Index>(r);
        kind_[static_cast<size_t>(start_node(s))] = NodeKind::start;
        kind_[static_cast<size_t>(end_node(s))] = NodeKind::end;
        for (Index node : {start_node(s), end_node(s)}) {
            owner_[static_cast<size_t>(node)] = s;
            windows_[static_cast<size_t>(node)] = {TimeWindow{d.shift_start, d.latest_end}};
        }
        location_[static_cast<size_t>(start_node(s))] = d.start_location;
        location_[static_cast<size_t>(end_node(s))] = d.end_location;
        // Breaks in the order of their first window, as they are taken.
        const Engineer& eng = p.engineer(d.engineer);
        std::vector<Index> order = p.slots()[r].breaks;
        std::stable_sort(order.begin(), order.end(), [&](Index a, Index b) {
            return eng.breaks[static_cast<size_t>(a)].windows.front().start < eng.breaks[static_cast<size_t>(b)].windows.front().start;
        });
        std::vector<Time> signature;  // per break: its duration, then its windows' bounds
        for (Index k = 0; k < d.breaks; ++k) {
            const auto node = static_cast<size_t>(d.first_break + k);
            const Break& br = eng.breaks[static_cast<size_t>(order[static_cast<size_t>(k)])];
            kind_[node] = NodeKind::break_;
            owner_[node] = s;
            break_index_[node] = order[static_cast<size_t>(k)];
            windows_[node] = br.windows;
            fixed_duration_[node] = br.duration;
            timed_[node] = br.windows.size() > 1;
            signature.push_back(br.duration);
            signature.push_back(static_cast<Time>(br.windows.size()));
            for (const TimeWindow& w : br.windows) signature.insert(signature.end(), {w.start, w.end});
        }
        break_class_[r] = break_classes.emplace(std::move(signature), static_cast<Index>(break_classes.size())).first->second;
    }
    any_timed_ = std::any_of(timed_.begin(), timed_.end(), [](char c) { return c != 0; });
    for (Index d = 0; d < num_depots_; ++d) {
        const Depot& depot = p.depot(d);
        const auto node = static_cast<size_t>(depot_node(d));
        kind_[node] = NodeKind::depot;
        location_[node] = p.depot_location(d);
        windows_[node] = depot.opening.empty() ? std::vector<TimeWindow>{TimeWindow{kTimeMin, kTimeMax}} : depot.opening;
        fixed_duration_[node] = depot.duration;
        timed_[node] = windows_[node].size() > 1;
    }
}

void RouteModel::build_resources() {
    const Problem& p = problem_;
    if (!p.has_resources()) {
        need_at_.assign(static_cast<size_t>(num_jobs_) + 1, 0);
        return;
    }
    // Dense indices in name order (tools first), so plans do not depend on
    // the order jobs list them.
    std::map<std::pair<int, std::string>, Index> index;
    for (const Job& job : p.jobs()) {
        for (const std::string& t : job.tools) index.emplace(std::make_pair(0, t), 0);
        for (const PartCount& c : job.parts) index.emplace(std::make_pair(1, c.part), 0);
    }
    for (auto& [key, r] : index) {
        r = static_cast<Index>(resource_name_.size());
        resource_name_.push_back(key.second);
        resource_tool_.push_back(key.first == 0 ? 1 : 0);
    }
    const size_t count = resource_name_.size();
    auto find = [&](int tool, const std::string& name) -> Index {
        const auto it = index.find(std::make_pair(tool, name));
        return it == index.end() ? -1 : it->second;
    };
    std::vector<Amount> row(count);
    for (const Job& job : p.jobs()) {
        need_at_.push_back(needs_.size());
        std::fill(row.begin(), row.end(), 0);
        for (const std::string& t : job.tools) row[static_cast<size_t>(find(0, t))] = 1;  // a tool serves the job once
        for (const PartCount& c : job.parts) row[static_cast<size_t>(find(1, c.part))] += c.count;
        for (size_t r = 0; r < count; ++r)
            if (row[r] > 0) needs_.push_back({static_cast<Index>(r), row[r]});
    }
    need_at_.push_back(needs_.size());
    for (const SlotData& d : slots_) {
        const Engineer& eng = p.engineer(d.engineer);
        std::fill(row.begin(), row.end(), 0);
        for (const std::string& t : eng.tools)
            if (const Index r = find(0, t); r >= 0) row[static_cast<size_t>(r)] = kHeld;
        for (const PartCount& c : eng.stock)
            if (const Index r = find(1, c.part); r >= 0) row[static_cast<size_t>(r)] += c.count;
        on_board_.insert(on_board_.end(), row.begin(), row.end());
    }
    for (const Depot& depot : p.depots()) {
        std::vector<char> offer(count, 0);
        for (const std::string& t : depot.tools)
            if (const Index r = find(0, t); r >= 0) offer[static_cast<size_t>(r)] = 1;
        for (const std::string& part : depot.parts)
            if (const Index r = find(1, part); r >= 0) offer[static_cast<size_t>(r)] = 1;
        offers_.insert(offers_.end(), offer.begin(), offer.end());
    }
}

// Unused slots of one kind are alike: the construction counts one of them
// as the option of a new route, not each (a fleet from one depot would else
// make every job's regret zero).
void RouteModel::build_slot_kinds() {
    const Problem& p = problem_;
    std::map<std::vector<bool>, Index> compat_classes;
    std::vector<Index> compat(static_cast<size_t>(p.num_engineers()));
    for (Index e = 0; e < p.num_engineers(); ++e) {
        std::vector<bool> can(static_cast<size_t>(num_jobs_));
        for (Index j = 0; j < num_jobs_; ++j) can[static_cast<size_t>(j)] = p.compatible(e, j);
        compat[static_cast<size_t>(e)] = compat_classes.emplace(std::move(can), static_cast<Index>(compat_classes.size())).first->second;
    }
    std::map<std::vector<std::int64_t>, Index> kinds;
    for (size_t r = 0; r < slots_.size(); ++r) {
        const SlotData& d = slots_[r];
        std::vector<std::int64_t> key{d.start_location, d.end_location, d.shift_start, d.shift_end, d.latest_end,
                                      d.timing_class, break_class_[r], d.fixed, d.overtime_per_hour, d.max_travel, d.max_jobs,
                                      compat[static_cast<size_t>(d.engineer)], d.per_working_hour};
        for (Amount c : capacity(static_cast<Index>(r))) key.push_back(c);
        for (Amount c : on_board(static_cast<Index>(r))) key.push_back(c);
        slots_[r].kind = kinds.emplace(std::move(key), static_cast<Index>(kinds.size())).first->second;
    }
}

Duration RouteModel::duration(Index node, Index s) const {
    if (node < num_jobs_ && problem_.has_level_durations())
        return problem_.service_duration(slots_[static_cast<size_t>(s)].engineer, node);
    return fixed_duration_[static_cast<size_t>(node)];
}

TwSegment RouteModel::segment(Index node, Index s) const {
    const std::vector<TimeWindow>& w = windows_[static_cast<size_t>(node)];
    const Time open = w.front().start, close = w.back().end;
    if (kind_[static_cast<size_t>(node)] == NodeKind::break_) return break_segment(duration(node, s), open, close);
    return place_segment(location_[static_cast<size_t>(node)], duration(node, s), open, close);
}

bool RouteModel::same_breaks(Index s, Index t) const {
    return break_class_[static_cast<size_t>(s)] == break_class_[static_cast<size_t>(t)];
}

void RouteModel::build_near_slots() {
    const Problem& p = problem_;
    near_slots_.assign(static_cast<size_t>(num_jobs_), {});
    std::vector<std::pair<Duration, Index>> order;
    for (Index j = 0; j < num_jobs_; ++j) {
        if (windows_[static_cast<size_t>(j)].empty()) continue;  // a hard deadline before every window
        order.clear();
        const Index lj = p.job_location(j);
        for (Index s = 0; s < num_slots(); ++s) {
            const SlotData& d = slots_[static_cast<size_t>(s)];
            if (!p.compatible(d.engineer, j)) continue;
            order.emplace_back((*d.durations)(d.start_location, lj), s);
        }
        // The nearest kSlotCandidates, and every slot as near as the last of
        // them (engineers sharing a depot are alike until their routes
        // differ: a day from one depot may need many more than that), up to
        // kMaxSlotCandidates.
        std::sort(order.begin(), order.end());
        size_t keep = std::min(order.size(), kSlotCandidates);
        while (keep > 0 && keep < order.size() && keep < kMaxSlotCandidates && order[keep].first == order[keep - 1].first)
            ++keep;
        auto& out = near_slots_[static_cast<size_t>(j)];
        for (size_t k = 0; k < keep; ++k) out.push_back(order[k].second);
    }
}

// Granular neighbourhoods: moves only pair a job with jobs close to it that
// some engineer could serve together with it. Candidates come from the job's
// own matrix row (contiguous), or on large days with coordinates from a grid
// over the map (a full row per job would be quadratic); the symmetric travel
// time then ranks them.
void RouteModel::build_neighbours() {
    const Problem& p = problem_;
    const size_t n = static_cast<size_t>(num_jobs_);
    neighbours_.assign(n, {});
    listed_by_.assign(n, {});
    const bool mapped = n > kGridFrom && std::all_of(p.jobs().begin(), p.jobs().end(), [](const Job& j) { return j.location.coords.has_value(); });
    if (mapped) build_neighbours_by_grid();
    else build_neighbours_by_rows();
    for (size_t u = 0; u < n; ++u)
        for (Index v : neighbours_[u]) listed_by_[static_cast<size_t>(v)].push_back(static_cast<Index>(u));
}

void RouteModel::keep_nearest(Index u, std::vector<Index>& candidates) {
    const Problem& p = problem_;
    const DurationMatrix& dur = p.base_durations();
    const Index lu = p.job_location(u);
    const auto& cu = p.compatible_engineers(u);
    std::vector<std::pair<Duration, Index>> ranked;
    for (Index v : candidates) {
        if (v == u || !servable(v) || !share_engineer(cu, p.compatible_engineers(v))) continue;
        const Index lv = p.job_location(v);
        ranked.emplace_back(static_cast<Duration>(dur(lu, lv)) + dur(lv, lu), v);
    }
    std::sort(ranked.begin(), ranked.end());
    auto& out = neighbours_[static_cast<size_t>(u)];
    for (size_t k = 0; k < std::min(kNeighbours, ranked.size()); ++k) out.push_back(ranked[k].second);
}

void RouteModel::build_neighbours_by_grid() {
    const Problem& p = problem_;
    const size_t n = static_cast<size_t>(num_jobs_);
    // An equirectangular projection is enough to pick candidates.
    double lat_sum = 0.0;
    for (const Job& j : p.jobs()) lat_sum += j.location.coords->lat;
    const double squeeze = std::cos(lat_sum / static_cast<double>(n) * 3.14159265358979 / 180.0);
    std::vector<std::pair<double, double>> xy(n);
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (size_t j = 0; j < n; ++j) {
        const Coordinates& c = *p.jobs()[j].location.coords;
        xy[j] = {c.lon * squeeze, c.lat};
        x0 = std::min(x0, xy[j].first), x1 = std::max(x1, xy[j].first);
        y0 = std::min(y0, xy[j].second), y1 = std::max(y1, xy[j].second);
    }
    // About four jobs per cell.
    const double area = std::max(1e-12, (x1 - x0) * (y1 - y0));
    const double cell = std::max(1e-9, std::sqrt(area * 4.0 / static_cast<double>(n)));
    const auto cols = static_cast<Index>(std::min(4096.0, (x1 - x0) / cell + 1));
    const auto rows = static_cast<Index>(std::min(4096.0, (y1 - y0) / cell + 1));
    std::vector<std::vector<Index>> cells(static_cast<size_t>(cols) * static_cast<size_t>(rows));
    auto cell_of = [&](size_t j) {
        const auto cx = std::min<Index>(cols - 1, static_cast<Index>((xy[j].first - x0) / cell));
        const auto cy = std::min<Index>(rows - 1, static_cast<Index>((xy[j].second - y0) / cell));
        return std::pair{cx, cy};
    };
    for (size_t j = 0; j < n; ++j) {
        const auto [cx, cy] = cell_of(j);
        cells[static_cast<size_t>(cy) * static_cast<size_t>(cols) + static_cast<size_t>(cx)].push_back(static_cast<Index>(j));
    }
    std::vector<Index> candidates;
    for (size_t u = 0; u < n; ++u) {
        if (!servable(static_cast<Index>(u))) continue;
        const auto [cx, cy] = cell_of(u);
        candidates.clear();
        // Rings of cells until enough candidates, then one ring more (a
        // closer job may sit just across a cell's edge).
        Index enough_at = -1;
        for (Index ring = 0; ring < std::max(cols, rows); ++ring) {
            for (Index y = cy - ring; y <= cy + ring; ++y)
                for (Index x = cx - ring; x <= cx + ring; ++x) {
                    if (x < 0 || y < 0 || x >= cols || y >= rows) continue;
                    if (std::max(std::abs(x - cx), std::abs(y - cy)) != ring) continue;
                    const auto& c = cells[static_cast<size_t>(y) * static_cast<size_t>(cols) + static_cast<size_t>(x)];
                    candidates.insert(candidates.end(), c.begin(), c.end());
                }
            if (enough_at < 0 && candidates.size() >= 4 * kNeighbours) enough_at = ring;
            if (enough_at >= 0 && ring > enough_at) break;
        }
        keep_nearest(static_cast<Index>(u), candidates);
    }
}

void RouteModel::build_neighbours_by_rows() {
    const Problem& p = problem_;
    const size_t n = static_cast<size_t>(num_jobs_);
    const DurationMatrix& dur = p.base_durations();
    std::vector<Index> order(n);
    std::vector<Duration> row(n);
    for (size_t u = 0; u < n; ++u) {
        const auto uj = static_cast<Index>(u);
        if (!servable(uj)) continue;
        const Index lu = p.job_location(uj);
        for (size_t v = 0; v < n; ++v) row[v] = dur(lu, p.job_location(static_cast<Index>(v)));
        auto by_row = [&](Index a, Index b) {
            const Duration ka = row[static_cast<size_t>(a)], kb = row[static_cast<size_t>(b)];
            return ka != kb ? ka < kb : a < b;
        };
        const auto& cu = p.compatible_engineers(uj);
        std::iota(order.begin(), order.end(), 0);
        // Usually the nearest few dozen hold enough partners; rank them all otherwise.
        for (size_t head = std::min(n, 4 * kNeighbours);; head = n) {
            std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(head - 1), order.end(), by_row);
            std::vector<std::pair<Duration, Index>> ranked;
            for (size_t r = 0; r < head; ++r) {
                const Index v = order[r];
                if (static_cast<size_t>(v) == u || !servable(v)) continue;
                if (!share_engineer(cu, p.compatible_engineers(v))) continue;
                ranked.emplace_back(row[static_cast<size_t>(v)] + dur(p.job_location(v), lu), v);
            }
            std::sort(ranked.begin(), ranked.end());
            if (ranked.size() >= kNeighbours || head == n) {
                for (size_t k = 0; k < std::min(kNeighbours, ranked.size()); ++k) neighbours_[u].push_back(ranked[k].second);
                break;
            }
        }
    }
}

}  // namespace fsd::detail
