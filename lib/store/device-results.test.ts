import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { describeForEachStore } from "@/test/support/redis";
import type { FailurePolicy, NewChallenge } from "./types";

// The password step on a remembered device: a challenge that accepts only "device", started with
// no code and completed at once by the store's atomic settle, then redeemed like any other. A
// browser the account knows keeps its own way in, whatever wrong codes paused or switched off.

const T0 = 1_700_000_000_000;
const POLICY: FailurePolicy = {
  maxAttempts: 5,
  lockAfter: 3,
  ladderSeconds: [60],
  disableAfter: 1000,
  memorySeconds: 3600,
};

function deviceChallenge(account: string): NewChallenge {
  return {
    id: `${randomUUID()}.${account}`,
    purpose: "login",
    userId: "user-1",
    pendingEmail: null,
    pendingPasswordHash: null,
    phone: "+14155550100",
    createdAt: T0,
    factors: ["device"],
  };
}

describeForEachStore("ChallengeStore remembered devices", (h) => {
  it("completes a device-only challenge by the device, once, for redeem", async () => {
    const c = deviceChallenge(randomUUID());
    expect(await h.store.startChallenge(c, 600, null)).toMatchObject({
      ok: true,
      challenge: { sends: 0, codeHash: "", factors: ["device"] },
    });
    expect(
      await h.store.recordFactorResult(c.id, "device", T0, POLICY),
    ).toMatchObject({
      ok: true,
      challenge: { status: "verified", verifiedBy: "device" },
    });
    expect(
      await h.store.recordFactorResult(c.id, "device", T0, POLICY),
    ).toMatchObject({ ok: false, reason: "verified", counted: false });
    expect(await h.store.redeemChallenge(c.id)).toMatchObject({
      verifiedBy: "device",
      userId: "user-1",
    });
    expect(await h.store.redeemChallenge(c.id)).toBeNull();
  });

  it("lets a known browser in past a client's pause and the account's switch-off, starting the count again", async () => {
    const account = randomUUID();
    const earlier = deviceChallenge(account);
    await h.store.startChallenge(earlier, 600, null);
    const wrong = deviceChallenge(account);
    await h.store.startChallenge({ ...wrong, factors: ["totp"] }, 600, null);
    const policy = { ...POLICY, disableAfter: 3 };
    const here = { client: "browser-client" };
    for (let i = 0; i < 3; i++)
      await h.store.recordFactorResult(wrong.id, null, T0, policy, here);
    expect(await h.store.readAccountFailures(account, T0)).toMatchObject({
      codeFailures: 3,
      codesOff: true,
    });
    // From the very client whose wrong codes switched codes off, a remembered browser still gets in.
    const later = deviceChallenge(account);
    expect(await h.store.startChallenge(later, 600, null)).toMatchObject({
      ok: true,
    });
    expect(
      await h.store.recordFactorResult(later.id, "device", T0, policy, here),
    ).toMatchObject({ ok: true, challenge: { verifiedBy: "device" } });
    expect(await h.store.readAccountFailures(account, T0)).toEqual({
      codeFailures: 0,
      recoveryFailures: 0,
      codesOff: false,
      pausedClients: [],
    });
    expect(
      await h.store.recordFactorResult(earlier.id, "device", T0, policy),
    ).toMatchObject({ ok: true });
  });
});
