import type { SignInMethod } from "@/lib/factors/policy";
import type { Mailer } from "@/lib/mail/types";
import type { Messenger } from "@/lib/messaging/types";
import type { ChallengeStore } from "@/lib/store";

// What every use case receives: one context, filled at the edge (lib/context/make.ts for a request,
// test/support/context.ts in tests). It names the ports a step may use, the one clock, and the
// facts of the request; a signed-in step also gets who is asking and how fresh their session is.

/** Who sent a request, for audit rows and per-address limits; the HTTP edge fills it. */
export interface RequestFacts {
  ip: string | null;
  userAgent: string | null;
}

export const NO_REQUEST_FACTS: RequestFacts = { ip: null, userAgent: null };

/** Work the reply does not wait for (lib/runtime/after-reply.ts); a test may hold it to time the reply. */
export type Later = (label: string, task: () => Promise<void>) => Promise<void>;

export interface StepContext {
  store: ChallengeStore;
  messenger: Messenger;
  /** Null when email is not set up (production without SMTP_URL). */
  mailer: Mailer | null;
  appUrl: string;
  later: Later;
  /** The one clock a step reads (epoch ms); rules below it take the time as a value. */
  now: () => number;
  request: RequestFacts;
}

/** Who is signed in; a route that uses the address declares it, and then it is never null. */
export interface SignedInUser<Email extends string | null = string> {
  id: string;
  email: Email;
}

/** This browser's session, as its signed cookie says. */
export interface SessionFacts {
  /** The server-side session id (the sid claim), or null. */
  id: string | null;
  /**
   * When this session passed its second factor (epoch ms), or null when unknown or when it never
   * did: a sign-in on a remembered browser skipped it.
   */
  secondFactorAt: number | null;
  /** How it signed in (the `amr` claim), or null for a cookie issued before the claim existed. */
  signedInWith: SignInMethod | null;
}

/** A step taken by a signed-in person, past the guards its route declares. */
export interface AccountContext<
  Email extends string | null = string | null,
> extends StepContext {
  user: SignedInUser<Email>;
  session: SessionFacts;
}
