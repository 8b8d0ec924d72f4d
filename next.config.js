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

// `npm run bench` (bench) builds and starts with TWOSTEP_BENCH=1: a folder of its own, outside .next
// (which an e2e build wipes) and already ignored everywhere, and with its baseline routes switched on.
// The flag is inlined at build time: those routes answer 404 in every other build, whatever the
// server's environment says.
const bench = process.env.TWOSTEP_BENCH === "1";

// A build for real Postgres (DATABASE_URL set while building, as on Vercel) never opens PGlite or runs
// the WebAssembly schema engine: leave them (tens of MB) out of every serverless function's files.
// lib/db compiles its PGlite branch out of such a build (TWOSTEP_BUILT_FOR_POSTGRES, inlined below),
// and the routes' traces exclude the packages as well.
const builtForPostgres = !!process.env.DATABASE_URL?.trim();
const distDir = bench ? "node_modules/.cache/twostep-bench" : ".next";
const embeddedOnlyPackages = ["@electric-sql/pglite", "pglite-prisma-adapter"];
const embeddedOnlyFiles = builtForPostgres
  ? [
      ...embeddedOnlyPackages.map((name) => `node_modules/${name}/**`),
      "node_modules/@prisma/schema-engine-wasm/**",
      // Turbopack links each external package into the build folder under a hashed name.
      ...embeddedOnlyPackages.map(
        (name) => `${distDir}/node_modules/${name}-*`,
      ),
    ]
  : [];

/** @type {(phase: string) => import('next').NextConfig} */
module.exports = (phase) => ({
  reactStrictMode: true,
  poweredByHeader: false,
  distDir,
  env: {
    TWOSTEP_BENCH_ROUTES: bench ? "1" : "0",
    TWOSTEP_BUILT_FOR_POSTGRES: builtForPostgres ? "1" : "0",
  },
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
  outputFileTracingExcludes: { "/**": embeddedOnlyFiles },
  async headers() {
    const dev = phase === PHASE_DEVELOPMENT_SERVER;
    return [{ source: "/:path*", headers: securityHeaders(dev) }];
  },
});
