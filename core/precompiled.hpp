// The precompiled header of the claim, test, oracle, construction and training units (CMakeLists.txt, ICL_PCH): the
// library headers nearly every one of them parses, and the suite's scalar and context headers. Parsing them once per
// target, with their templates instantiated in the header, took a fifth off the largest unit's compile time.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <rapidcheck.h>
#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <Eigen/QR>
#include <Eigen/SVD>

#include "core/context.hpp"
#include "core/property.hpp"
#include "core/scalar.hpp"
