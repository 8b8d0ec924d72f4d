import "server-only";
import { createHash } from "node:crypto";
import { HIBP_RANGE_URL, HIBP_TIMEOUT_MS } from "@/lib/password/policy";

export type BreachAnswer = "breached" | "not-found" | "unavailable";

/**
 * Asks Have I Been Pwned whether a password appeared in a breach, by k-anonymity: only the first 5
 * hex characters of its SHA-1 leave the server; the suffix is compared here. `Add-Padding` makes
 * every reply a similar size, so its length tells an observer nothing about the prefix. Any
 * failure (timeout, status, network) is "unavailable", never an exception.
 */
export async function checkPwnedPassword(
  password: string,
): Promise<BreachAnswer> {
  const sha1 = createHash("sha1").update(password, "utf8").digest("hex");
  const [prefix, suffix] = [sha1.slice(0, 5), sha1.slice(5)].map((s) =>
    s.toUpperCase(),
  );
  try {
    const response = await fetch(`${HIBP_RANGE_URL}${prefix}`, {
      headers: { "Add-Padding": "true", "User-Agent": "twostep" },
      signal: AbortSignal.timeout(HIBP_TIMEOUT_MS),
      cache: "no-store",
    });
    if (!response.ok) return "unavailable";
    for (const line of (await response.text()).split("\n")) {
      const [candidate, count] = line.trim().split(":");
      // Padding entries carry a count of 0: they were never in a breach.
      if (candidate === suffix && Number(count) > 0) return "breached";
    }
    return "not-found";
  } catch {
    return "unavailable";
  }
}
