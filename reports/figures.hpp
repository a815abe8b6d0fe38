// The report's figures: one SVG per claim with data series (report/figures/<paper>/<id>.svg), written directly — no
// plotting program to install or drive, the same bytes on every machine, and a few milliseconds per figure.
// Series that share axis labels share a panel; an axis is logarithmic when every value on it is positive and they span
// a factor 20 or more (rates, precision ladders, most loss curves); guides (claimed and fitted power laws) are dashed lines; values the
// paper prints are marked as open diamonds. Each series is a <g class="series" data-points="n"> with one <circle>
// per plotted point (points that cannot be drawn — not finite, or ≤ 0 on a log axis — are left out and counted in
// data-dropped).
#pragma once

#include <string>
#include <vector>

#include "core/claim.hpp"

namespace icl {

std::string svg_figure(const std::string& title, const std::vector<Series>& series);

// What is wrong with a figure of `series` ("" when nothing): well-formed XML with an <svg> root, one series group per
// series (by its data-index), each with one circle per plotted point, its points plus the dropped ones equal to the series'
// pairs, and no point dropped that is finite and positive.
std::string check_figure(const std::string& svg, const std::vector<Series>& series);

// Where a claim's figure goes, relative to the report's directory.
std::string figure_path(const Claim& claim);

}  // namespace icl
