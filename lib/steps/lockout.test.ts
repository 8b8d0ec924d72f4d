import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { challengeAccountOf, newChallengeId } from "@/lib/challenge/id";
import { FAILURE_POLICY } from "@/lib/challenge/verify";
import { closeDb, getDb } from "@/lib/db";
import { createEmbeddedStore } from "@/lib/store/embedded";
import { createTestAccount } from "@/test/support/accounts";
import { resetTables } from "@/test/support/db";
import { randomMobile } from "@/test/support/phones";
import { liftLockout, readLockout } from "./lockout";

// The one place a recovery or an operator reads and lifts what wrong answers did to an account.

beforeAll(() => resetTables());
afterAll(async () => closeDb(await getDb()));

describe("readLockout and liftLockout", () => {
  it("read codes switched off and clients paused, then lift both, with an audit row", async () => {
    const store = createEmbeddedStore();
    const ctx = {
      store,
      now: Date.now,
      request: { ip: "198.51.100.40", userAgent: "vitest" },
    };
    const person = await createTestAccount({
      email: `locked-${randomUUID()}@example.com`,
      phone: randomMobile("+3367"),
    });
    const open = async () => {
      const id = newChallengeId("login", `user:${person.id}`);
      await store.startChallenge(
        {
          id,
          purpose: "login",
          userId: person.id,
          pendingEmail: null,
          pendingPasswordHash: null,
          phone: person.phone,
          createdAt: Date.now(),
          factors: ["totp", "phone"],
        },
        900,
        null,
      );
      return id;
    };
    // One client's ten wrong codes pause it; then other clients reach the account's bound.
    let id = await open();
    for (let i = 0; i < FAILURE_POLICY.disableAfter; i++) {
      if (i % 4 === 0) id = await open();
      const client = i < 10 ? "one" : `bot-${i}`;
      await store.recordFactorResult(id, null, Date.now(), FAILURE_POLICY, {
        client,
      });
    }
    expect(await readLockout(ctx, person.id)).toMatchObject({
      codesOff: true,
      codeFailuresInARow: FAILURE_POLICY.disableAfter,
      pausedClients: 1,
      changePasswordAdvised: true,
    });

    const before = await liftLockout(ctx, person.id);
    expect(before).toMatchObject({ codesOff: true, pausedClients: 1 });
    expect(await readLockout(ctx, person.id)).toMatchObject({
      codesOff: false,
      codeFailuresInARow: 0,
      pausedClients: 0,
      pausedUntil: null,
    });
    expect(
      await store.readAccountFailures(
        challengeAccountOf(`user:${person.id}`),
        Date.now(),
      ),
    ).toMatchObject({ codesOff: false, pausedClients: [] });
  });
});
