#include "fsd/io/route_map_svg.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "fsd/core/error.hpp"

namespace fsd {
namespace {

constexpr const char* kPalette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                                    "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939",
                                    "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354"};

std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

const Coordinates& coords_of(const Location& loc, const std::string& path) {
    if (!loc.coords) throw InputError(path, "the route map needs coordinates (lat, lon) on every location");
    return *loc.coords;
}

}  // namespace

std::string route_map_svg(const Problem& problem, const Solution& solution, const RouteMapOptions& options) {
    // Bounding box of everything drawn.
    double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
    auto extend = [&](const Coordinates& c) {
        min_lat = std::min(min_lat, c.lat);
        max_lat = std::max(max_lat, c.lat);
        min_lon = std::min(min_lon, c.lon);
        max_lon = std::max(max_lon, c.lon);
    };
    for (Index e = 0; e < problem.num_engineers(); ++e) {
        const Engineer& eng = problem.engineer(e);
        extend(coords_of(eng.start, "/engineers/" + std::to_string(e) + "/start"));
        if (eng.end) extend(coords_of(*eng.end, "/engineers/" + std::to_string(e) + "/end"));
    }
    for (Index j = 0; j < problem.num_jobs(); ++j)
        extend(coords_of(problem.job(j).location, "/jobs/" + std::to_string(j) + "/location"));
    for (Index d = 0; d < problem.num_depots(); ++d)
        extend(coords_of(problem.depot(d).location, "/depots/" + std::to_string(d) + "/location"));
    if (min_lat > max_lat) min_lat = max_lat = min_lon = max_lon = 0.0;

    // Equirectangular projection with longitude shrunk by cos(latitude), so
    // the map keeps its proportions at the region's latitude.
    constexpr double kPi = 3.14159265358979323846;
    const double shrink = std::max(0.2, std::cos((min_lat + max_lat) / 2 * kPi / 180));
    const double span_x = std::max(1e-6, (max_lon - min_lon) * shrink);
    const double span_y = std::max(1e-6, max_lat - min_lat);
    const double margin = 30, legend_w = 170, title_h = options.title.empty() ? 0 : 30;
    const double map_w = options.width - legend_w - 2 * margin;
    const double map_h = std::clamp(map_w * span_y / span_x, 200.0, 1400.0);
    const double scale = std::min(map_w / span_x, map_h / span_y);
    const double height = map_h + 2 * margin + title_h;
    auto px = [&](const Coordinates& c) { return margin + (c.lon - min_lon) * shrink * scale; };
    auto py = [&](const Coordinates& c) { return title_h + margin + (max_lat - c.lat) * scale; };

    std::ostringstream svg;
    svg << fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{:.0f}" viewBox="0 0 {} {:.0f}" font-family="sans-serif">)",
                       options.width, height, options.width, height)
        << "\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    if (!options.title.empty())
        svg << fmt::format(R"(<text x="{}" y="22" font-size="16" font-weight="bold">{}</text>)", margin, escape(options.title))
            << "\n";

    for (size_t r = 0; r < solution.routes.size(); ++r) {
        const Route& route = solution.routes[r];
        const Engineer& eng = problem.engineer(route.engineer);
        const char* colour = kPalette[r % std::size(kPalette)];
        const Coordinates& home = *eng.start.coords;
        const Coordinates& end = eng.end ? *eng.end->coords : home;
        std::string points = fmt::format("{:.1f},{:.1f}", px(home), py(home));
        std::ostringstream stops;
        int visit = 0;
        for (const Step& step : route.steps) {
            // The line passes through a depot stop; the depot itself is drawn once, below.
            if (step.kind == StepKind::depot) {
                const Coordinates& c = *problem.depot(step.index).location.coords;
                points += fmt::format(" {:.1f},{:.1f}", px(c), py(c));
                continue;
            }
            if (step.kind != StepKind::job) continue;
            const Coordinates& c = *problem.job(step.index).location.coords;
            points += fmt::format(" {:.1f},{:.1f}", px(c), py(c));
            stops << fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="7" fill="{}" stroke="white"><title>{} #{} ({})</title></circle>)",
                                 px(c), py(c), colour, escape(problem.job(step.index).id), ++visit, escape(eng.id))
                  << fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="8" fill="white" text-anchor="middle">{}</text>)",
                                 px(c), py(c) + 3, visit)
                  << "\n";
        }
        points += fmt::format(" {:.1f},{:.1f}", px(end), py(end));
        svg << fmt::format(R"(<polyline points="{}" fill="none" stroke="{}" stroke-width="2" stroke-opacity="0.8"/>)", points,
                           colour)
            << "\n"
            << stops.str()
            << fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="12" height="12" fill="{}" stroke="black"><title>{} home</title></rect>)",
                           px(home) - 6, py(home) - 6, colour, escape(eng.id))
            << "\n";
        const double ly = title_h + margin + 16.0 * static_cast<double>(r);
        svg << fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="10" height="10" fill="{}"/>)", options.width - legend_w + 5, ly,
                           colour)
            << fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="11">{} ({} jobs)</text>)", options.width - legend_w + 20,
                           ly + 9, escape(eng.id), visit)
            << "\n";
    }
    for (const Depot& d : problem.depots()) {
        const Coordinates& c = *d.location.coords;
        svg << fmt::format(
                   R"(<path d="M{0:.1f},{1:.1f} l8,8 l-8,8 l-8,-8 z" fill="black" stroke="white"><title>depot {2}</title></path>)",
                   px(c), py(c) - 8, escape(d.id))
            << "\n";
    }
    for (const Unassigned& u : solution.unassigned) {
        const Coordinates& c = *problem.job(u.job).location.coords;
        svg << fmt::format(
                   R"(<path d="M{0:.1f},{1:.1f} l8,8 m0,-8 l-8,8" stroke="black" stroke-width="2"><title>{2}: {3}</title></path>)",
                   px(c) - 4, py(c) - 4, escape(problem.job(u.job).id), to_string(u.reason))
            << "\n";
    }
    if (!solution.unassigned.empty()) {
        const double ly = title_h + margin + 16.0 * static_cast<double>(solution.routes.size()) + 8;
        svg << fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="11">x unassigned ({})</text>)", options.width - legend_w + 5,
                           ly + 9, solution.unassigned.size())
            << "\n";
    }
    svg << "</svg>\n";
    return svg.str();
}

}  // namespace fsd
