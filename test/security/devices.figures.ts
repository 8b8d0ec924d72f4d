import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "@/lib/account/records";
import { closeDb, getDb } from "@/lib/db";
import {
  forgetDevice,
  rememberDevice,
  recognizeDevice,
} from "@/lib/devices/records";
import { DEVICE_TOKEN_BYTES } from "@/lib/devices/policy";
import { hashPassword } from "@/lib/password/hash";
import { generateRecoveryCodeSet } from "@/lib/steps/generate-recovery-codes";
import { checkPasswordStep } from "@/lib/steps/sign-in";
import type { ChallengeStore } from "@/lib/store/types";
import { accountContext, testContext } from "@/test/support/context";
import { createRecordingMessenger } from "@/test/support/messenger";
import { startTestUpstashStore } from "@/test/support/redis";
import { randomMobile } from "@/test/support/phones";
import { recordExact } from "./figures";

// Remembered devices, attacked through the real password step over the Upstash store on the real
// Redis and Postgres: a device token skips the second factor only for its owner, only while it
// lives, never after it was forgotten or a factor changed, and never without the password.

const SECTION = "devices";
const TRIALS = 5;
const PASSWORD = "a long enough password";

let server: Awaited<ReturnType<typeof startTestUpstashStore>>["server"];
let store: ChallengeStore;
const messenger = createRecordingMessenger();
const deps = () =>
  testContext({ store, messenger, appUrl: "https://twostep.example" });
/** A fresh documentation address per attempt, so no address limit is shared with other figures. */
const meta = () => ({
  ip: `198.51.${randomInt(256)}.${randomInt(256)}`,
  userAgent: "figures",
});

beforeAll(async () => {
  ({ server, store } = await startTestUpstashStore("device-figures"));
});
afterAll(async () => {
  await server.close();
  await closeDb(await getDb());
});

async function rememberedPerson() {
  const phone = randomMobile("+3362");
  const email = `device${randomInt(1e12)}@example.com`;
  const passwordHash = await hashPassword(PASSWORD);
  const account = await createAccount({ email, passwordHash, phone });
  if (!account.ok) throw new Error(account.error);
  const { token } = await rememberDevice(account.userId, meta());
  return { id: account.userId, email, token };
}

/** How many of `TRIALS` password steps skipped the second factor. */
async function skipped(
  email: string,
  deviceToken: string,
  password = PASSWORD,
): Promise<number> {
  let n = 0;
  for (let i = 0; i < TRIALS; i++) {
    const step = await checkPasswordStep(
      { ...deps(), request: meta() },
      { email, password, deviceToken },
    );
    if (step.ok && "deviceRemembered" in step) n++;
  }
  return n;
}

describe("remembered devices", () => {
  it("skip the second factor only for their owner, while live, with the password", async () => {
    const owner = await rememberedPerson();
    const stranger = await rememberedPerson();
    const rows: [string, number, number][] = [
      ["own live token", await skipped(owner.email, owner.token), TRIALS],
      [
        "own token, wrong password",
        await skipped(owner.email, owner.token, "a wrong password!"),
        0,
      ],
      ["another person's token", await skipped(stranger.email, owner.token), 0],
    ];
    const db = await getDb();
    const [device] = await db.rememberedDevice.findMany({
      where: { userId: owner.id },
    });
    await forgetDevice(owner.id, device!.id);
    rows.push([
      "token replayed after Forget",
      await skipped(owner.email, owner.token),
      0,
    ]);
    await db.rememberedDevice.updateMany({
      where: { userId: stranger.id },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    rows.push([
      "expired token",
      await skipped(stranger.email, stranger.token),
      0,
    ]);
    const changed = await rememberedPerson();
    // A change of factors as the account page makes it (its security-change row forgets devices).
    await generateRecoveryCodeSet(accountContext(changed, { ...deps() }));
    rows.push([
      "token after a factor change",
      await skipped(changed.email, changed.token),
      0,
    ]);
    for (const [what, value, expected] of rows)
      recordExact(
        SECTION,
        `${what}: password steps without a second factor (of ${TRIALS})`,
        value,
        expected,
      );
    recordExact(SECTION, "device token bits", DEVICE_TOKEN_BYTES * 8, 256);
    expect(rows.map(([, v]) => v)).toEqual(rows.map(([, , e]) => e));
    expect(await recognizeDevice(owner.id, "not-a-token")).toBe(false);
  });
});
