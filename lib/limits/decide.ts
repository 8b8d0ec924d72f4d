import "server-only";
import { refuse, type ErrorCode, type Refusal } from "@/lib/errors";
import { keyedHash } from "@/lib/keys";
import { getLimiter, getLoginLimiter } from "./index";
import * as policy from "./policy";
import { limitSettings } from "./settings";
import type { Limit, LimitDecision, LimitName } from "./types";

// The limits each step must pass. Each check is at most one limiter round trip and answers a
// decision: null to go on, or the refusal to report (the HTTP edge turns it into a reply).

const REFUSALS: Record<LimitName, ErrorCode> = {
  phone: "PHONE_SEND_LIMIT",
  "phone-unverified": "PHONE_SEND_LIMIT",
  account: "ACCOUNT_SEND_LIMIT",
  ip: "RATE_LIMITED",
  budget: "SENDING_PAUSED",
  "budget-unverified": "SENDING_PAUSED",
  "login-account": "LOGIN_LIMITED",
  "login-account-all": "LOGIN_LIMITED",
  "login-ip": "RATE_LIMITED",
  "account-changes": "ACCOUNT_CHANGE_LIMIT",
  "admin-requests": "ADMIN_REQUEST_LIMIT",
  "reset-email": "RESET_REQUEST_LIMIT",
  "reset-ip": "RATE_LIMITED",
  "proof-ip": "RATE_LIMITED",
  "verify-email": "VERIFY_EMAIL_LIMIT",
  "email-recipient": "VERIFY_EMAIL_LIMIT",
  "email-recipient-day": "VERIFY_EMAIL_LIMIT",
  // Never answered: they only decide whether a notice goes out.
  "pause-notice": "LOGIN_LIMITED",
  "notice-texts": "ACCOUNT_SEND_LIMIT",
};

/** Keys hold keyed hashes, so Redis never sees a phone number, email or address. */
export const limitId = (kind: string, value: string) =>
  keyedHash("limit-key", `${kind}:${value}`);

export function toRefusal(decision: LimitDecision): Refusal | null {
  if (decision.ok) return null;
  const { retryAfterSeconds } = decision;
  return refuse(REFUSALS[decision.by], { retryAfterSeconds });
}

export const limit = (
  name: LimitName,
  id: string,
  max: number,
  windowSeconds: number,
): Limit => ({ name, id, max, windowSeconds });

/**
 * The password step: per account from this address and per address first; only an attempt those
 * let through counts toward the account's cap over every address, so one address alone can never
 * fill it (it would pause the owner's password step too). Two round trips, the second only then.
 * `signedIn`: the password is checked for a person already signed in ("Change password", with its
 * own per-person limit), never paused by the strangers who filled the cap: only the first.
 */
export async function checkLoginLimits(
  email: string,
  addressBucket: string,
  who: "anyone" | "signedIn" = "anyone",
) {
  const s = limitSettings();
  const window = policy.FIFTEEN_MINUTES;
  const limiter = getLoginLimiter();
  const local = await limiter.limit([
    limit(
      "login-account",
      limitId("email-from", `${email}|${addressBucket}`),
      s.loginsPerAccountPer15Min,
      window,
    ),
    limit(
      "login-ip",
      limitId("ip", addressBucket),
      s.loginsPerIpPer15Min,
      window,
    ),
  ]);
  if (!local.ok) return toRefusal(local);
  if (who === "signedIn") return null;
  const all = await limiter.limit([
    limit(
      "login-account-all",
      limitId("email", email),
      s.loginsPerAccountAllAddressesPer15Min,
      window,
    ),
  ]);
  if (all.ok) return null;
  // The account's password step is paused for everyone: its owner is told (lib/notices).
  return { ...toRefusal(all)!, accountPaused: true as const };
}

/**
 * True the first time in a login window that `email`'s paused password step is recorded, false
 * after: one audit row per pause, however many attempts it refuses. Windows align with the login
 * limits', so each pause gets its own.
 */
export async function claimPasswordPause(email: string): Promise<boolean> {
  const id = limitId("pause-record", email);
  const once = limit("pause-notice", id, 1, policy.FIFTEEN_MINUTES);
  return (await getLimiter().consume([once], Date.now())).ok;
}

/**
 * True the first time in a UTC day that a pause of `userId`'s sign-in (its password step, or a
 * client's second factor) asks to tell its owner, false after: one pause notice a day per
 * account, however many pauses a stranger sets off (each would otherwise text the owner).
 */
export async function claimPauseNotice(userId: string): Promise<boolean> {
  const id = limitId("pause-notice", userId);
  const once = limit("pause-notice", id, 1, policy.DAY);
  return (await getLimiter().consume([once], Date.now())).ok;
}

/**
 * Counts one security notice's text to `userId`'s phone against the account's notice texts a day
 * and the day's message budget (texts to verified phones), all or nothing; false when either is
 * full and the text must not go (the email still does). Kept apart from the sign-in sends, so
 * notices a stranger sets off never spend the owner's codes.
 */
export async function claimNoticeText(userId: string): Promise<boolean> {
  const s = limitSettings();
  const decision = await getLimiter().consume(
    [
      limit(
        "notice-texts",
        limitId("notice-texts", userId),
        policy.NOTICE_TEXTS_PER_ACCOUNT_PER_DAY,
        policy.DAY,
      ),
      limit("budget", "all", s.dailyMessageBudget, policy.DAY),
    ],
    Date.now(),
  );
  return decision.ok;
}

/** Work that costs a password hash (sign-up), per address: the password step's address limit. */
export async function checkPasswordAttempts(addressBucket: string) {
  const s = limitSettings();
  return toRefusal(
    await getLoginLimiter().limit([
      limit(
        "login-ip",
        limitId("ip", addressBucket),
        s.loginsPerIpPer15Min,
        policy.FIFTEEN_MINUTES,
      ),
    ]),
  );
}

/** One change on the account page (a factor route), per person: counted whether it succeeds or not. */
export async function checkAccountChanges(userId: string, now = Date.now()) {
  return toRefusal(
    await getLimiter().consume(
      [
        limit(
          "account-changes",
          limitId("account-changes", userId),
          policy.ACCOUNT_CHANGES_PER_HOUR,
          policy.HOUR,
        ),
      ],
      now,
    ),
  );
}

/** One request of an operator in the console (a page or an action), per operator. */
export async function checkAdminRequests(userId: string, now = Date.now()) {
  return toRefusal(
    await getLimiter().consume(
      [
        limit(
          "admin-requests",
          limitId("admin-requests", userId),
          policy.ADMIN_REQUESTS_PER_HOUR,
          policy.HOUR,
        ),
      ],
      now,
    ),
  );
}

/**
 * "Forgot password?": per address asked about and per client address. Counted the same whether
 * the address has an account or not, so a refusal says nothing about it.
 */
export async function checkResetRequestLimits(
  email: string,
  addressBucket: string,
) {
  const s = limitSettings();
  return toRefusal(
    await getLimiter().consume(
      [
        limit(
          "reset-email",
          limitId("reset-email", email),
          s.resetRequestsPerEmailPerHour,
          policy.HOUR,
        ),
        limit(
          "reset-ip",
          limitId("ip", addressBucket),
          s.resetRequestsPerIpPerHour,
          policy.HOUR,
        ),
      ],
      Date.now(),
    ),
  );
}

/** A proof-of-work challenge (it costs a PBKDF2 to make), per client address. */
export async function checkProofChallenges(addressBucket: string) {
  return toRefusal(
    await getLimiter().consume(
      [
        limit(
          "proof-ip",
          limitId("ip", addressBucket),
          limitSettings().proofChallengesPerIpPerHour,
          policy.HOUR,
        ),
      ],
      Date.now(),
    ),
  );
}

/** The per-recipient limits on link emails: counted on the address, whoever's account asks. */
const recipientLimits = (email: string) => {
  const id = limitId("email-recipient", email.trim().toLowerCase());
  return [
    limit(
      "email-recipient",
      id,
      policy.LINK_EMAILS_PER_RECIPIENT_PER_HOUR,
      policy.HOUR,
    ),
    limit(
      "email-recipient-day",
      id,
      policy.LINK_EMAILS_PER_RECIPIENT_PER_DAY,
      policy.DAY,
    ),
  ];
};

/**
 * "Resend verification email" and "Change email", per account; with `recipient`, the address the
 * email goes to is counted in the same round trip (all or nothing).
 */
export async function checkVerificationEmailLimit(
  userId: string,
  recipient?: string,
) {
  return toRefusal(
    await getLimiter().consume(
      [
        limit(
          "verify-email",
          limitId("user", userId),
          policy.VERIFICATION_EMAILS_PER_ACCOUNT_PER_HOUR,
          policy.HOUR,
        ),
        ...(recipient ? recipientLimits(recipient) : []),
      ],
      Date.now(),
    ),
  );
}

/**
 * Counts one link email to `email` against its per-recipient limits; false when they are full and
 * the email must not go. For sends whose refusal the asker must not learn of (it would tell them
 * someone else has been mailing that address), so the caller goes on as if it had sent.
 */
export async function claimRecipientEmail(email: string): Promise<boolean> {
  return (await getLimiter().consume(recipientLimits(email), Date.now())).ok;
}
