#!/bin/sh
# Main job: install, build, run every registered claim, write report/REPORT.md and report/results.json.
# Exit status is iclcheck's: 0 when every verdict equals its recorded expectation.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh iclcheck
exec ./build/iclcheck run --report report/REPORT.md --json report/results.json "$@"
