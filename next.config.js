// This config is CommonJS; next-intl's plugin ships a require() entry for it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const createNextIntlPlugin = require("next-intl/plugin");

/** HSTS: two years, the value hstspreload.org asks for (preload itself is the operator's call). */
const HSTS_MAX_AGE_SECONDS = 63072000;

// Pages get their Content-Security-Policy, with a per-request script nonce, from proxy.ts. API
// routes answer JSON, Plivo XML or next-auth's own small pages, and build files and prefetches are
// data: nothing there may load anything but next-auth's inline styles, or be framed.
const API_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

const dataPolicy = [
  { key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY },
];
/** The headers that mark a router prefetch, which proxy.ts leaves alone. */
const PREFETCH_HEADERS = [
  { type: "header", key: "next-router-prefetch" },
  { type: "header", key: "purpose", value: "prefetch" },
];

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

// A build for real Postgres (DATABASE_URL set while building, as on Vercel) never opens PGlite or runs
// the WebAssembly schema engine: leave them (tens of MB) out of every serverless function's files.
// lib/db compiles its PGlite branch out of such a build (TWOSTEP_BUILT_FOR_POSTGRES, inlined below),
// and the routes' traces exclude the packages as well.
const builtForPostgres = !!process.env.DATABASE_URL?.trim();
const embeddedOnlyPackages = ["@electric-sql/pglite", "pglite-prisma-adapter"];
const embeddedOnlyFiles = builtForPostgres
  ? [
      ...embeddedOnlyPackages.map((name) => `node_modules/${name}/**`),
      "node_modules/@prisma/schema-engine-wasm/**",
      // Turbopack links each external package into the build folder under a hashed name.
      ...embeddedOnlyPackages.map((name) => `.next/node_modules/${name}-*`),
    ]
  : [];

// next-intl reads each request's language and catalogue from lib/i18n/request.ts (no locale in URLs).
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
module.exports = withNextIntl({
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden(): the operators' console answers 403 to whoever may not use it (app/forbidden.tsx).
  experimental: { authInterrupts: true },
  env: { TWOSTEP_BUILT_FOR_POSTGRES: builtForPostgres ? "1" : "0" },
  // Loaded by Node at run time rather than bundled: native code or PGlite's WebAssembly, and the Plivo SDK,
  // which only the Plivo messenger needs.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@node-rs/argon2",
    "plivo",
    "pg",
  ],
  outputFileTracingExcludes: { "/**": embeddedOnlyFiles },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders() },
      { source: "/api/:path*", headers: dataPolicy },
      // Build files and router prefetches bypass proxy.ts: they load nothing, and nothing may frame them.
      { source: "/_next/:path*", headers: dataPolicy },
      ...PREFETCH_HEADERS.map((has) => ({
        source: "/:path*",
        has: [has],
        headers: dataPolicy,
      })),
    ];
  },
});
