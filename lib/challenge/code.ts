import "server-only";
import { randomInt } from "node:crypto";
import { keyedHash } from "@/lib/keys";
import { CODE_DIGITS } from "./policy";

/** A code from the CSPRNG (ASVS 2.7.6), zero-padded so every value is equally likely. */
export function generateCode(): string {
  return randomInt(0, 10 ** CODE_DIGITS)
    .toString()
    .padStart(CODE_DIGITS, "0");
}

/** Bound to its challenge, so a hash is useless for any other challenge (ASVS 2.7.3, 2.7.5). */
export function hashCode(challengeId: string, code: string): string {
  return keyedHash("otp-code", `${challengeId}:${code}`);
}

export function isCodeShaped(value: string): boolean {
  return new RegExp(`^\\d{${CODE_DIGITS}}$`).test(value);
}
