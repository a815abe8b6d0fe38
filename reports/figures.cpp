#include "reports/figures.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <sstream>

#include <fmt/format.h>

namespace icl {

namespace {

constexpr double kWidth = 880, kPanelHeight = 380, kLeft = 90, kRight = 300, kTop = 50, kBottom = 60;
const char* const kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
                                "#7f7f7f", "#bcbd22"};

// At most n bytes of s, cut at a character boundary (UTF-8), with "…" when cut.
std::string shortened(const std::string& s, size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n) + "…";
}

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

struct Axis {
  bool log = false;
  double lo = 0, hi = 1;  // in plotted units (log10 when log)
  double at(double v) const { return log ? std::log10(v) : v; }
  bool drawable(double v) const { return std::isfinite(v) && (!log || v > 0); }
};

Axis axis_for(const std::vector<double>& values) {
  Axis a;
  double lo = INFINITY, hi = -INFINITY, pos_lo = INFINITY;
  bool all_positive = !values.empty();
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    if (v > 0) pos_lo = std::min(pos_lo, v);
    all_positive = all_positive && v > 0;
  }
  if (!std::isfinite(lo)) return a;
  a.log = all_positive && hi / pos_lo >= 20;
  a.lo = a.at(a.log ? pos_lo : lo);
  a.hi = a.at(hi);
  if (a.hi - a.lo < 1e-12 * std::max(1.0, std::abs(a.hi))) {  // one value: a unit window around it
    a.lo -= a.log ? 0.5 : std::max(0.5, std::abs(a.lo) * 0.1);
    a.hi += a.log ? 0.5 : std::max(0.5, std::abs(a.hi) * 0.1);
  }
  const double pad = 0.04 * (a.hi - a.lo);
  a.lo -= pad;
  a.hi += pad;
  return a;
}

// Tick positions in plotted units: decades on a log axis, 1-2-5 steps on a linear one.
std::vector<double> ticks(const Axis& a) {
  std::vector<double> t;
  if (a.log) {  // decades, every 1, 2 or 5·10^k of them
    const double raw = std::max(1.0, (a.hi - a.lo) / 8), mag = std::pow(10, std::floor(std::log10(raw)));
    const double step = raw <= mag ? mag : raw <= 2 * mag ? 2 * mag : raw <= 5 * mag ? 5 * mag : 10 * mag;
    for (double k = std::ceil(a.lo / step) * step; k <= a.hi; k += step) t.push_back(k);
    return t;
  }
  const double raw = (a.hi - a.lo) / 6, mag = std::pow(10, std::floor(std::log10(raw)));
  const double step = raw / mag < 2 ? 2 * mag : raw / mag < 5 ? 5 * mag : 10 * mag;
  for (double k = std::ceil(a.lo / step) * step; k <= a.hi + 1e-9 * step; k += step) t.push_back(std::abs(k) < 1e-12 * step ? 0 : k);
  return t;
}

std::string tick_label(const Axis& a, double t) {
  return a.log ? fmt::format("1e{:g}", t == 0 ? 0.0 : t) : fmt::format("{:.4g}", t);
}

void panel(std::ostringstream& svg, double top, const std::string& x_label, const std::string& y_label,
           const std::vector<std::pair<size_t, const Series*>>& members) {
  std::vector<double> xs, ys;
  for (const auto& [k, s] : members) {
    xs.insert(xs.end(), s->x.begin(), s->x.end());
    ys.insert(ys.end(), s->y.begin(), s->y.end());
    for (const auto& [px, py] : s->printed) xs.push_back(px), ys.push_back(py);
  }
  const Axis ax = axis_for(xs), ay = axis_for(ys);
  const double w = kWidth - kLeft - kRight, h = kPanelHeight - kTop - kBottom;
  const auto X = [&](double v) { return kLeft + (ax.at(v) - ax.lo) / (ax.hi - ax.lo) * w; };
  const auto Y = [&](double v) { return top + kTop + h - (ay.at(v) - ay.lo) / (ay.hi - ay.lo) * h; };
  svg << fmt::format("<g class=\"panel\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333\"/>\n",
                     kLeft, top + kTop, w, h);
  for (double t : ticks(ax)) {
    const double px = kLeft + (t - ax.lo) / (ax.hi - ax.lo) * w;
    svg << fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#ddd\"/><text x=\"{0:.1f}\" "
                       "y=\"{3:.1f}\" text-anchor=\"middle\">{4}</text>\n",
                       px, top + kTop, top + kTop + h, top + kTop + h + 16, tick_label(ax, t));
  }
  for (double t : ticks(ay)) {
    const double py = top + kTop + h - (t - ay.lo) / (ay.hi - ay.lo) * h;
    svg << fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"#ddd\"/><text x=\"{3:.1f}\" "
                       "y=\"{4:.1f}\" text-anchor=\"end\">{5}</text>\n",
                       kLeft, py, kLeft + w, kLeft - 6, py + 4, tick_label(ay, t));
  }
  svg << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}{}</text>\n", kLeft + w / 2,
                     top + kTop + h + 38, escape(x_label), ax.log ? " (log scale)" : "");
  svg << fmt::format("<text transform=\"translate({:.1f},{:.1f}) rotate(-90)\" text-anchor=\"middle\">{}{}</text>\n", 22.0,
                     top + kTop + h / 2, escape(y_label), ay.log ? " (log scale)" : "");
  svg << fmt::format("<clipPath id=\"clip{0:.0f}\"><rect x=\"{1}\" y=\"{2}\" width=\"{3}\" height=\"{4}\"/></clipPath>\n", top,
                     kLeft, top + kTop, w, h);
  double legend_y = top + kTop + 8;
  for (const auto& [k, s] : members) {
    const char* colour = kColours[k % (sizeof kColours / sizeof *kColours)];
    std::string points, dots;
    long drawn = 0, dropped = 0;
    for (size_t i = 0; i < std::min(s->x.size(), s->y.size()); ++i) {
      if (!ax.drawable(s->x[i]) || !ay.drawable(s->y[i])) {
        ++dropped;
        continue;
      }
      ++drawn;
      points += fmt::format("{:.2f},{:.2f} ", X(s->x[i]), Y(s->y[i]));
      dots += fmt::format("<circle cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"2.2\"/>", X(s->x[i]), Y(s->y[i]));
    }
    svg << fmt::format("<g class=\"series\" data-index=\"{}\" data-name=\"{}\" data-points=\"{}\" data-dropped=\"{}\" "
                       "fill=\"{}\" stroke=\"{}\" clip-path=\"url(#clip{:.0f})\">\n",
                       k, escape(s->name), drawn, dropped, colour, colour, top);
    if (drawn > 1) svg << fmt::format("<polyline fill=\"none\" points=\"{}\"/>\n", points);
    svg << dots << "\n</g>\n";
    svg << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" fill=\"{}\">● {}</text>\n", kLeft + w + 10, legend_y, colour,
                       escape(shortened(s->name, 44)));
    legend_y += 16;
    for (const Guide& g : s->guides) {  // y = y0 (x/x0)^p across the panel, sampled so it is straight on any axes
      std::string line;
      for (int i = 0; i <= 64; ++i) {
        const double u = ax.lo + (ax.hi - ax.lo) * i / 64, x = ax.log ? std::pow(10, u) : u;
        const double y = g.geometric ? g.y0 * std::exp(g.exponent * (x - g.x0)) : g.y0 * std::pow(x / g.x0, g.exponent);
        if (ax.drawable(x) && ay.drawable(y)) line += fmt::format("{:.2f},{:.2f} ", X(x), Y(y));
      }
      svg << fmt::format("<g class=\"guide\" data-exponent=\"{:g}\" clip-path=\"url(#clip{:.0f})\"><polyline fill=\"none\" "
                         "stroke=\"{}\" stroke-dasharray=\"6 4\" points=\"{}\"/></g>\n",
                         g.exponent, top, colour, line);
      svg << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" fill=\"{}\">  - - {}</text>\n", kLeft + w + 10, legend_y, colour,
                         escape(shortened(g.label, 44)));
      legend_y += 16;
    }
    for (const auto& [px, py] : s->printed)
      if (ax.drawable(px) && ay.drawable(py))
        svg << fmt::format("<path class=\"printed\" d=\"M{0:.2f},{1:.2f} l6,6 l-6,6 l-6,-6 z\" transform=\"translate(0,-6)\" "
                           "fill=\"none\" stroke=\"#000\"/>\n",
                           X(px), Y(py));
  }
  bool printed = false;
  for (const auto& [k, s] : members) printed = printed || !s->printed.empty();
  if (printed)
    svg << fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\">◇ the paper's printed values</text>\n", kLeft + w + 10, legend_y);
  svg << "</g>\n";
}

}  // namespace

std::string svg_figure(const std::string& title, const std::vector<Series>& series) {
  // Panels in order of first appearance of their (x, y) labels.
  std::vector<std::pair<std::string, std::string>> order;
  std::map<std::pair<std::string, std::string>, std::vector<std::pair<size_t, const Series*>>> groups;
  for (size_t k = 0; k < series.size(); ++k) {
    const auto key = std::make_pair(series[k].x_label, series[k].y_label);
    if (!groups.count(key)) order.push_back(key);
    groups[key].emplace_back(k, &series[k]);
  }
  const double height = 30 + kPanelHeight * double(order.size());
  std::ostringstream svg;
  svg << fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
                     "font-family=\"sans-serif\" font-size=\"11\">\n",
                     kWidth, height);
  svg << fmt::format("<rect width=\"{}\" height=\"{}\" fill=\"#fff\"/>\n", kWidth, height);
  svg << fmt::format("<text x=\"{}\" y=\"20\" font-size=\"14\">{}</text>\n", 10, escape(shortened(title, 120)));
  for (size_t p = 0; p < order.size(); ++p)
    panel(svg, 20 + kPanelHeight * double(p), order[p].first, order[p].second, groups[order[p]]);
  svg << "</svg>\n";
  return svg.str();
}

namespace {

// A minimal XML well-formedness check: tags nest and close, attribute values are quoted, text and attributes use only
// the five predefined entities. Calls `on_open(name, attributes)` for each element.
std::string well_formed(const std::string& x,
                        const std::function<void(const std::string&, const std::map<std::string, std::string>&)>& on_open) {
  std::vector<std::string> open;
  const auto entity_ok = [](const std::string& text, size_t at) {
    for (const char* e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"})
      if (text.compare(at, std::strlen(e), e) == 0) return true;
    return false;
  };
  size_t i = 0;
  bool root_seen = false;
  while (i < x.size()) {
    if (x[i] == '&' && !entity_ok(x, i)) return fmt::format("a bare '&' at byte {}", i);
    if (x[i] != '<') {
      if (x[i] == '>') return fmt::format("a bare '>' at byte {}", i);
      ++i;
      continue;
    }
    const size_t end = x.find('>', i);
    if (end == std::string::npos) return "an unclosed tag at the end";
    std::string tag = x.substr(i + 1, end - i - 1);
    i = end + 1;
    if (!tag.empty() && tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return fmt::format("</{}> closes {}", tag.substr(1), open.empty() ? "nothing" : "<" + open.back() + ">");
      open.pop_back();
      continue;
    }
    const bool self_closing = !tag.empty() && tag.back() == '/';
    if (self_closing) tag.pop_back();
    size_t k = tag.find_first_of(" \n\t");
    const std::string name = tag.substr(0, k);
    if (name.empty() || name.find_first_of("<\"'=&") != std::string::npos) return "a malformed tag name '" + name + "'";
    if (open.empty() && root_seen) return "content after the root element";
    root_seen = true;
    std::map<std::string, std::string> attributes;
    while (k != std::string::npos && k < tag.size()) {
      k = tag.find_first_not_of(" \n\t", k);
      if (k == std::string::npos) break;
      const size_t eq = tag.find('=', k);
      if (eq == std::string::npos || eq + 1 >= tag.size() || tag[eq + 1] != '"') return "an unquoted attribute in <" + name + ">";
      const size_t close = tag.find('"', eq + 2);
      if (close == std::string::npos) return "an unterminated attribute in <" + name + ">";
      const std::string value = tag.substr(eq + 2, close - eq - 2);
      if (value.find('<') != std::string::npos) return "a '<' in an attribute of <" + name + ">";
      for (size_t a = value.find('&'); a != std::string::npos; a = value.find('&', a + 1))
        if (!entity_ok(value, a)) return "a bare '&' in an attribute of <" + name + ">";
      if (!attributes.emplace(tag.substr(k, eq - k), value).second) return "a repeated attribute in <" + name + ">";
      k = close + 1;
    }
    on_open(name, attributes);
    if (!self_closing) open.push_back(name);
  }
  if (!open.empty()) return "<" + open.back() + "> is never closed";
  if (!root_seen) return "no element";
  return "";
}

}  // namespace

std::string check_figure(const std::string& svg, const std::vector<Series>& series) {
  struct Group {
    long index = -1, points = -1, dropped = -1, circles = 0;
  };
  std::vector<Group> groups;  // in document order; panels group series by their axes
  std::string root;
  bool in_series = false;
  const std::string problem = well_formed(svg, [&](const std::string& name, const std::map<std::string, std::string>& a) {
    if (root.empty()) root = name;
    if (name == "g") {
      in_series = a.count("class") && a.at("class") == "series";
      if (in_series)
        groups.push_back({a.count("data-index") ? std::stol(a.at("data-index")) : -1,
                          a.count("data-points") ? std::stol(a.at("data-points")) : -1,
                          a.count("data-dropped") ? std::stol(a.at("data-dropped")) : -1, 0});
    } else if (name == "circle" && in_series) {
      ++groups.back().circles;
    }
  });
  if (!problem.empty()) return "not well-formed XML: " + problem;
  if (root != "svg") return "the root element is <" + root + ">, not <svg>";
  if (groups.size() != series.size())
    return fmt::format("{} series groups for {} series", groups.size(), series.size());
  std::vector<const Group*> by_index(series.size(), nullptr);
  for (const Group& g : groups) {
    if (g.index < 0 || g.index >= long(series.size()) || by_index[size_t(g.index)])
      return fmt::format("a series group with a missing, out-of-range or repeated data-index ({})", g.index);
    by_index[size_t(g.index)] = &g;
  }
  for (size_t k = 0; k < series.size(); ++k) {
    const Series& s = series[k];
    const long pairs = long(std::min(s.x.size(), s.y.size()));
    long undrawable = 0;  // points that no axis can show: not finite, or ≤ 0 (which a log axis leaves out)
    for (long i = 0; i < pairs; ++i)
      undrawable += !(std::isfinite(s.x[size_t(i)]) && std::isfinite(s.y[size_t(i)]) && s.x[size_t(i)] > 0 && s.y[size_t(i)] > 0);
    const Group& g = *by_index[k];
    if (g.circles != g.points || g.points + g.dropped != pairs || g.dropped > undrawable)
      return fmt::format("series {} ('{}'): {} circles, data-points {}, data-dropped {}, for {} pairs of which {} are not "
                         "finite and positive",
                         k, s.name, g.circles, g.points, g.dropped, pairs, undrawable);
  }
  return "";
}

std::string figure_path(const Claim& claim) {
  return fmt::format("figures/{}/{}.svg", claim.paper, claim.id.substr(claim.id.find('/') + 1));
}

}  // namespace icl
