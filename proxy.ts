import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce } from "@/lib/http/csp";

// Every page gets a fresh script nonce. Next reads it from the request's Content-Security-Policy
// header while rendering and puts it on its own scripts; pages render per request (app/layout.tsx),
// so no page is ever served with a stale nonce.
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

// Pages only: API routes (next-auth, Plivo's callbacks) answer data and carry the static policy of
// next.config.js; build assets under /_next carry no script to protect; a prefetch is data too.
export const config = {
  matcher: [
    {
      source: "/((?!api(?:/|$)|_next/).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
