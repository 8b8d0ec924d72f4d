import "server-only";
import { isIP } from "node:net";
import type { RequestFacts } from "@/lib/context";
import { getEnv } from "@/lib/env";

// Who sent a request (lib/context's RequestFacts), for audit rows and per-address limits. Only a hop the deployment trusts may
// name the client: on Vercel its edge sets x-real-ip (a client cannot forge it); elsewhere the
// entry that the outermost of TRUSTED_PROXY_HOPS proxies appended to X-Forwarded-For. Anything a
// client could write itself is ignored, and with no trusted hop the address is unknown.

type HeaderGetter = (name: string) => string | null | undefined;

export function clientAddress(get: HeaderGetter): string | null {
  const env = getEnv();
  if (env.vercel) return valid(get("x-real-ip"));
  const hops = env.trustedProxyHops;
  if (hops === 0) return null;
  const chain = (get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  return valid(chain[chain.length - hops]);
}

function valid(value: string | null | undefined): string | null {
  const ip = value?.trim() ?? "";
  return isIP(ip) ? ip : null;
}

/** The request facts (lib/context) the edge hands to a use case. */
export function factsFromHeaders(get: HeaderGetter): RequestFacts {
  return {
    ip: clientAddress(get),
    userAgent: get("user-agent")?.slice(0, 256) ?? null,
  };
}

export const requestFacts = (request: Request): RequestFacts =>
  factsFromHeaders((name) => request.headers.get(name));
