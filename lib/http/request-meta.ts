import "server-only";
import { isIP } from "node:net";
import { getEnv } from "@/lib/env";

// Who sent a request, for audit rows and per-address limits. Only a hop the deployment trusts may
// name the client: on Vercel its edge sets x-real-ip (a client cannot forge it); elsewhere the
// entry that the outermost of TRUSTED_PROXY_HOPS proxies appended to X-Forwarded-For. Anything a
// client could write itself is ignored, and with no trusted hop the address is unknown.

type HeaderGetter = (name: string) => string | null | undefined;

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

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

export function metaFromHeaders(get: HeaderGetter): RequestMeta {
  return {
    ip: clientAddress(get),
    userAgent: get("user-agent")?.slice(0, 256) ?? null,
  };
}

export const requestMeta = (request: Request): RequestMeta =>
  metaFromHeaders((name) => request.headers.get(name));

/**
 * The bucket a per-address limit counts against: IPv6 by its /64 (one subscriber holds the whole
 * prefix), and one shared bucket for every request whose address is unknown, so a missing header
 * never skips the limit.
 */
export function addressBucket(ip: string | null): string {
  if (!ip) return "unknown";
  if (isIP(ip) !== 6) return ip;
  const mapped = ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped) return mapped[1]!;
  return expandIpv6(ip).slice(0, 4).join(":") + "::/64";
}

function expandIpv6(address: string): string[] {
  // A dotted IPv4 tail ("::ffff:1.2.3.4") holds the last two groups.
  const ip = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
    [((+a << 8) | +b).toString(16), ((+c << 8) | +d).toString(16)].join(":"),
  );
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = ip.includes("::") ? 8 - left.length - right.length : 0;
  return [...left, ...Array<string>(missing).fill("0"), ...right].map((g) =>
    g.replace(/^0+(?=.)/, ""),
  );
}
