import { isIP } from "node:net";

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
