import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { REFUSED_NUMBERS } from "@/test/support/refused-numbers";
import { phoneFacts } from "@/lib/phone";
import * as rules from "./destination";

// The rules read a number's phone facts; these tests name the number.
const destinationRefusal = (e164: string, channel: "sms" | "voice") =>
  rules.destinationRefusal(phoneFacts(e164), channel);
const firstChannel = (e164: string) => rules.firstChannel(phoneFacts(e164));

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

  describe.each(REFUSED_NUMBERS)(
    "a $type number ($number)",
    ({ type, number }) => {
      it("is the type it claims to be", () => {
        expect(parsePhoneNumberFromString(number)?.getType()).toBe(type);
      });

      it.each(["sms", "voice"] as const)("is refused by %s", (channel) => {
        expect(destinationRefusal(number, channel)).toBe("NUMBER_NOT_ALLOWED");
      });

      it("gets no first channel that could reach it", () => {
        expect(destinationRefusal(number, firstChannel(number))).toBe(
          "NUMBER_NOT_ALLOWED",
        );
      });
    },
  );
});
