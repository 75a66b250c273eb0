#!/bin/sh
# Builds the site from the top of a full clone (the whole history: every revision page comes
# from it) into SITE_DIR, for GitHub Pages or GitLab Pages to publish.
#
#   SITE_DIR  the folder the site goes to: _site for GitHub, public for GitLab
#   SITE_URL  the address it is published at (optional: when empty, base_url in portal.toml)
set -eu
git config --global --add safe.directory "$PWD"
scrutiny build --content . --out "$SITE_DIR" ${SITE_URL:+--base-url "$SITE_URL"}
