import "server-only";
import type { z } from "zod";
import {
  NO_REQUEST_FACTS,
  type AccountContext,
  type StepContext,
} from "@/lib/context";
import { makeStepContext } from "@/lib/context/make";
import { getEnv } from "@/lib/env";
import { refuse, type Outcome, type Refusal } from "@/lib/errors";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import type { SecondFactorNeed } from "@/lib/steps/fresh-second-factor";
import { hasBearerSecret } from "./bearer";
import { parseBody } from "./body";
import { apiHandler } from "./handler";
import { fail, ok, refused } from "./reply";
import { requestFacts } from "./request-facts";

// The shapes of an API route (and cronRoute, below, for a scheduler). Each declares what it needs
// and gets one context (lib/context):
// every guard is in this file, in this order: same origin (apiHandler), the body's schema, then for
// a signed-in route the session, its address when used, the per-account limit it spends, and how
// recently the session passed its second factor (and by which kind). A refusal answers at the first
// guard that fails. The operators' console (/admin) adds the role, and audits every request.
// What only a signed-in route needs (next-auth's session, the account limits, the role) is loaded
// by the first such request: a public route's cold start, a sign-in step's, never loads it.

const signedInGuards = () =>
  Promise.all([
    import("@/lib/auth/session"),
    import("@/lib/auth/sign-in-time"),
    import("@/lib/limits/decide"),
    import("@/lib/steps/fresh-second-factor"),
    import("@/lib/account/role"),
    import("@/lib/audit"),
  ]).then(([session, signInTime, limits, secondFactor, role, audit]) => ({
    getSessionUser: session.getSessionUser,
    readSessionFacts: signInTime.readSessionFacts,
    checkAccountChanges: limits.checkAccountChanges,
    checkAdminRequests: limits.checkAdminRequests,
    checkSecondFactorAge: secondFactor.checkSecondFactorAge,
    checkSecondFactor: secondFactor.checkSecondFactor,
    isAdmin: role.isAdmin,
    recordEvent: audit.recordEvent,
  }));

type Body<S> = S extends z.ZodType ? z.infer<S> : undefined;

/** The per-account limits a signed-in route may spend (lib/limits). */
const ACCOUNT_LIMITS = {
  /** One change on the account page: counted whether it succeeds or not. */
  accountChanges: async (userId: string) =>
    (await signedInGuards()).checkAccountChanges(userId),
  /** One request in the operators' console, page or action. */
  adminRequests: async (userId: string) =>
    (await signedInGuards()).checkAdminRequests(userId),
};
export type AccountLimit = keyof typeof ACCOUNT_LIMITS;

export interface PublicNeeds<S> {
  schema?: S;
  /**
   * Also takes a plain HTML form's post (urlencoded), for a page's <form> that works before any
   * script (the language picker); the same-origin check holds for it as for any other.
   */
  form?: boolean;
}

export interface SignedInNeeds<S, E extends boolean> extends PublicNeeds<S> {
  /** The use case uses the person's address: a session without one is not signed in. */
  needsEmail?: E;
  limit?: AccountLimit;
  /** Refused with REAUTH_REQUIRED unless the second factor passed within these minutes. */
  secondFactorWithinMinutes?: number;
  /** The second factor's age and, when `kinds` is named, its kind (else PASSKEY_REQUIRED). */
  secondFactor?: SecondFactorNeed;
  /** Refused with FORBIDDEN unless the account holds this role now (read on every request). */
  role?: "admin";
}

/**
 * The operators' console, pages and API alike: an admin whose second factor was a passkey in the
 * last 10 minutes (phishing-resistant, for the accounts that can do the most harm), within the
 * console's own request limit.
 */
export const CONSOLE_NEEDS = {
  role: "admin",
  limit: "adminRequests",
  secondFactor: {
    withinMinutes: FRESH_SECOND_FACTOR_MINUTES,
    kinds: ["passkey"],
  },
} as const satisfies SignedInNeeds<undefined, false>;

/** The guards past the session, in order: the role, the limit, the second factor. */
export async function checkSignedInNeeds(
  needs: Pick<
    SignedInNeeds<unknown, boolean>,
    "role" | "limit" | "secondFactorWithinMinutes" | "secondFactor"
  >,
  ctx: Pick<AccountContext, "user" | "session" | "now">,
): Promise<Refusal | null> {
  const { isAdmin, checkSecondFactorAge, checkSecondFactor } =
    await signedInGuards();
  if (needs.role === "admin" && !(await isAdmin(ctx.user.id)))
    return refuse("FORBIDDEN");
  if (needs.limit) {
    const limited = await ACCOUNT_LIMITS[needs.limit](ctx.user.id);
    if (limited) return limited;
  }
  if (needs.secondFactorWithinMinutes !== undefined) {
    const stale = checkSecondFactorAge(ctx, needs.secondFactorWithinMinutes);
    if (stale) return stale;
  }
  return needs.secondFactor ? checkSecondFactor(ctx, needs.secondFactor) : null;
}

async function readBody<S>(
  request: Request,
  schema: S | undefined,
  form = false,
) {
  if (!schema) return { data: undefined as Body<S> };
  return parseBody(request, schema as unknown as z.ZodType, {
    form,
  }) as Promise<{ data: Body<S> } | { reply: Response }>;
}

/** A route anyone may call: its body checked, then one context for its use case. */
export function publicRoute<S extends z.ZodType | undefined = undefined>(
  needs: PublicNeeds<S>,
  handle: (ctx: StepContext, body: Body<S>) => Promise<Response>,
) {
  return apiHandler(async (request) => {
    const parsed = await readBody(request, needs.schema, needs.form);
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
    const parsed = await readBody(request, needs.schema, needs.form);
    if ("reply" in parsed) return parsed.reply;
    const { getSessionUser, readSessionFacts } = await signedInGuards();
    const user = await getSessionUser();
    if (!user) return fail("NOT_SIGNED_IN");
    const email = user.email ?? null;
    if (needs.needsEmail && !email) return fail("NOT_SIGNED_IN");
    const ctx = {
      ...makeStepContext(requestFacts(request)),
      user: { id: user.id, email },
      session: await readSessionFacts(),
    } as AccountContext<E extends true ? string : string | null>;
    const refusal = await checkSignedInNeeds(needs, ctx);
    if (refusal) return refused(refusal);
    return handle(ctx, parsed.data);
  });
}

/** What every console request names, so its audit row says whom it was about and why. */
export interface ConsoleBody {
  userId?: string;
  reason?: string;
}

/**
 * A route of the operators' console: CONSOLE_NEEDS, then its use case; every request of a signed-in
 * person, let through or refused, leaves an admin_request row: who, what (`action`), whom, the
 * reason typed, and the status answered.
 */
export function consoleRoute<S extends z.ZodType<ConsoleBody>>(
  needs: {
    schema: S;
    action: string;
    /** What the request is about when it is no account (a breaker's scope); else `userId`. */
    target?: (body: z.infer<S>) => string;
  },
  handle: (ctx: AccountContext, body: z.infer<S>) => Promise<Response>,
) {
  return signedInRoute<S, false>(
    { schema: needs.schema },
    async (ctx, body: Body<S>) => {
      const refusal = await checkSignedInNeeds(CONSOLE_NEEDS, ctx);
      const reply = refusal
        ? refused(refusal)
        : await handle(ctx, body as z.infer<S>);
      const { userId, reason } = body as ConsoleBody;
      await (
        await signedInGuards()
      ).recordEvent({
        type: "admin_request",
        userId: ctx.user.id,
        ...ctx.request,
        detail: {
          action: needs.action,
          target: needs.target?.(body as z.infer<S>) ?? userId ?? null,
          reason: reason ?? null,
          status: reply.status,
        },
      });
      return reply;
    },
  );
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
