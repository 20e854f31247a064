// Draws each dashboard chart from its Vega-Lite spec (passed with json_script, no inline
// script, so a strict Content-Security-Policy holds). The data table next to each chart stays
// the text alternative; when vega-embed is missing the table is all there is.
(function () {
  "use strict";
  function draw() {
    if (typeof window.vegaEmbed !== "function") { return; }
    document.querySelectorAll("[data-spec-id]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-spec-id"));
      if (!source) { return; }
      // The spec keeps the report's fixed width; CSS scales the SVG down on narrow screens.
      var spec = JSON.parse(source.textContent);
      window.vegaEmbed(el, spec, { actions: false, renderer: "svg", defaultStyle: false })
        .then(function (result) {
          var svg = el.querySelector("svg");
          if (svg) { svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false"); }
          return result;
        })
        .catch(function () { el.hidden = true; });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
