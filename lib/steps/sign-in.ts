import "server-only";
import { findLoginUser } from "@/lib/account";
import { recordEvent } from "@/lib/audit";
import type { SendDeps } from "@/lib/challenge/send";
import { refuse } from "@/lib/errors";
import { addressBucket, type RequestMeta } from "@/lib/http/request-meta";
import { acceptedFactors } from "@/lib/factors/records";
import { checkLoginLimits } from "@/lib/limits/decide";
import { firstChannel } from "@/lib/limits/destination";
import { verifyPassword } from "@/lib/password";
import { startCodeStep, type FirstSend } from "./start-code-step";

/**
 * The password step. It grants nothing by itself: it starts a challenge bound to this browser and
 * sends a code to the account's verified phone; only the code step leads to a session. An unknown
 * email and a wrong password get the same answer after the same argon2id work. A person with an
 * authenticator app is asked for it first: no text goes out unless they ask for one.
 */
export async function checkPasswordStep(
  deps: SendDeps,
  input: { email: string; password: string },
  meta: RequestMeta,
): Promise<FirstSend> {
  const limited = await checkLoginLimits(input.email, addressBucket(meta.ip));
  if (limited) return limited;
  const user = await findLoginUser(input.email);
  const passwordOk = await verifyPassword(
    user?.passwordHash ?? null,
    input.password,
  );
  const phone = user?.phones[0]?.number;
  if (!user || !passwordOk || !phone) {
    const detail = { step: "password" };
    await recordEvent({
      type: "login_failure",
      userId: user?.id,
      ...meta,
      detail,
    });
    return refuse("BAD_CREDENTIALS");
  }
  const channel = firstChannel(phone);
  const factors = await acceptedFactors(user.id);
  return startCodeStep(
    deps,
    {
      purpose: "login",
      account: `user:${user.id}`,
      userId: user.id,
      pending: null,
      phone,
      channel,
      factors,
    },
    meta,
  );
}
