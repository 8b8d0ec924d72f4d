import "server-only";
import { forbidden } from "next/navigation";
import { recordEvent } from "@/lib/audit";
import {
  getSessionUser,
  isSessionAdmin,
  requireUser,
} from "@/lib/auth/session";
import { readSessionFacts } from "@/lib/auth/sign-in-time";
import type { AccountContext } from "@/lib/context";
import { makeStepContext } from "@/lib/context/make";
import { ERRORS, type ErrorCode } from "@/lib/errors";
import { checkSecondFactor } from "@/lib/steps/fresh-second-factor";
import { factsFromHeaders } from "./request-facts";
import { CONSOLE_NEEDS, checkSignedInNeeds } from "./routes";

// The pages of the operators' console (app/admin) pass the guards its API declares (CONSOLE_NEEDS)
// and leave the same audit row. Every page under /admin calls openConsole first.

/**
 * Why the console refuses this browser, for the 403 page (app/forbidden.tsx), which renders apart
 * from the page that refused: not an admin (FORBIDDEN), an admin without a fresh passkey
 * (PASSKEY_REQUIRED), else the console's request limit. Spends no limit.
 */
export async function whyConsoleRefuses(): Promise<ErrorCode> {
  const user = await getSessionUser();
  if (!user || !(await isSessionAdmin(user.id))) return "FORBIDDEN";
  const stale = checkSecondFactor(
    { session: await readSessionFacts(), now: Date.now },
    CONSOLE_NEEDS.secondFactor,
  );
  return stale ? stale.error : "ADMIN_REQUEST_LIMIT";
}

/**
 * A signed-out visitor goes to /login and back; anyone else the console refuses gets a 403 page
 * (app/forbidden.tsx, which offers an admin the passkey again). Audits the request either way.
 */
export async function openConsole(
  path: string,
  audit: { action: string; target?: string | null },
): Promise<AccountContext<string | null>> {
  const user = await requireUser(path);
  // A page has no request object: Next's own headers(), loaded by the console's pages only.
  const requestHeaders = await (await import("next/headers")).headers();
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
  if (refusal) forbidden();
  return ctx;
}
