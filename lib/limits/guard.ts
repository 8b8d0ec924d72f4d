import "server-only";
import { CHALLENGE_STATUS } from "@/lib/challenge/reply";
import { ERRORS, type ErrorCode } from "@/lib/errors";
import { fail, requestMeta } from "@/lib/http";
import { keyedHash } from "@/lib/keys";
import { destinationRefusal, type Channel } from "./destination";
import { getLimiter, getLoginLimiter } from "./index";
import * as policy from "./policy";
import { limitSettings } from "./settings";
import type { Limit, LimitDecision, LimitName } from "./types";

// What the API routes call, between parsing and work: each function is at most one limiter
// round trip (limitLogin: one /pipeline request for both of its limits) and answers null (go on) or the reply to send (429/503/422 with Retry-After).

const REFUSALS: Record<LimitName | "lockout", ErrorCode> = {
  phone: "PHONE_SEND_LIMIT",
  account: "ACCOUNT_SEND_LIMIT",
  ip: "RATE_LIMITED",
  budget: "SENDING_PAUSED",
  "login-account": "LOGIN_LIMITED",
  "login-ip": "RATE_LIMITED",
  lockout: "ACCOUNT_LOCKED",
};

/** Keys hold keyed hashes, so Redis never sees a phone number, email or address. */
export const idOf = (kind: string, value: string) =>
  keyedHash("limit-key", `${kind}:${value}`);

function refuse(decision: LimitDecision): Response | null {
  if (decision.ok) return null;
  const code = REFUSALS[decision.by];
  const { retryAfterSeconds } = decision;
  return fail(CHALLENGE_STATUS[code] ?? 429, code, { retryAfterSeconds });
}

/** The password step: per account (the email typed, known or not) and per address. */
export async function limitLogin(request: Request, email: string) {
  const s = limitSettings();
  const ip = requestMeta(request).ip;
  const limits: Limit[] = [
    {
      name: "login-account",
      id: idOf("email", email),
      max: s.loginsPerAccountPer15Min,
      windowSeconds: policy.FIFTEEN_MINUTES,
    },
  ];
  if (ip)
    limits.push({
      name: "login-ip",
      id: idOf("ip", ip),
      max: s.loginsPerIpPer15Min,
      windowSeconds: policy.FIFTEEN_MINUTES,
    });
  return refuse(await getLoginLimiter().limit(limits));
}

export interface SendTarget {
  phone: string;
  /** From accountOf(), or "user:<id>" / "email:<email>" before a challenge exists. */
  account: string;
  channel: Channel;
}

/** Before any code goes out: destination policy, the account's lockout, then the send limits. */
export async function limitSend(request: Request, target: SendTarget) {
  const refusal = destinationRefusal(target.phone, target.channel);
  if (refusal)
    return fail(CHALLENGE_STATUS[refusal] ?? 422, refusal, {
      fields: { phone: ERRORS[refusal] },
    });
  const s = limitSettings();
  const ip = requestMeta(request).ip;
  const account = idOf("account", target.account);
  const hour = policy.HOUR;
  const limits: Limit[] = [
    {
      name: "phone",
      id: idOf("phone", target.phone),
      max: s.sendsPerPhonePerHour,
      windowSeconds: hour,
    },
    {
      name: "account",
      id: account,
      max: s.sendsPerAccountPerHour,
      windowSeconds: hour,
    },
  ];
  if (ip)
    limits.push({
      name: "ip",
      id: idOf("ip", ip),
      max: s.sendsPerIpPerHour,
      windowSeconds: hour,
    });
  limits.push({
    name: "budget",
    id: "all",
    max: s.dailyMessageBudget,
    windowSeconds: policy.DAY,
  });
  return refuse(await getLimiter().consume(limits, account, Date.now()));
}
