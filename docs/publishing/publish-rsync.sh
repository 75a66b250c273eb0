#!/bin/sh
# Builds the site from the top of a full clone of the content repository and copies it to a web
# server with rsync (over ssh, or to a folder on this machine). Only changed files are sent;
# files the site no longer has are deleted; the new files are put in place together at the end.
#
#   PUBLISH_TARGET  where the site goes, ending in /: deploy@www.example.gov.uk:/var/www/improvement/
#   SITE_URL        the address it is published at (optional: when empty, base_url in portal.toml)
set -eu
scrutiny build --content . --out site ${SITE_URL:+--base-url "$SITE_URL"}
rsync --recursive --times --checksum --chmod=D755,F644 --delete-delay --delay-updates site/ "$PUBLISH_TARGET"
