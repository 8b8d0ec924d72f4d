import "server-only";
import { randomInt } from "node:crypto";
import { keyedHash } from "@/lib/keys";
import {
  RECOVERY_CODE_CHARS,
  RECOVERY_CODE_COUNT,
  RECOVERY_CODE_GROUP,
} from "./policy";

/** RFC 4648 base32: no 0, 1, 8 or 9, so nothing reads as O, I, L or B. */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const SHAPE = new RegExp(`^[A-Z2-7]{${RECOVERY_CODE_CHARS}}$`);

/** One code from the CSPRNG, each character uniform (5 bits), in groups: "ABCD-EFGH-…". */
export function generateRecoveryCode(): string {
  const chars = Array.from(
    { length: RECOVERY_CODE_CHARS },
    () => ALPHABET[randomInt(ALPHABET.length)],
  ).join("");
  const groups = new RegExp(`.{${RECOVERY_CODE_GROUP}}`, "g");
  return chars.match(groups)!.join("-");
}

export function generateRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
}

/**
 * What a person typed, as stored: any case, spaces and dashes ignored, a zero or one read as the
 * letter it looks like. Null when it cannot be a code (refused before any lookup or count).
 */
export function normalizeRecoveryCode(input: string): string | null {
  const code = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/0/g, "O")
    .replace(/1/g, "I");
  return SHAPE.test(code) ? code : null;
}

/** Keyed hash of a code and its owner: found by an index, useless for any other account. */
export function hashRecoveryCode(userId: string, normalized: string): string {
  return keyedHash("recovery-code", `${userId}:${normalized}`);
}
