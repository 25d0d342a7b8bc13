#!/usr/bin/env bash
# Redraw the README's pictures of the HTML reports (docs/*.png) with headless Chromium.
# Needs Debian's chromium and a CJK font: apt-get install chromium fonts-wqy-microhei
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || { echo "pictures.sh: chromium is not installed (apt-get install chromium fonts-wqy-microhei)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shoot() {  # html png height
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/profile" --hide-scrollbars \
    --window-size=1280,"$3" --screenshot="$2" "file://$1" 2>/dev/null
}
.venv/bin/qingdan audit tests/data/audit/dev_list.txt tests/data/audit/dev_report.txt -f html -o "$work/audit.html"
shoot "$work/audit.html" docs/audit-sheet.png 1750
echo "docs/audit-sheet.png"
