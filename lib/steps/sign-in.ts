import "server-only";
import { findAccountByEmail } from "@/lib/account/email";
import { recordEvent } from "@/lib/audit";
import type { StepContext } from "@/lib/context";
import { refuse } from "@/lib/errors";
import { recognizeDevice } from "@/lib/devices/records";
import { acceptedFactors } from "@/lib/factors/records";
import { addressBucket } from "@/lib/limits/address-bucket";
import { checkLoginLimits } from "@/lib/limits/decide";
import { firstChannel } from "@/lib/limits/destination";
import { notifyPasswordPause } from "./notify-password-pause";
import { completeDueRecovery } from "./recover-account";
import { verifyPassword } from "@/lib/password/hash";
import { completeWithDevice } from "./remembered-device";
import { startCodeStep, type FirstSend } from "./start-code-step";

/** A code step started, or (`deviceRemembered`) one already completed by a remembered device. */
export type PasswordStep = FirstSend | (FirstSend & { deviceRemembered: true });

/**
 * The password step. It grants nothing by itself: it starts a challenge bound to this browser and
 * sends a code to the account's verified phone; only the code step leads to a session. An unknown
 * email and a wrong password get the same answer after the same argon2id work. A person with an
 * authenticator app is asked for it first: no text goes out unless they ask for one. A browser
 * remembered for this account (its device token) skips the second factor, never the password,
 * unless the person asks for it (`secondFactor: "required"`) to make a change that needs one.
 */
export async function checkPasswordStep(
  ctx: StepContext,
  input: {
    email: string;
    password: string;
    deviceToken?: string | null;
    secondFactor?: "required";
  },
): Promise<PasswordStep> {
  const { request } = ctx;
  // Before the password is read: a reset or change that lands while it is checked ends this step.
  let openedAt = ctx.now();
  const limited = await checkLoginLimits(
    input.email,
    addressBucket(request.ip),
  );
  if (limited) {
    await notifyPasswordPause(ctx, input.email, limited);
    return limited;
  }
  let user = await findAccountByEmail(input.email);
  const passwordOk = await verifyPassword(
    user?.passwordHash ?? null,
    input.password,
  );
  // A recovery whose waiting period ended completes here, once the password proved it is theirs:
  // the step then goes on with the new phone, opened after what the completion ended.
  const due = user?.recoveryCompletesAt?.getTime() ?? Infinity;
  if (
    user &&
    passwordOk &&
    due <= ctx.now() &&
    (await completeDueRecovery(ctx, user.id))
  ) {
    user = await findAccountByEmail(input.email);
    openedAt = ctx.now();
  }
  const phone = user?.phones[0]?.number;
  if (!user || !passwordOk || !phone) {
    const detail = { step: "password" };
    await recordEvent({
      type: "login_failure",
      userId: user?.id,
      ...request,
      detail,
    });
    return refuse("BAD_CREDENTIALS");
  }
  const account = `user:${user.id}`;
  const deviceToken =
    input.secondFactor === "required" ? null : input.deviceToken;
  if (await recognizeDevice(user.id, deviceToken, ctx.now())) {
    const done = await completeWithDevice(ctx, {
      account,
      userId: user.id,
      phone,
      openedAt,
    });
    if (!done.ok) return done;
    const { challengeId } = done;
    return {
      ok: true,
      challengeId,
      delivery: "none",
      channel: null,
      deviceRemembered: true,
    };
  }
  const channel = firstChannel(phone);
  const factors = await acceptedFactors(user);
  return startCodeStep(ctx, {
    purpose: "login",
    account,
    userId: user.id,
    pending: null,
    phone,
    channel,
    factors,
    openedAt,
  });
}
