#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages pcdesk needs: Qt's xcb platform libraries, a Japanese
# TrueType font for PDFs, and (with --test) the PDF tools, Xvfb, PostgreSQL and binutils the test
# suite uses, and LibreOffice to print the workbooks as a person would
# (tests/unit/test_output_print.py; Carlito has Calibri's widths, so columns come out as in Excel).
# Skips apt-get entirely when everything is already there, so re-runs are quick.
set -euo pipefail
pkgs=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
      libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libxkbcommon0 libegl1 libgl1 libfontconfig1
      libdbus-1-3 fonts-ipaexfont)
if [[ "${1:-}" == "--test" ]]; then
  pkgs+=(poppler-utils xvfb postgresql)  # postgresql: the same tests on the shared-server engine
  pkgs+=(libreoffice-calc-nogui fonts-crosextra-carlito)  # printing the workbooks (test_output_print)
  pkgs+=(binutils)  # objdump: PyInstaller needs it on Linux to freeze the program (tests/installed)
fi
command -v apt-get >/dev/null 2>&1 || { echo "apt-get がありません: ${pkgs[*]} を手動で入れてください" >&2; exit 0; }
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
sudo_cmd=()
[[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
