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

// `npm run bench` (bench) builds and starts with TWOSTEP_BENCH=1: a folder of its own, outside .next
// (which an e2e build wipes) and already ignored everywhere, and with its baseline routes switched on.
// The flag is inlined at build time: those routes answer 404 in every other build, whatever the
// server's environment says.
const bench = process.env.TWOSTEP_BENCH === "1";

/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  poweredByHeader: false,
  distDir: bench ? "node_modules/.cache/twostep-bench" : ".next",
  env: { TWOSTEP_BENCH_ROUTES: bench ? "1" : "0" },
  // Its own tsconfig lists the bench folder's generated types, so Next leaves tsconfig.json alone;
  // types are checked by `npm run typecheck`, not again by the benchmark's build.
  ...(bench && {
    typescript: {
      tsconfigPath: "bench/tsconfig.build.json",
      ignoreBuildErrors: true,
    },
  }),
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
