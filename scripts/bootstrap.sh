#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian machine:
# Debian packages (Thai fonts, poppler, tesseract with Thai, Chromium, LibreOffice Writer for the
# tests that print the DOCX reports, the PostgreSQL and Redis servers the store and distributed-engine
# tests start on their own, systemd-analyze for checking deploy/'s units) and a local virtualenv.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBS=(fonts-thai-tlwg fontconfig poppler-utils tesseract-ocr tesseract-ocr-tha chromium wget libreoffice-writer-nogui postgresql redis-server systemd)
missing=()
for p in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  if [[ " ${missing[*]} " == *" postgresql "* ]]; then
    # No packaged cluster to create or start: tests and benchmarks run throwaway servers of their own
    # (store/local_postgres.py), and a production store is the operator's.
    $SUDO mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.d/oit-no-main-cluster.conf >/dev/null
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e '.[dev]'
touch .venv/.installed
echo "bootstrap: ready (.venv)"
