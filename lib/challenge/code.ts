import "server-only";
import { randomInt } from "node:crypto";
import { keyedHash } from "@/lib/keys";
import { CODE_DIGITS } from "./policy";

/** A code from the CSPRNG (ASVS 5.0 6.5.x), zero-padded so every value is equally likely. */
export function generateCode(): string {
  return randomInt(0, 10 ** CODE_DIGITS)
    .toString()
    .padStart(CODE_DIGITS, "0");
}

/** Bound to its challenge, so a hash is useless for any other challenge; only hashes are stored. */
export function hashCode(challengeId: string, code: string): string {
  return keyedHash("otp-code", `${challengeId}:${code}`);
}
