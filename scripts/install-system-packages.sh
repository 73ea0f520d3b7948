#!/usr/bin/env bash
# Install the Debian packages newsledger's tests and benchmarks use beyond Python:
#   gdal-bin  ogrinfo, GDAL's reader, checks the GeoJSON export (tests/export/test_export_incidents.py)
#   chromium  the browser the web pages' tests drive with Playwright (tests/serve/test_browser.py);
#             Playwright's own browser download is never used
#   wrk       the HTTP load tool of the web server's benchmark (benchmarks/web_load.py)
#   postgresql  the server the store and ledger tests also run against; the tests start a private
#             instance of their own (as the postgres user: it refuses to run as root)
# Idempotent: a package already installed is left alone, and nothing is fetched when all are there.
# Run as root (containers, CI); it says so and stops otherwise, since there is no sudo to fall back on.
set -euo pipefail

PACKAGES=(gdal-bin chromium wrk postgresql)

missing=()
for package in "${PACKAGES[@]}"; do
    # dpkg-query prints "install ok installed" only for a fully installed package.
    if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        echo "already installed: $package"
    else
        missing+=("$package")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "nothing to install"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "error: installing ${missing[*]} needs root; run this script as root" >&2
    exit 1
fi

echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for package in "${missing[@]}"; do
    echo "installed: $package $(dpkg-query -W -f='${Version}' "$package")"
done
