// Swagger UI over this server's own OpenAPI description, started from a file rather than an
// inline script (the Content-Security-Policy forbids those). validatorUrl: null turns off the
// badge that would send the description's address to swagger.io's online validator.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
