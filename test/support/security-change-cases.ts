import { randomBytes, randomUUID } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { expect } from "vitest";
import { findVerifiedPhone } from "@/lib/account/phone";
import { checkCode, settleFactor } from "@/lib/challenge/verify";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import { newChallengeId } from "@/lib/challenge/id";
import type { AccountContext } from "@/lib/context";
import { getDb } from "@/lib/db";
import { listOutbox } from "@/lib/messaging/outbox";
import { listPasskeys, savePasskey } from "@/lib/factors/passkey-records";
import { checkLoginLimits } from "@/lib/limits/decide";
import { LOGINS_PER_ACCOUNT_PER_15_MIN } from "@/lib/limits/policy";
import type { SecurityChange } from "@/lib/security-changes/table";
import { markDeletionDue } from "@/lib/account/lifecycle";
import { startSession } from "@/lib/sessions";
import { changePassword } from "@/lib/steps/change-password";
import {
  cancelDeletionBySignIn,
  requestAccountDeletion,
} from "@/lib/steps/delete-account";
import { lockDownFromAccount } from "@/lib/steps/lock-down";
import { cancelEmailChange } from "@/lib/steps/cancel-email-change";
import {
  confirmEmailChange,
  requestEmailChange,
} from "@/lib/steps/change-email";
import { startPhoneChange } from "@/lib/steps/change-phone";
import { confirmPhoneChange } from "@/lib/steps/confirm-phone-change";
import { generateRecoveryCodeSet } from "@/lib/steps/generate-recovery-codes";
import {
  finishAddingPasskey,
  removePasskey,
  startAddingPasskey,
} from "@/lib/steps/manage-passkeys";
import {
  sessionHandle,
  signOutDevice,
  signOutEverywhereElse,
} from "@/lib/steps/manage-sessions";
import {
  askRecovery,
  cancelRecoveryByLink,
  completeDueRecovery,
  confirmRecoveryPhone,
  startRecoveryPhone,
} from "@/lib/steps/recover-account";
import { finishPasswordReset } from "@/lib/steps/reset-password";
import {
  removeAuthenticator,
  startAuthenticatorSetup,
  turnOnAuthenticator,
} from "@/lib/steps/set-up-authenticator";
import {
  endAllSessions,
  removeFactor,
  switchOff,
  switchOn,
  unlockAccount,
} from "@/lib/steps/console-actions";
import { checkPasswordStep } from "@/lib/steps/sign-in";
import { chooseTextCodes } from "@/lib/steps/text-codes";
import { startCodeStep } from "@/lib/steps/start-code-step";
import { verifyFactorStep } from "@/lib/steps/verify-factor";
import {
  confirmEmail,
  refuseSignUp,
  sendVerificationEmail,
} from "@/lib/steps/verify-email";
import { purgeUnconfirmedAccounts } from "@/lib/steps/unconfirmed-accounts";
import type { ChallengeFactor } from "@/lib/store";
import { createTestAccount } from "./accounts";
import { accountContext } from "./context";
import { codeFromSmsText, type RecordingMessenger } from "./messenger";
import { randomMobile } from "./phones";
import { softwarePasskey } from "./software-authenticator";

// Each security change made through its real use case, for the table's test
// (test/security-changes.test.ts): `prepare` puts the account in the state the change needs,
// before anything else is observed (only this browser's session is already signed in, so an
// email change can be asked for by it); `make` is the change.

export const PASSWORD = "a long enough password";
const NEW_PASSWORD = "a brand new passphrase 7q";
const HOUR = 3_600_000;

export type As = AccountContext<string> & { messenger: RecordingMessenger };

export interface ChangeCase {
  /** Answers what `make` needs of it (the recovery codes to use, say). */
  prepare?: (ctx: As) => Promise<unknown>;
  make: (ctx: As, prepared: unknown) => Promise<unknown>;
}

const lastCode = (ctx: As) => codeFromSmsText(ctx.messenger.sms.at(-1)!.text);

async function withAuthenticator(ctx: As) {
  const setup = await startAuthenticatorSetup(ctx);
  if (!setup.ok) throw new Error(setup.error);
  const secret = Secret.fromBase32(setup.setupKey.replace(/\s/g, ""));
  return turnOnAuthenticator(ctx, TOTP.generate({ secret }));
}

/** An authenticator app and recovery codes: what turning text-message codes off needs. */
async function withStrongerFactors(ctx: As) {
  const app = await withAuthenticator(ctx);
  if (!app.ok) throw new Error(app.error);
  const set = await generateRecoveryCodeSet(ctx);
  if (!set.ok) throw new Error(set.error);
}

async function openChallenge(ctx: As, factors: ChallengeFactor[], at: number) {
  const id = newChallengeId("login", `user:${ctx.user.id}`);
  const opened = await ctx.store.startChallenge(
    {
      id,
      purpose: "login",
      userId: ctx.user.id,
      pendingEmail: null,
      pendingPasswordHash: null,
      phone: "+33612345678",
      createdAt: at,
      factors,
    },
    CHALLENGE_TTL_SECONDS,
    null,
  );
  if (!opened.ok) throw new Error(opened.reason);
  return id;
}

/** A sign-in in progress whose second factor passed, waiting only to be redeemed: its id. */
export async function passedSignIn(ctx: As) {
  const id = await openChallenge(ctx, ["device"], Date.now());
  const settled = await settleFactor(ctx.store, id, "device", Date.now());
  if (!settled.ok) throw new Error(settled.error);
  return id;
}

/**
 * "Lost your phone and codes?" from a sign-in's code step, through the link to the verified address
 * and a new phone's code: the waiting period has begun. The cancel link's token.
 */
export async function startedRecovery(ctx: As) {
  const signIn = await openChallenge(ctx, ["phone"], Date.now());
  const asked = await askRecovery(ctx, signIn);
  if (!asked.ok) throw new Error(asked.error);
  const token = listOutbox(ctx.user.email)[0]!.text.match(
    /\/recover#token=([\w-]{43})/,
  )![1]!;
  const phone = await startRecoveryPhone(ctx, {
    token,
    phone: randomMobile("+3368"),
  });
  if (!phone.ok) throw new Error(phone.error);
  const confirmed = await confirmRecoveryPhone(ctx, {
    token,
    challengeId: phone.challengeId,
    code: lastCode(ctx),
  });
  if (!confirmed.ok) throw new Error(confirmed.error);
  return listOutbox(ctx.user.email)[0]!.text.match(
    /\/recover\/cancel#token=([\w-]+)/,
  )![1]!;
}

/** `rounds` sign-ins of five wrong authenticator codes each, each after the pause before it. */
async function wrongCodes(ctx: As, rounds: number) {
  let now = Date.now();
  let last;
  for (let round = 0; round < rounds; round++) {
    now += 2 * HOUR;
    const id = await openChallenge(ctx, ["phone", "totp"], now);
    for (let i = 0; i < 5; i++) {
      now += 2 * HOUR;
      const at = now;
      last = await verifyFactorStep({ ...ctx, now: () => at }, id, "totp", "x");
    }
  }
  return last;
}

/** The account as sign-up leaves it: its address not proven yet. */
async function unverified(ctx: As) {
  await (
    await getDb()
  ).user.update({
    where: { id: ctx.user.id },
    data: { emailVerifiedAt: null, verifiedEmail: null },
  });
}

/** The newest link of `path` mailed to `email`: its token. */
const mailedToken = (email: string, path: string) =>
  listOutbox(email)
    .map((m) => m.text.match(new RegExp(`${path}#token=([\\w-]{43})`))?.[1])
    .find(Boolean)!;

/** An operator in the console, past its guards, acting on `ctx`'s account with a reason. */
async function asOperator(ctx: As) {
  const operator = await createTestAccount({
    email: `op-${randomUUID()}@example.com`,
    phone: randomMobile("+3368"),
  });
  const op = accountContext(operator, {
    messenger: ctx.messenger,
    appUrl: ctx.appUrl,
    request: ctx.request,
    signedInWith: "passkey",
  });
  return {
    op,
    on: { userId: ctx.user.id, reason: "Ticket 4711: the owner called" },
  };
}

export const CASES: Record<SecurityChange, ChangeCase> = {
  password_changed: {
    make: (ctx) =>
      changePassword(ctx, {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
      }),
  },
  password_reset: {
    async make(ctx) {
      const started = await startCodeStep(ctx, {
        purpose: "reset",
        account: `user:${ctx.user.id}`,
        userId: ctx.user.id,
        pending: null,
        phone: (await findVerifiedPhone(ctx.user.id))!,
      });
      if (!started.ok) throw new Error(started.error);
      const id = started.challengeId;
      expect((await checkCode(ctx.store, id, lastCode(ctx))).ok).toBe(true);
      return finishPasswordReset(ctx, id, NEW_PASSWORD);
    },
  },
  phone_changed: {
    async make(ctx) {
      const started = await startPhoneChange(ctx, randomMobile("+3367"));
      if (!started.ok) throw new Error(started.error);
      return confirmPhoneChange(ctx, started.challengeId, lastCode(ctx));
    },
  },
  email_changed: {
    async prepare(ctx) {
      const to = `new-${randomBytes(6).toString("hex")}@example.com`;
      expect((await requestEmailChange(ctx, to)).ok).toBe(true);
      return listOutbox(to)[0]!.text.match(/#token=([\w-]{43})/)![1]!;
    },
    make: (ctx, token) => confirmEmailChange(ctx, token as string),
  },
  email_change_requested: {
    make: (ctx) =>
      requestEmailChange(
        ctx,
        `new-${randomBytes(6).toString("hex")}@example.com`,
      ),
  },
  email_change_cancelled: { make: cancelEmailChange },
  authenticator_added: { make: withAuthenticator },
  authenticator_removed: {
    prepare: withAuthenticator,
    make: removeAuthenticator,
  },
  passkey_added: {
    async make(ctx) {
      const start = await startAddingPasskey(ctx);
      if (!start.ok) throw new Error(start.error);
      const response = softwarePasskey().register(start.options, ctx.appUrl);
      return finishAddingPasskey(ctx, { name: "Laptop", response });
    },
  },
  passkey_removed: {
    prepare: (ctx) =>
      savePasskey(ctx.user.id, "Laptop", {
        credentialId: randomBytes(16).toString("base64url"),
        publicKey: new Uint8Array([1]),
        counter: 0,
        transports: [],
      }),
    async make(ctx) {
      const [row] = await listPasskeys(ctx.user.id);
      return removePasskey(ctx, row!.factorId);
    },
  },
  recovery_codes_generated: { make: generateRecoveryCodeSet },
  recovery_code_used: {
    async prepare(ctx) {
      const set = await generateRecoveryCodeSet(ctx);
      if (!set.ok) throw new Error(set.error);
      return set.codes[0]!;
    },
    async make(ctx, code) {
      const id = await openChallenge(ctx, ["phone", "recovery"], Date.now());
      return verifyFactorStep(ctx, id, "recovery", code as string);
    },
  },
  text_codes_turned_off: {
    prepare: withStrongerFactors,
    make: (ctx) => chooseTextCodes(ctx, true),
  },
  text_codes_turned_on: {
    async prepare(ctx) {
      await withStrongerFactors(ctx);
      const off = await chooseTextCodes(ctx, true);
      if (!off.ok) throw new Error(off.error);
    },
    make: (ctx) => chooseTextCodes(ctx, false),
  },
  signed_out_everywhere_else: { make: signOutEverywhereElse },
  signed_out_device: {
    async make(ctx) {
      const third = await startSession(ctx.user.id);
      return signOutDevice(ctx, sessionHandle(third.id));
    },
  },
  challenge_locked: { make: (ctx) => wrongCodes(ctx, 1) },
  account_locked: { make: (ctx) => wrongCodes(ctx, 2) },
  account_disabled: { make: (ctx) => wrongCodes(ctx, 20) },
  signup_refused: {
    async prepare(ctx) {
      await unverified(ctx);
      await sendVerificationEmail(ctx, ctx.user, true);
      return mailedToken(ctx.user.email, "/verify-email/refuse");
    },
    make: (ctx, token) => refuseSignUp(ctx, token as string),
  },
  address_proven_elsewhere: {
    async prepare(ctx) {
      await unverified(ctx);
      const owner = await createTestAccount({
        email: ctx.user.email,
        phone: randomMobile("+3368"),
      });
      const as = accountContext(owner, { appUrl: ctx.appUrl });
      await sendVerificationEmail(as, owner, true);
      return { as, token: mailedToken(owner.email, "/verify-email") };
    },
    make(_, prepared) {
      const { as, token } = prepared as {
        as: AccountContext<string>;
        token: string;
      };
      return confirmEmail(as, token);
    },
  },
  unconfirmed_account_expired: {
    prepare: unverified,
    make: (ctx) =>
      purgeUnconfirmedAccounts({
        ...ctx,
        now: () => Date.now() + 8 * 24 * HOUR,
      }),
  },
  locked_down: { make: lockDownFromAccount },
  deletion_requested: {
    make: (ctx) => requestAccountDeletion(ctx, { email: ctx.user.email }),
  },
  deletion_cancelled: {
    prepare: (ctx) =>
      markDeletionDue(ctx.user.id, new Date(Date.now() + 24 * HOUR)),
    make: (ctx) => cancelDeletionBySignIn(ctx, ctx.user.id),
  },
  recovery_started: {
    make: startedRecovery,
  },
  recovery_cancelled: {
    prepare: startedRecovery,
    make: (ctx, token) => cancelRecoveryByLink(ctx, token as string),
  },
  recovery_completed: {
    prepare: startedRecovery,
    make: async (ctx) => {
      const later = Date.now() + 73 * HOUR;
      expect(
        await completeDueRecovery({ ...ctx, now: () => later }, ctx.user.id),
      ).toBe(true);
    },
  },
  password_attempts_paused: {
    async make(ctx) {
      const prefix = `198.51.${randomBytes(1)[0]}`;
      for (let a = 0; a < 10; a++)
        for (let i = 0; i < LOGINS_PER_ACCOUNT_PER_15_MIN; i++)
          await checkLoginLimits(ctx.user.email, `${prefix}.${a}`);
      return checkPasswordStep(ctx, {
        email: ctx.user.email,
        password: PASSWORD,
      });
    },
  },
  support_unlocked: {
    async make(ctx) {
      await wrongCodes(ctx, 2);
      const { op, on } = await asOperator(ctx);
      return unlockAccount(op, on);
    },
  },
  support_ended_sessions: {
    async make(ctx) {
      const { op, on } = await asOperator(ctx);
      return endAllSessions(op, on);
    },
  },
  support_removed_factor: {
    prepare: withAuthenticator,
    async make(ctx) {
      const { op, on } = await asOperator(ctx);
      const app = await (
        await getDb()
      ).factor.findFirstOrThrow({
        where: { userId: ctx.user.id, kind: "totp" },
      });
      return removeFactor(op, { ...on, factorId: app.id });
    },
  },
  support_switched_off: {
    async make(ctx) {
      const { op, on } = await asOperator(ctx);
      return switchOff(op, on);
    },
  },
  support_switched_on: {
    // Off as the console leaves it, without its consequences, which would end this session first.
    prepare: async (ctx) =>
      (await getDb()).user.update({
        where: { id: ctx.user.id },
        data: { switchedOffAt: new Date(), switchedOffReason: "Abuse" },
      }),
    async make(ctx) {
      const { op, on } = await asOperator(ctx);
      return switchOn(op, on);
    },
  },
};
