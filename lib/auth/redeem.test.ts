import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createAccount } from "@/lib/account";
import { CHALLENGE_COOKIE } from "@/lib/challenge/cookie";
import { createChallenge } from "@/lib/challenge/create";
import { sendCode } from "@/lib/challenge/send";
import { verifyCode } from "@/lib/challenge/verify";
import { closeDb, getDb } from "@/lib/db";
import type { ChallengePurpose } from "@/lib/store/types";
import { getChallengeStore } from "@/lib/store";
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

const cookie = (id: string) => `other=1; ${CHALLENGE_COOKIE}=${id}; theme=dark`;

async function startChallenge(purpose: ChallengePurpose, userId?: string) {
  const store = getChallengeStore();
  const id = await createChallenge(
    store,
    purpose === "login"
      ? { purpose, phone: PHONE, userId }
      : { purpose, phone: PHONE, pending: { email: EMAIL, passwordHash: "h" } },
  );
  const messenger = createRecordingMessenger();
  const sent = await sendCode(
    { store, messenger, appUrl: "https://twostep.example" },
    id,
    "sms",
  );
  expect(sent.ok).toBe(true);
  return { id, code: codeFromSmsText(messenger.sms[0]!.text) };
}

async function enterCode(id: string, code: string) {
  expect(await verifyCode(getChallengeStore(), id, code)).toMatchObject({
    ok: true,
  });
}

async function existingUser() {
  const account = await createAccount({
    email: EMAIL,
    passwordHash: "h",
    phone: PHONE,
  });
  if (!account.ok) throw new Error(account.error);
  return account.userId;
}

describe("redeemSecondFactor", () => {
  it("gives no user without a challenge cookie", async () => {
    expect(await redeemSecondFactor(undefined)).toBeNull();
    expect(await redeemSecondFactor("theme=dark")).toBeNull();
  });

  it("gives no user for an unknown challenge id", async () => {
    expect(await redeemSecondFactor(cookie("x".repeat(43)))).toBeNull();
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
    expect((await verifyCode(getChallengeStore(), id, wrong)).ok).toBe(false);
    expect(await redeemSecondFactor(cookie(id))).toBeNull();
  });

  it("gives no user for a verified signup whose account does not exist yet", async () => {
    const { id, code } = await startChallenge("signup");
    await enterCode(id, code);
    expect(await redeemSecondFactor(cookie(id))).toBeNull();
  });

  it("gives the user of a verified login, once", async () => {
    const userId = await existingUser();
    const { id, code } = await startChallenge("login", userId);
    await enterCode(id, code);
    expect(await redeemSecondFactor(cookie(id))).toEqual({
      id: userId,
      email: EMAIL,
    });
    expect(await redeemSecondFactor(cookie(id))).toBeNull();
  });

  it("gives the new user of a verified signup once the account exists, once", async () => {
    const { id, code } = await startChallenge("signup");
    await enterCode(id, code);
    const userId = await existingUser();
    await getChallengeStore().updateChallenge(id, { userId });
    const redeemed = await Promise.all([
      redeemSecondFactor(cookie(id)),
      redeemSecondFactor(cookie(id)),
    ]);
    expect(redeemed.filter(Boolean)).toEqual([{ id: userId, email: EMAIL }]);
  });

  it("gives no user when the account behind a verified login was deleted", async () => {
    const userId = await existingUser();
    const { id, code } = await startChallenge("login", userId);
    await enterCode(id, code);
    await (await getDb()).user.delete({ where: { id: userId } });
    expect(await redeemSecondFactor(cookie(id))).toBeNull();
  });
});
