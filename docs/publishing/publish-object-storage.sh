#!/bin/sh
# Builds the site from the top of a full clone of the content repository and uploads it to
# object storage (Amazon S3, or any store the aws command speaks to) behind a CDN, then tells
# the CDN to fetch the new pages.
#
#   BUCKET_URL           where the site goes, ending in /: s3://council-web/improvement/
#   SITE_URL             the address readers use, ending in /: https://www.example.gov.uk/improvement/
#   CDN_DISTRIBUTION_ID  the CloudFront distribution in front of the bucket (optional)
#   CDN_PATHS            what to refresh in it: /improvement/*
set -eu
scrutiny build --content . --out site --base-url "$SITE_URL"
# The theme's files change only with scrutiny itself: caches may keep them an hour.
aws s3 sync site/assets/ "${BUCKET_URL}assets/" --delete --cache-control "public, max-age=3600"
# Pages, feeds and open data change with every update: caches keep them five minutes.
aws s3 sync site/ "$BUCKET_URL" --delete --exclude "assets/*" --cache-control "public, max-age=300"
if [ -n "${CDN_DISTRIBUTION_ID:-}" ]; then
  aws cloudfront create-invalidation --distribution-id "$CDN_DISTRIBUTION_ID" --paths "$CDN_PATHS"
fi
