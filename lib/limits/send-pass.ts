import "server-only";
import { cookies } from "next/headers";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import { getEnv } from "@/lib/env";
import { seal, unseal } from "@/lib/keys";

// What a resend's limits need to know about its challenge (the phone and whose account), sealed
// into a cookie when the challenge starts: a resend then checks its limits without first reading
// the challenge, which keeps a resend at two store round trips (limits, then issue). Sealed with
// AES-GCM and bound to the challenge id, it cannot be read, forged or moved to another challenge.

const SEND_PASS_COOKIE = "twostep_send_pass";
const PURPOSE = "send-pass";

export interface SendPass {
  phone: string;
  /** "user:<id>" for a login, "email:<email>" for a signup (see accountOf). */
  account: string;
}

export async function setSendPassCookie(challengeId: string, pass: SendPass) {
  const value = seal(PURPOSE, JSON.stringify({ ...pass, challengeId }));
  (await cookies()).set(SEND_PASS_COOKIE, value, {
    httpOnly: true,
    secure: getEnv().appUrl.startsWith("https:"),
    sameSite: "strict",
    path: "/api/otp",
    maxAge: CHALLENGE_TTL_SECONDS,
  });
}

/** The pass for this challenge, or null when missing, tampered with, or from another challenge. */
export async function readSendPass(
  challengeId: string,
): Promise<SendPass | null> {
  const value = (await cookies()).get(SEND_PASS_COOKIE)?.value;
  const opened = value && value.length < 2048 ? unseal(PURPOSE, value) : null;
  if (!opened) return null;
  try {
    const pass = JSON.parse(opened) as Partial<
      SendPass & { challengeId: string }
    >;
    const valid =
      pass.challengeId === challengeId && typeof pass.phone === "string";
    return valid && typeof pass.account === "string"
      ? { phone: pass.phone!, account: pass.account }
      : null;
  } catch {
    return null;
  }
}
