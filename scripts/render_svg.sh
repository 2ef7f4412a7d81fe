#!/usr/bin/env bash
# Renders an SVG written by `govkg plot` to PNG, to check by eye that it opens
# and that its labels show (Chinese included).
#
#   scripts/render_svg.sh docs/network.svg [out.png]
#
# Uses rsvg-convert (Debian/Ubuntu: librsvg2-bin) when present, else headless
# Chromium. Chinese labels need a CJK font installed (fonts-noto-cjk or
# fonts-wqy-microhei). Exits 2 when neither renderer is available.
set -euo pipefail
svg=${1:?usage: scripts/render_svg.sh FILE.svg [OUT.png]}
png=${2:-${svg%.svg}.png}
if command -v rsvg-convert >/dev/null; then
    rsvg-convert --background-color=white -o "$png" "$svg"
else
    chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
    if [ -z "$chrome" ]; then
        echo "render_svg.sh: neither rsvg-convert nor chromium found (apt-get install librsvg2-bin)" >&2
        exit 2
    fi
    size=$(sed -n 's/.*<svg[^>]* width="\([0-9]*\)" height="\([0-9]*\)".*/\1,\2/p' "$svg" | head -1)
    "$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --window-size="${size:-1000,800}" --screenshot="$(realpath -m "$png")" "file://$(realpath "$svg")"
fi
echo "render_svg.sh: wrote $png"
