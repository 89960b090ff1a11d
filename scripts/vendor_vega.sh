#!/bin/sh
# Vendor the province chart's JavaScript into the plugin's static files (no CDN at run time).
# vega, vega-lite and vega-embed ship minified browser builds; vega-interpreter (CSP-safe
# expressions: the pages' Content-Security-Policy has no 'unsafe-eval') ships only an ES
# module, bundled here into one IIFE with esbuild. Needs node and npm; writes nothing else.
set -eu
VEGA=6.4.0 VEGA_LITE=6.5.0 VEGA_EMBED=7.3.0 VEGA_INTERPRETER=2.3.2
STATIC="$(cd "$(dirname "$0")/.." && pwd)/index/datasette_plugin/static"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "vega@$VEGA" "vega-lite@$VEGA_LITE" \
    "vega-embed@$VEGA_EMBED" "vega-interpreter@$VEGA_INTERPRETER" esbuild
for name in vega vega-lite vega-embed; do
    cp "node_modules/$name/build/$name.min.js" "$STATIC/$name.min.js"
    cp "node_modules/$name/LICENSE" "$STATIC/$name.LICENSE"
done
echo 'export { expressionInterpreter } from "vega-interpreter";' >entry.js
npx esbuild entry.js --bundle --minify --format=iife --global-name=vegaInterpreter \
    --legal-comments=none --log-level=warning --outfile="$STATIC/vega-interpreter.min.js"
cp node_modules/vega-interpreter/LICENSE "$STATIC/vega-interpreter.LICENSE"
