#!/usr/bin/env bash
# Open the regenerated report in headless Chromium (offline) and save a full-page screenshot,
# to look at what an analyst sees: charts drawn, Chinese text without missing-glyph boxes.
#
#   scripts/screenshot_report.sh [REPORT_HTML] [OUT_PNG] [WIDTH]
#
# Defaults: $DEALS_WAREHOUSE_DIR/report/report.html (or warehouse/report/report.html) and
# report.png beside it, 1000 px wide. Needs Debian's `chromium` and `fonts-noto-cjk`
# (apt-get install chromium fonts-noto-cjk). Networking is switched off for the page, so a
# report that needed anything from the internet would show it here.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
warehouse="${DEALS_WAREHOUSE_DIR:-$repo_root/warehouse}"
html="${1:-$warehouse/report/report.html}"
png="${2:-${html%.html}.png}"
width="${3:-1000}"

if [[ ! -f "$html" ]]; then
  echo "No report at $html: run the pipeline (or python -m pipeline.report.build) first." >&2
  exit 1
fi
browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
  echo "Chromium not found: apt-get install chromium fonts-noto-cjk" >&2
  exit 1
fi
if ! fc-list :lang=zh family | grep -qi .; then
  echo "warning: no Chinese font installed (apt-get install fonts-noto-cjk): expect boxes" >&2
fi

# Headless --screenshot captures the window, so the window is made taller than the report
# (REPORT_SCREENSHOT_HEIGHT) and the blank rest is trimmed afterwards.
height="${REPORT_SCREENSHOT_HEIGHT:-9000}"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$profile" --no-first-run --disable-extensions \
  --proxy-server="127.0.0.1:9" --proxy-bypass-list="<-loopback>" \
  --window-size="${width},${height}" --screenshot="$png" \
  "file://$(realpath "$html")" >/dev/null 2>&1

# With ImageMagick: trim the blank background and cut screen-sized parts (OUT-part-NN.png),
# which are easier to look at than one very tall image.
if command -v convert >/dev/null 2>&1 && convert -version 2>/dev/null | grep -q ImageMagick; then
  convert "$png" -trim +repage "$png"
  rm -f "${png%.png}"-part-*.png
  convert "$png" -crop "x1200" +repage "${png%.png}-part-%02d.png"
  ls "${png%.png}"-part-*.png
fi
echo "$png"
