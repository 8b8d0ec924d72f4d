import "server-only";
import {
  isBrowserToken,
  newBrowserToken,
  noteBrowser,
} from "@/lib/devices/known-browsers";
import type { RequestFacts, StepContext } from "@/lib/context";
import { NOTICES } from "./catalogue";
import { notifyAccount, type NoticeContext } from "./notify";

export interface CompletedSignIn {
  userId: string;
  /** How the challenge started: the sign-in right after sign-up meets the account's first browser. */
  purpose: string;
  /** What passed the second factor: "device" is a remembered browser, known by definition. */
  verifiedBy: string | null;
  /** The browser's token from its cookie, if it sent a well-formed one. */
  browserToken: string | null;
  request: RequestFacts;
}

/**
 * A sign-in passed its second factor: notes the browser for the account and emails a notice
 * (device, address, time) when the account had never signed in there. Returns the token for the
 * browser's cookie (a new one for a browser that had none) and whether it was new. Noting or
 * telling may fail; the sign-in goes on (newDevice false), with the failure logged.
 */
export async function noteSignInBrowser(
  ctx: NoticeContext & Pick<StepContext, "now">,
  s: CompletedSignIn,
): Promise<{ browserToken: string; newDevice: boolean }> {
  const now = ctx.now();
  const browserToken = isBrowserToken(s.browserToken)
    ? s.browserToken!
    : newBrowserToken();
  try {
    const unseen = await noteBrowser(s.userId, browserToken, now);
    const newDevice =
      unseen && s.purpose !== "signup" && s.verifiedBy !== "device";
    if (newDevice) {
      const place = {
        userAgent: s.request.userAgent,
        ip: s.request.ip,
        at: new Date(now),
      };
      await notifyAccount(ctx, s.userId, NOTICES.newSignIn(place));
    }
    return { browserToken, newDevice };
  } catch (error) {
    console.error("new sign-in notice: %s", (error as Error).message);
    return { browserToken, newDevice: false };
  }
}
