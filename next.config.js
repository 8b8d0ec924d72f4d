// next/constants PHASE_DEVELOPMENT_SERVER (a require() here would trip the lint rules).
const PHASE_DEVELOPMENT_SERVER = "phase-development-server";

/** HSTS: two years, the value hstspreload.org asks for (preload itself is the operator's call). */
const HSTS_MAX_AGE_SECONDS = 63072000;

// Without per-request nonces Next's inline bootstrap scripts need 'unsafe-inline'; everything else
// stays same-origin. React's development build also evaluates strings (Fast Refresh, call stacks),
// so 'unsafe-eval' is granted to `next dev` only.
function contentSecurityPolicy(dev) {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

function securityHeaders(dev) {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(dev) },
    {
      key: "Strict-Transport-Security",
      value: `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
    },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    {
      key: "Permissions-Policy",
      value: "camera=(), microphone=(), geolocation=(), otp-credentials=(self)",
    },
  ];
}

/** @type {(phase: string) => import('next').NextConfig} */
module.exports = (phase) => ({
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
    const dev = phase === PHASE_DEVELOPMENT_SERVER;
    return [{ source: "/:path*", headers: securityHeaders(dev) }];
  },
});
