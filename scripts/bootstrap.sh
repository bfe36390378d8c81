#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian machine:
# Debian packages (Thai fonts, poppler, tesseract with Thai, Chromium, LibreOffice Writer for the
# tests that print the DOCX reports) and a local virtualenv.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBS=(fonts-thai-tlwg fontconfig poppler-utils tesseract-ocr tesseract-ocr-tha chromium wget libreoffice-writer-nogui)
missing=()
for p in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e '.[dev]'
touch .venv/.installed
echo "bootstrap: ready (.venv)"
