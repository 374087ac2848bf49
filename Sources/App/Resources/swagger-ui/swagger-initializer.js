// Starts Swagger UI on this service's own document; a file of its own, since the page's
// Content-Security-Policy allows no inline script.
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
};
