#!/bin/sh
# Installs scrutiny on a Debian 12 machine or container, as root, from its Debian package: the
# first step of every CI recipe in docs/publishing.md. apt-get fetches the libraries it needs
# from Debian.
#
#   SCRUTINY_DEB_URL  the address of scrutiny_VERSION_amd64.deb (scripts/build-deb makes it),
#                     such as a release download; file:///path/to/scrutiny.deb also works
set -eu
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl git
curl -fsSL -o /tmp/scrutiny.deb "$SCRUTINY_DEB_URL"
apt-get install -y --no-install-recommends /tmp/scrutiny.deb
