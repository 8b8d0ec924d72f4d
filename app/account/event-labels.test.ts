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

  it("says what an operator did in the console was done by support", () => {
    expect(describeEvent("password_reset", { by: "support" }).detail).toBe(
      "By Twostep support. Link, phone code and a new password; every device signed out",
    );
    expect(describeEvent("account_unlocked", { by: "support" })).toEqual({
      what: "Sign-in unlocked",
      detail: "By Twostep support",
    });
  });

  it("words an event in French, its count plural as French counts", () => {
    expect(describeEvent("code_failed", { attemptsLeft: 1 }, "fr")).toEqual({
      what: "Code erroné saisi",
      detail: "1 essai restant",
    });
    expect(describeEvent("recovery_code_used", { left: 0 }, "fr").detail).toBe(
      "0 code restant",
    );
    expect(describeEvent("code_sent", { channel: "voice" }, "fr")).toEqual({
      what: "Code envoyé",
      detail: "Appel téléphonique",
    });
  });

  it("words an event in German, names and numbers as recorded", () => {
    expect(describeEvent("code_failed", { attemptsLeft: 2 }, "de")).toEqual({
      what: "Falscher Code eingegeben",
      detail: "Noch 2 Versuche",
    });
    expect(
      describeEvent("phone_changed", { to: "+33 ••• 4567" }, "de"),
    ).toEqual({
      what: "Telefonnummer geändert",
      detail: "Jetzt +33 ••• 4567; andere Geräte abgemeldet",
    });
    expect(
      describeEvent(
        "sign_out",
        { ended: "device", name: "Firefox on Linux" },
        "de",
      ),
    ).toEqual({ what: "Gerät abgemeldet", detail: "Firefox on Linux" });
  });
});

describe("describeWhen", () => {
  const now = new Date("2026-03-10T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it("says how long ago for the last day, then the UTC date", () => {
    expect(describeWhen(ago(20_000), { now })).toBe("Just now");
    expect(describeWhen(ago(5 * 60_000), { now })).toBe("5 min ago");
    expect(describeWhen(ago(3 * 3600_000), { now })).toBe("3 h ago");
    expect(describeWhen(ago(2 * 86400_000), { now })).toBe(
      "8 Mar 2026, 12:00 UTC",
    );
  });

  it("starts lower case inside a sentence", () => {
    expect(describeWhen(ago(20_000), { now, inline: true })).toBe("just now");
    expect(describeWhen(ago(60_000), { now, inline: true })).toBe("1 min ago");
  });

  it("says it in French, with French plurals and a French date", () => {
    const fr = { now, locale: "fr" as const };
    expect(describeWhen(ago(20_000), fr)).toBe("À l'instant");
    expect(describeWhen(ago(5 * 60_000), fr)).toBe("Il y a 5 min");
    expect(describeWhen(ago(3 * 3600_000), fr)).toBe("Il y a 3 h");
    expect(describeWhen(ago(2 * 86400_000), fr)).toBe("8 mars 2026, 12:00 UTC");
    expect(describeWhen(ago(2 * 86400_000), { ...fr, inline: true })).toBe(
      "le 8 mars 2026, 12:00 UTC",
    );
  });

  it("says it in German, with the date as Germans write it", () => {
    const de = { now, locale: "de" as const };
    expect(describeWhen(ago(20_000), de)).toBe("Gerade eben");
    expect(describeWhen(ago(5 * 60_000), de)).toBe("Vor 5 Min.");
    expect(describeWhen(ago(3 * 3600_000), { ...de, inline: true })).toBe(
      "vor 3 Std.",
    );
    expect(describeWhen(ago(2 * 86400_000), { ...de, inline: true })).toBe(
      "am 08.03.2026, 12:00 UTC",
    );
  });
});
