import "server-only";
import { headers } from "next/headers";
import { forbidden } from "next/navigation";
import { cache } from "react";
import { recordEvent } from "@/lib/audit";
import { requireUser } from "@/lib/auth/session";
import { readSessionFacts } from "@/lib/auth/sign-in-time";
import type { AccountContext } from "@/lib/context";
import { makeStepContext } from "@/lib/context/make";
import { ERRORS, type ErrorCode } from "@/lib/errors";
import { factsFromHeaders } from "./request-facts";
import { CONSOLE_NEEDS, checkSignedInNeeds } from "./routes";

// The pages of the operators' console (app/admin) pass the guards its API declares (CONSOLE_NEEDS)
// and leave the same audit row. Every page under /admin calls openConsole first.

/** Why this request's console page was refused, for app/forbidden.tsx (one per request). */
export const consoleRefusal = cache(() => ({ code: null as ErrorCode | null }));

/**
 * A signed-out visitor goes to /login and back; anyone else the console refuses gets a 403 page
 * (app/forbidden.tsx, which offers an admin the passkey again). Audits the request either way.
 */
export async function openConsole(
  path: string,
  audit: { action: string; target?: string | null },
): Promise<AccountContext<string | null>> {
  const user = await requireUser(path);
  const requestHeaders = await headers();
  const ctx: AccountContext<string | null> = {
    ...makeStepContext(factsFromHeaders((name) => requestHeaders.get(name))),
    user: { id: user.id, email: user.email ?? null },
    session: await readSessionFacts(),
  };
  const refusal = await checkSignedInNeeds(CONSOLE_NEEDS, ctx);
  await recordEvent({
    type: "admin_request",
    userId: user.id,
    ...ctx.request,
    detail: {
      action: audit.action,
      target: audit.target ?? null,
      reason: null,
      status: refusal ? ERRORS[refusal.error].status : 200,
    },
  });
  if (refusal) {
    consoleRefusal().code = refusal.error;
    forbidden();
  }
  return ctx;
}
