import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * True when the Authorization header is exactly `Bearer <secret>`. Both sides are hashed first, so
 * the comparison takes the same time whatever the header holds (and whatever its length).
 */
export function hasBearerSecret(
  authorization: string | null,
  secret: string,
): boolean {
  const given = authorization?.match(/^Bearer (.+)$/)?.[1] ?? "";
  return given !== "" && timingSafeEqual(digest(given), digest(secret));
}
