import { describe, expect, it } from "vitest";
import { destinationRefusal, firstChannel } from "./destination";

describe("where codes may go", () => {
  it("texts mobiles and numbers that may be mobile (US and Canada)", () => {
    expect(destinationRefusal("+447400123456", "sms")).toBeNull();
    expect(destinationRefusal("+14155550100", "sms")).toBeNull();
    expect(firstChannel("+33612345678")).toBe("sms");
  });

  it("refuses texts to a landline but calls it, and calls first", () => {
    expect(destinationRefusal("+33123456789", "sms")).toBe("SMS_NOT_SUPPORTED");
    expect(destinationRefusal("+33123456789", "voice")).toBeNull();
    expect(firstChannel("+442071838750")).toBe("voice");
  });

  it("refuses countries off the allowlist on every channel", () => {
    for (const channel of ["sms", "voice"] as const)
      expect(destinationRefusal("+8613812345678", channel)).toBe(
        "COUNTRY_NOT_ALLOWED",
      );
  });

  it("never sends to premium-rate numbers, by text or call", () => {
    for (const channel of ["sms", "voice"] as const)
      expect(destinationRefusal("+19005550100", channel)).toBe(
        "NUMBER_NOT_ALLOWED",
      );
  });
});
