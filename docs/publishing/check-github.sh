#!/bin/sh
# Checks the portal in a GitHub Actions job, run from the top of the checkout: each problem
# becomes an annotation on its line of the pull request, and the job fails on any error.
#
# git refuses a repository that another user owns (the checkout, in a container): this one is
# trusted, since the job checked it out.
set -eu
git config --global --add safe.directory "$PWD"
scrutiny check --content . --format github
