import { describe, expect, it, vi } from "vitest";

const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock("./plivo", () => {
  loads.count++;
  return {
    createPlivoMessenger: () => ({
      kind: "plivo",
      sendSms: async () => ({ id: "sms-1" }),
      placeCall: async () => ({ id: "call-1" }),
      check: async () => {},
    }),
  };
});

describe("the lazy Plivo messenger", () => {
  it("loads the Plivo SDK only when the first message goes out, and only once", async () => {
    const { createLazyPlivoMessenger } = await import("./lazy-plivo");
    const messenger = createLazyPlivoMessenger({
      authId: "MA",
      authToken: "t",
      from: "+14155550100",
    });
    expect(messenger.kind).toBe("plivo");
    expect(loads.count).toBe(0);
    expect(await messenger.sendSms({ to: "+14155550132", text: "hi" })).toEqual(
      { id: "sms-1" },
    );
    expect(
      await messenger.placeCall({
        to: "+14155550132",
        answerUrl: "https://x/a",
        spokenText: "hi",
      }),
    ).toEqual({ id: "call-1" });
    expect(loads.count).toBe(1);
  });
});
