/** HSTS: two years, the value hstspreload.org asks for (preload itself is the operator's call). */
const HSTS_MAX_AGE_SECONDS = 63072000;

// Pages get their Content-Security-Policy, with a per-request script nonce, from proxy.ts. API
// routes answer JSON, Plivo XML or next-auth's own small pages: nothing there may load anything
// but next-auth's inline styles.
const API_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

function securityHeaders() {
  return [
    {
      key: "Strict-Transport-Security",
      value: `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
    },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    // A window this site opens, or that opens it, gets no handle on the other across origins.
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    {
      key: "Permissions-Policy",
      value: "camera=(), microphone=(), geolocation=(), otp-credentials=(self)",
    },
  ];
}

/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Loaded by Node at run time rather than bundled: native code or PGlite's WebAssembly, and the Plivo SDK,
  // which only the Plivo messenger needs.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@node-rs/argon2",
    "plivo",
    "pg",
  ],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders() },
      {
        source: "/api/:path*",
        headers: [
          {
            key: "Content-Security-Policy",
            value: API_CONTENT_SECURITY_POLICY,
          },
        ],
      },
    ];
  },
};
