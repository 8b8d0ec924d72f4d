import { describe, expect, it } from "vitest";
import { describeEvent, describeWhen } from "./event-labels";

describe("describeEvent", () => {
  it("names the channel a code went by", () => {
    expect(describeEvent("code_sent", { channel: "voice", ok: true })).toEqual({
      what: "Code sent",
      detail: "Phone call",
    });
    expect(describeEvent("code_sent", { channel: "sms", ok: false })).toEqual({
      what: "Code not sent",
      detail: "Text message",
    });
  });

  it("tells a wrong code from a text that never arrived", () => {
    expect(describeEvent("code_failed", { attemptsLeft: 1 })).toEqual({
      what: "Wrong code entered",
      detail: "1 attempt left",
    });
    expect(
      describeEvent("code_failed", { channel: "sms", delivery: "failed" }),
    ).toEqual({ what: "Code not delivered", detail: "Text message" });
  });

  it("says which number a phone change put on file, masked", () => {
    expect(describeEvent("phone_changed", { to: "+33 ••• 4567" })).toEqual({
      what: "Phone number changed",
      detail: "Now +33 ••• 4567; other devices signed out",
    });
  });

  it("tells a client's pause from the password step's and from one challenge's cap", () => {
    expect(describeEvent("lockout", { pause: "codes" }).what).toBe(
      "Codes paused for one place",
    );
    expect(describeEvent("lockout", { step: "password" }).what).toBe(
      "Password sign-in paused",
    );
    expect(describeEvent("lockout", { attemptsLeft: 0 }).what).toBe(
      "Code step locked",
    );
  });

  it("copes with a row whose detail is not an object", () => {
    expect(describeEvent("login_success", null).what).toBe("Signed in");
  });
});

describe("describeWhen", () => {
  const now = new Date("2026-03-10T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it("says how long ago for the last day, then the UTC date", () => {
    expect(describeWhen(ago(20_000), now)).toBe("Just now");
    expect(describeWhen(ago(5 * 60_000), now)).toBe("5 min ago");
    expect(describeWhen(ago(3 * 3600_000), now)).toBe("3 h ago");
    expect(describeWhen(ago(2 * 86400_000), now)).toBe("8 Mar 2026, 12:00 UTC");
  });
});
