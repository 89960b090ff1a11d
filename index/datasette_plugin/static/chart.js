// Province chart: draws the page's Vega-Lite spec with the vendored vega-embed (no CDN) and,
// once it has drawn, hides the server-rendered SVG, which stays as the chart without
// JavaScript or when drawing fails. Expressions run in vega-interpreter, so the page's
// Content-Security-Policy needs no 'unsafe-eval'. Tooltips are escaped by vega-tooltip;
// clicking a point opens its evidence (the spec's href channel).
(function () {
  "use strict";
  var draw = function () {
    var target = document.getElementById("newsintel-vega");
    if (!target || typeof window.vegaEmbed !== "function" || !window.vegaInterpreter) {
      return;
    }
    var spec;
    try {
      spec = JSON.parse(target.getAttribute("data-spec") || "null");
    } catch (error) {
      return;
    }
    if (!spec || !spec.data || !spec.data.values || spec.data.values.length === 0) {
      return;
    }
    var options = {
      mode: "vega-lite",
      renderer: "svg",
      ast: true,
      expr: window.vegaInterpreter.expressionInterpreter,
      actions: { export: true, source: false, compiled: false, editor: false },
      loader: { target: "_self" }
    };
    window.vegaEmbed(target, spec, options).then(function (result) {
      target.hidden = false;
      target.setAttribute("data-drawn", "true");
      var fallback = document.getElementById("newsintel-chart-fallback");
      if (fallback) {
        fallback.hidden = true;
      }
      result.view.resize().runAsync();
    }).catch(function (error) {
      target.hidden = true;
      target.setAttribute("data-error", String(error && error.message ? error.message : error));
    });
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
