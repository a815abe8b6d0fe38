// Tests of the report's figures: the SVG writer against its checker, and the checker against broken figures.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "reports/figures.hpp"

namespace {

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t i = s.find(what); i != std::string::npos; i = s.find(what, i + 1)) ++n;
  return n;
}

}  // namespace

TEST_SUITE("reports;unit") {
  TEST_CASE("figures: a rate on log-log axes, a ladder, guides, printed values and escaping") {
    icl::Series rate{"e(w_t) & <friends>", "t", "error", {1, 10, 100, 1000, 1e4}, {1, 0.1, 0.01, 1e-3, 1e-4}};
    rate.guides.push_back({"claimed t^−1", -1, 1e4, 1e-4});
    rate.printed.push_back({100, 0.02});
    const icl::Series ladder{"discrepancy", "bits", "error", {128, 256, 512}, {1e-38, 1e-77, 1e-154}};
    const icl::Series curve{"loss", "step", "loss", {0, 1, 2, 3}, {2, -1, NAN, 0.5}};  // a NaN is dropped
    const std::string svg = icl::svg_figure("C12 — a title", {rate, ladder, curve});
    CHECK(icl::check_figure(svg, {rate, ladder, curve}).empty());
    CHECK(count(svg, "<circle") == 5 + 3 + 3);
    CHECK(count(svg, "(log scale)") == 2 + 1);  // t and error of the rate; the ladder's error
    CHECK(count(svg, "class=\"guide\"") == 1);
    CHECK(count(svg, "class=\"printed\"") == 1);
    CHECK(svg.find("e(w_t) &amp; &lt;friends&gt;") != std::string::npos);
    CHECK(svg.find("data-dropped=\"1\"") != std::string::npos);
  }

  TEST_CASE("figures: the checker rejects broken figures") {
    const icl::Series s{"s", "x", "y", {1, 2, 3}, {1, 2, 3}};
    const std::string good = icl::svg_figure("t", {s});
    REQUIRE(icl::check_figure(good, {s}).empty());
    std::string missing = good;  // one circle fewer
    missing.erase(missing.find("<circle"), missing.find("/>", missing.find("<circle")) + 2 - missing.find("<circle"));
    CHECK(!icl::check_figure(missing, {s}).empty());
    CHECK(!icl::check_figure(good.substr(0, good.size() - 8), {s}).empty());  // </svg> cut off
    std::string amp = good;
    amp.insert(amp.find("</text>"), " & ");
    CHECK(!icl::check_figure(amp, {s}).empty());
    CHECK(!icl::check_figure(good, {s, s}).empty());  // a series not drawn
    const icl::Series more{"s", "x", "y", {1, 2, 3, 4}, {1, 2, 3, 4}};
    CHECK(!icl::check_figure(good, {more}).empty());  // a point neither drawn nor dropped
  }

  TEST_CASE("figures: series grouped into panels by their axes are checked by index, not by position") {
    const icl::Series a{"a", "N", "max", {1, 2, 3, 4}, {1, 2, 3, 4}}, b{"b", "N", "min", {2, 3, 4}, {1, 2, 3}},
        c{"c", "N", "max", {1, 2, 3, 4}, {2, 3, 4, 5}};
    const std::string svg = icl::svg_figure("panels", {a, b, c});  // panel 1: a, c; panel 2: b
    CHECK(icl::check_figure(svg, {a, b, c}).empty());
    CHECK(count(svg, "class=\"panel\"") == 2);
    CHECK(svg.find("data-index=\"2\"") < svg.find("data-index=\"1\""));
  }
}
