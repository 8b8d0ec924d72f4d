import "server-only";
import type { ErrorCode } from "@/lib/errors";
import type {
  Challenge,
  ChallengeStore,
  VerifyResult,
} from "@/lib/store/types";
import { hashCode } from "./code";
import { MAX_WRONG_ATTEMPTS } from "./policy";

export type VerifyOutcome =
  | { ok: true; challenge: Challenge }
  | {
      ok: false;
      error: ErrorCode;
      attemptsLeft: number;
      userId: string | null;
    };

type Reason = Extract<VerifyResult, { ok: false }>["reason"];

const VERIFY_ERRORS: Record<Reason, ErrorCode> = {
  missing: "NO_CHALLENGE",
  expired: "CODE_EXPIRED",
  locked: "TOO_MANY_ATTEMPTS",
  verified: "ALREADY_VERIFIED",
  wrong: "WRONG_CODE",
  "no-code": "NO_CODE",
};

/** Checks and consumes a code in one atomic store round trip (single use, ASVS 2.7.3). */
export async function verifyCode(
  store: ChallengeStore,
  id: string,
  code: string,
  now = Date.now(),
): Promise<VerifyOutcome> {
  const result = await store.verifyCode(
    id,
    hashCode(id, code),
    MAX_WRONG_ATTEMPTS,
    now,
  );
  if (result.ok) return result;
  const error =
    result.reason === "wrong" && result.attemptsLeft === 0
      ? "TOO_MANY_ATTEMPTS"
      : VERIFY_ERRORS[result.reason];
  return {
    ok: false,
    error,
    attemptsLeft: result.attemptsLeft,
    userId: result.userId,
  };
}
