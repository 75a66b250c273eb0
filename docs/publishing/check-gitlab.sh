#!/bin/sh
# Checks the portal in a GitLab CI job, run from the top of the checkout: the problems go into a
# Code Quality report, which the job keeps as an artifact (reports: codequality), and the job
# fails on any error.
set -eu
git config --global --add safe.directory "$PWD"
scrutiny check --content . --format gitlab > gl-code-quality-report.json
