import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { processWide } from "@/lib/runtime/process-wide";
import { createSemaphore } from "@/lib/runtime/semaphore";

// OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1 is the minimum recommended setting.
export const ARGON2_OPTIONS = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

// Each hash holds its 19 MiB for its whole run and keeps one core busy. On the 2 cores this is
// sized for, a third hash at once only waits for a core while holding its memory, and it would
// take a third of libuv's 4 worker threads (file and DNS work queue there too). So a burst of
// sign-ins holds 2 × 19 MiB of hashing memory and waits its turn, first come first served; the
// argon2id parameters stay as they are.
export const PASSWORD_HASHES_IN_FLIGHT = 2;

// One queue for the whole process: every route that hashes (sign-up, sign-in, resets, changes)
// waits in the same line.
const hashing = () =>
  processWide("password.hashing", () =>
    createSemaphore(PASSWORD_HASHES_IN_FLIGHT),
  );

export function hashPassword(password: string): Promise<string> {
  return hashing().run(() => hash(password, ARGON2_OPTIONS));
}

/** Made once per process (at start-up by instrumentation-node.ts), not once per route. */
const dummyHash = () =>
  processWide("password.dummy-hash", () =>
    hashPassword("twostep-dummy-password-for-timing"),
  );

/**
 * Checks a password against a stored hash. With no hash (unknown email) it still does the same
 * argon2 work against a dummy, in the same queue, so a wrong email and a wrong password take about
 * the same time.
 */
export async function verifyPassword(
  storedHash: string | null,
  password: string,
): Promise<boolean> {
  // Both paths await here, so both reach the queue after the same number of turns.
  const target = await (storedHash ?? dummyHash());
  const ok = await hashing().run(() =>
    verify(target, password).catch(() => false),
  );
  return ok && storedHash !== null;
}
