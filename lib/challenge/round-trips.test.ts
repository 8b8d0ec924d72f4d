import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRoundTrips, type Counter } from "@/test/support/count";
import { createRecordingMessenger } from "@/test/support/messenger";
import { startTestUpstashStore } from "@/test/support/redis";
import type { ChallengeStore } from "@/lib/store/types";
import { createChallenge } from "./create";
import { sendCode } from "./send";
import { verifyCode } from "./verify";

// Round trips to the code store, counted by the harness around fetch (one HTTP request each), for the
// operations the benchmark loads (bench). They are deterministic, so they are pinned here.

/** The bound: one atomic script. */
const VERIFY_TRIPS = 1;
/** sendCode alone: one issue script (checks, cooldown, code, a call's sealed code, read-back). */
const SEND_TRIPS = 1;

describe("code store round trips", () => {
  let server: Awaited<ReturnType<typeof startTestUpstashStore>>["server"];
  let store: ChallengeStore;
  let trips: Counter;
  const messenger = createRecordingMessenger();
  const deps = () => ({ store, messenger, appUrl: "http://localhost:3000" });

  beforeAll(async () => {
    ({ server, store } = await startTestUpstashStore("round-trips"));
    trips = countRoundTrips(server.url);
  });
  afterAll(() => {
    trips.stop();
    return server.close();
  });

  async function tripsOf(work: () => Promise<unknown>) {
    const before = trips.count;
    await work();
    return trips.count - before;
  }

  async function sentChallenge() {
    const id = await createChallenge(store, {
      purpose: "login",
      phone: "+33612345678",
      userId: "user-1",
    });
    const sent = await sendCode(deps(), id, "sms");
    expect(sent.ok).toBe(true);
    const code = messenger.sms.at(-1)!.text.match(/#(\d{6})$/)![1]!;
    return { id, code };
  }

  it("verifies a wrong code in exactly one round trip", async () => {
    const { id } = await sentChallenge();
    const wrong = await tripsOf(async () => {
      const outcome = await verifyCode(store, id, "000000");
      expect(outcome.ok).toBe(false);
    });
    expect(wrong).toBe(VERIFY_TRIPS);
  });

  it("verifies the right code in exactly one round trip", async () => {
    const { id, code } = await sentChallenge();
    await verifyCode(store, id, "000000"); // the scripts are loaded; later runs send their SHA
    const right = await tripsOf(async () => {
      expect((await verifyCode(store, id, code)).ok).toBe(true);
    });
    expect(right).toBe(VERIFY_TRIPS);
  });

  it("sends a code in one round trip", async () => {
    const { id } = await sentChallenge();
    const afterCooldown = { ...deps(), now: Date.now() + 60_000 };
    const trips = await tripsOf(async () => {
      expect((await sendCode(afterCooldown, id, "sms")).ok).toBe(true);
    });
    expect(trips).toBe(SEND_TRIPS);
  });
});
