import { beforeEach, describe, expect, it, vi } from "vitest";
import { forgetProcessWide } from "@/lib/runtime/process-wide";
import { destinationRefusal } from "@/lib/limits/destination";
import {
  canReceiveTexts,
  maskPhone,
  phoneFacts,
  PHONE_FACTS_KEPT,
} from "@/lib/phone";

const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock("libphonenumber-js/max", async (importOriginal) =>
  (await import("@/test/support/phone-parses")).countingParses(
    await importOriginal(),
    parses,
  ),
);

beforeEach(() => {
  forgetProcessWide("phone-facts");
  parses.count = 0;
});

describe("a stored number's phone facts", () => {
  it("are read once however often a step asks about the number", () => {
    for (let i = 0; i < 3; i++) {
      const facts = phoneFacts("+447400123456");
      expect(destinationRefusal(facts, "sms")).toBeNull();
      expect(maskPhone("+447400123456", facts)).toBe("+44 ••• 3456");
      expect(canReceiveTexts(facts)).toBe(true);
    }
    expect(parses.count).toBe(1);
  });

  it("say the same of a number read afresh as of one remembered", () => {
    const first = phoneFacts("+33123456789");
    forgetProcessWide("phone-facts");
    expect(phoneFacts("+33123456789")).toEqual(first);
    expect(first).toEqual({
      valid: true,
      country: "FR",
      type: "FIXED_LINE",
      callingCode: "33",
    });
    const nonsense = "not a number 1234";
    expect(maskPhone(nonsense, phoneFacts(nonsense))).toBe("••• 1234");
    expect(phoneFacts("+1555").valid).toBe(false);
  });

  it("are kept for a bounded number of numbers, the oldest forgotten first", () => {
    const numbers = Array.from(
      { length: PHONE_FACTS_KEPT + 1 },
      (_, i) => `+4474${String(i).padStart(8, "0")}`,
    );
    for (const n of numbers) phoneFacts(n);
    parses.count = 0;
    phoneFacts(numbers[PHONE_FACTS_KEPT]!); // the newest is still known
    expect(parses.count).toBe(0);
    phoneFacts(numbers[0]!); // the oldest was forgotten
    expect(parses.count).toBe(1);
  });
});
