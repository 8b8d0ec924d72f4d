import "server-only";
import type { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { readSessionFacts } from "@/lib/auth/sign-in-time";
import {
  NO_REQUEST_FACTS,
  type AccountContext,
  type StepContext,
} from "@/lib/context";
import { makeStepContext } from "@/lib/context/make";
import type { Outcome } from "@/lib/errors";
import { checkAccountChanges } from "@/lib/limits/decide";
import { getEnv } from "@/lib/env";
import { checkSecondFactorAge } from "@/lib/steps/fresh-second-factor";
import { hasBearerSecret } from "./bearer";
import { parseBody } from "./body";
import { apiHandler } from "./handler";
import { fail, ok, refused } from "./reply";
import { requestFacts } from "./request-facts";

// The shapes of an API route (and cronRoute, below, for a scheduler). Each declares what it needs and gets one context (lib/context):
// every guard is in this file, in this order: same origin (apiHandler), the body's schema, then for
// a signed-in route the session, its address when used, the per-account limit it spends, and how
// recently the session passed its second factor. A refusal answers at the first guard that fails.

type Body<S> = S extends z.ZodType ? z.infer<S> : undefined;

/** The per-account limits a signed-in route may spend (lib/limits). */
const ACCOUNT_LIMITS = {
  /** One change on the account page: counted whether it succeeds or not. */
  accountChanges: (userId: string) => checkAccountChanges(userId),
};
export type AccountLimit = keyof typeof ACCOUNT_LIMITS;

export interface PublicNeeds<S> {
  schema?: S;
}

export interface SignedInNeeds<S, E extends boolean> extends PublicNeeds<S> {
  /** The use case uses the person's address: a session without one is not signed in. */
  needsEmail?: E;
  limit?: AccountLimit;
  /** Refused with REAUTH_REQUIRED unless the second factor passed within these minutes. */
  secondFactorWithinMinutes?: number;
}

async function readBody<S>(request: Request, schema: S | undefined) {
  if (!schema) return { data: undefined as Body<S> };
  return parseBody(request, schema as unknown as z.ZodType) as Promise<
    { data: Body<S> } | { reply: Response }
  >;
}

/** A route anyone may call: its body checked, then one context for its use case. */
export function publicRoute<S extends z.ZodType | undefined = undefined>(
  needs: PublicNeeds<S>,
  handle: (ctx: StepContext, body: Body<S>) => Promise<Response>,
) {
  return apiHandler(async (request) => {
    const parsed = await readBody(request, needs.schema);
    if ("reply" in parsed) return parsed.reply;
    return handle(makeStepContext(requestFacts(request)), parsed.data);
  });
}

/** A route for a signed-in person: every guard it declares holds before its use case runs. */
export function signedInRoute<
  S extends z.ZodType | undefined = undefined,
  E extends boolean = false,
>(
  needs: SignedInNeeds<S, E>,
  handle: (
    ctx: AccountContext<E extends true ? string : string | null>,
    body: Body<S>,
  ) => Promise<Response>,
) {
  return apiHandler(async (request) => {
    const parsed = await readBody(request, needs.schema);
    if ("reply" in parsed) return parsed.reply;
    const user = await getSessionUser();
    if (!user) return fail("NOT_SIGNED_IN");
    const email = user.email ?? null;
    if (needs.needsEmail && !email) return fail("NOT_SIGNED_IN");
    if (needs.limit) {
      const limited = await ACCOUNT_LIMITS[needs.limit](user.id);
      if (limited) return refused(limited);
    }
    const ctx = {
      ...makeStepContext(requestFacts(request)),
      user: { id: user.id, email },
      session: await readSessionFacts(),
    } as AccountContext<E extends true ? string : string | null>;
    if (needs.secondFactorWithinMinutes !== undefined) {
      const stale = checkSecondFactorAge(ctx, needs.secondFactorWithinMinutes);
      if (stale) return refused(stale);
    }
    return handle(ctx, parsed.data);
  });
}

/**
 * A route a scheduler calls (Vercel Cron: a GET with `Authorization: Bearer <CRON_SECRET>`), not a
 * browser: refused with 401 unless the header carries CRON_SECRET, and always when it is unset; then
 * one context (no request facts: the caller is no person) for its use case.
 */
export function cronRoute(handle: (ctx: StepContext) => Promise<Response>) {
  return apiHandler(async (request) => {
    const secret = getEnv().cronSecret;
    if (
      !secret ||
      !hasBearerSecret(request.headers.get("authorization"), secret)
    )
      return new Response("Unauthorized", {
        status: 401,
        headers: { "www-authenticate": 'Bearer realm="cron"' },
      });
    return handle(makeStepContext(NO_REQUEST_FACTS));
  });
}

/** The reply to a use case's outcome: its refusal, or `data` picked from its success. */
export function answer<T extends object>(
  outcome: Outcome<T>,
  data: (done: { ok: true } & T) => object = () => ({}),
  init?: ResponseInit,
) {
  return outcome.ok ? ok(data(outcome), init) : refused(outcome);
}

/** Replies that carry a secret (a setup key, recovery codes) are never cached. */
export const NO_STORE = { headers: { "cache-control": "no-store" } };
