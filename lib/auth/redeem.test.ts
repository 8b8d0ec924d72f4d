import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { newChallengeId } from "@/lib/challenge/id";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import { sendCode } from "@/lib/challenge/send";
import { checkCode } from "@/lib/challenge/verify";
import { closeDb, getDb } from "@/lib/db";
import { challengeCookieName } from "@/lib/http/challenge-cookie";
import type { ChallengePurpose } from "@/lib/store/types";
import { getChallengeStore } from "@/lib/store";
import { createTestAccount } from "@/test/support/accounts";
import { resetTables } from "@/test/support/db";
import {
  codeFromSmsText,
  createRecordingMessenger,
} from "@/test/support/messenger";
import { redeemSecondFactor } from "./redeem";

// "No session before the second factor": next-auth's authorize() only ever sees what this returns.

const PHONE = "+14155550132";
const EMAIL = "ada@example.com";

beforeEach(() => resetTables());
afterAll(async () => closeDb(await getDb()));

const cookie = (id: string) =>
  `other=1; ${challengeCookieName()}=${id}; theme=dark`;

/** A challenge with its first code sent, as sign-up and the password step start one. */
async function startChallenge(purpose: ChallengePurpose, userId?: string) {
  const store = getChallengeStore();
  const login = purpose === "login";
  const id = newChallengeId(
    purpose,
    login ? `user:${userId}` : `email:${EMAIL}`,
  );
  const challenge = {
    id,
    purpose,
    userId: login ? (userId ?? null) : null,
    pendingEmail: login ? null : EMAIL,
    pendingPasswordHash: login ? null : "h",
    phone: PHONE,
    createdAt: Date.now(),
  };
  const messenger = createRecordingMessenger();
  const sent = await sendCode(
    { store, messenger, appUrl: "https://twostep.example", now: Date.now },
    {
      id,
      channel: "sms",
      issue: (req) =>
        store.startChallenge(challenge, CHALLENGE_TTL_SECONDS, req),
      admit: async () => null,
    },
  );
  expect(sent.ok).toBe(true);
  return { id, code: codeFromSmsText(messenger.sms[0]!.text) };
}

async function enterCode(id: string, code: string) {
  expect(await checkCode(getChallengeStore(), id, code)).toMatchObject({
    ok: true,
  });
}

async function existingUser() {
  const account = await createTestAccount({ email: EMAIL, phone: PHONE });
  return account.id;
}

describe("redeemSecondFactor", () => {
  it("gives no user without a challenge cookie", async () => {
    expect(await redeemSecondFactor(undefined)).toBeNull();
    expect(await redeemSecondFactor("theme=dark")).toBeNull();
  });

  it("gives no user for an unknown challenge id", async () => {
    expect(await redeemSecondFactor(cookie("x".repeat(43)))).toBeNull();
    // Well formed, but no such challenge in the store.
    expect(
      await redeemSecondFactor(cookie(newChallengeId("login", "user:nobody"))),
    ).toBeNull();
  });

  it("gives no user while the code has not been entered", async () => {
    const userId = await existingUser();
    const { id } = await startChallenge("login", userId);
    expect(await redeemSecondFactor(cookie(id))).toBeNull();
  });

  it("gives no user after a wrong code", async () => {
    const userId = await existingUser();
    const { id, code } = await startChallenge("login", userId);
    const wrong = code === "000000" ? "000001" : "000000";
    expect((await checkCode(getChallengeStore(), id, wrong)).ok).toBe(false);
    expect(await redeemSecondFactor(cookie(id))).toBeNull();
  });

  it("gives no user for a verified signup whose account does not exist yet", async () => {
    const { id, code } = await startChallenge("signup");
    await enterCode(id, code);
    expect(await redeemSecondFactor(cookie(id))).toBeNull();
  });

  it("gives the user of a verified login, once, with how they signed in", async () => {
    const userId = await existingUser();
    const { id, code } = await startChallenge("login", userId);
    await enterCode(id, code);
    expect(await redeemSecondFactor(cookie(id))).toEqual({
      id: userId,
      email: EMAIL,
      amr: "phone",
    });
    expect(await redeemSecondFactor(cookie(id))).toBeNull();
  });

  it("gives the new user of a verified signup once the account exists, once", async () => {
    const { id, code } = await startChallenge("signup");
    await enterCode(id, code);
    const userId = await existingUser();
    await getChallengeStore().setUserId(id, userId);
    const redeemed = await Promise.all([
      redeemSecondFactor(cookie(id)),
      redeemSecondFactor(cookie(id)),
    ]);
    expect(redeemed.filter(Boolean)).toEqual([
      { id: userId, email: EMAIL, amr: "phone" },
    ]);
  });

  it("gives no user when the account behind a verified login was deleted", async () => {
    const userId = await existingUser();
    const { id, code } = await startChallenge("login", userId);
    await enterCode(id, code);
    await (await getDb()).user.delete({ where: { id: userId } });
    expect(await redeemSecondFactor(cookie(id))).toBeNull();
  });

  it("gives no user for an account an operator switched off, whichever factor passed (a passkey alone skips the password step)", async () => {
    const userId = await existingUser();
    const { id, code } = await startChallenge("login", userId);
    await enterCode(id, code);
    await (
      await getDb()
    ).user.update({
      where: { id: userId },
      data: { switchedOffAt: new Date(), switchedOffReason: "abuse" },
    });
    expect(await redeemSecondFactor(cookie(id))).toBeNull();
  });
});
