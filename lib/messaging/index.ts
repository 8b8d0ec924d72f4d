import "server-only";
import { getEnv, type Env } from "@/lib/env";
import { createOutboxMessenger } from "./outbox";
import { createLazyPlivoMessenger } from "./lazy-plivo";
import type { Messenger } from "./types";

export { MessagingError } from "./types";
export type {
  Messenger,
  MessagingErrorKind,
  OutboxEntry,
  SendReceipt,
} from "./types";

const WARNED = Symbol.for("twostep.messaging.outbox-warned");
type WithFlag = typeof globalThis & { [WARNED]?: boolean };

function warnOutboxInProduction(): void {
  const g = globalThis as WithFlag;
  if (g[WARNED]) return;
  g[WARNED] = true;
  console.warn(
    [
      "",
      "!".repeat(72),
      "!!  MESSAGING=outbox IN PRODUCTION: no SMS or call is really sent.",
      "!!  Codes only appear in the in-memory outbox, read with OUTBOX_TOKEN at",
      "!!  GET /api/dev/outbox. Set MESSAGING=plivo and the PLIVO_* variables",
      "!!  before real users sign up.",
      "!".repeat(72),
      "",
    ].join("\n"),
  );
}

/** The messenger the environment asks for (exported for tests; the app calls getMessenger). */
export function createMessenger(env: Env): Messenger {
  if (env.messaging === "outbox") {
    if (env.production) warnOutboxInProduction();
    return createOutboxMessenger();
  }
  // lib/env refuses to start with MESSAGING=plivo and no credentials; this guards a bypassed env.
  if (!env.plivo)
    throw new Error(
      "Plivo messaging is selected but PLIVO_* is not configured",
    );
  return createLazyPlivoMessenger(env.plivo);
}

let messenger: Messenger | undefined;

export function getMessenger(): Messenger {
  messenger ??= createMessenger(getEnv());
  return messenger;
}

/** True exactly when codes go to the in-memory outbox instead of a provider. */
export function isOutboxActive(): boolean {
  return getMessenger().kind === "outbox";
}
