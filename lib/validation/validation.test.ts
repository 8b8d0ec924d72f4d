import { describe, expect, it } from "vitest";
import { ERRORS } from "@/lib/errors";
import { verifySchema } from "@/lib/validation";
import { signupSchema } from "@/lib/validation/phone";

const SIGNUP = {
  email: "Ada@Example.COM",
  password: "correct horse battery",
  phone: "(415) 555-0132",
  country: "US",
};

describe("signupSchema", () => {
  it("turns a national number and its country into E.164", () => {
    expect(signupSchema.parse(SIGNUP).phone).toBe("+14155550132");
    expect(
      signupSchema.parse({ ...SIGNUP, phone: "020 7946 0958", country: "GB" })
        .phone,
    ).toBe("+442079460958");
  });

  it("accepts an international number without a country", () => {
    const input = { ...SIGNUP, phone: "+4930901820", country: undefined };
    expect(signupSchema.parse(input).phone).toBe("+4930901820");
  });

  it("lower-cases and trims the email", () => {
    expect(
      signupSchema.parse({ ...SIGNUP, email: "  Ada@Example.COM " }).email,
    ).toBe("ada@example.com");
  });

  it("reports an invalid phone on the phone field", () => {
    const result = signupSchema.safeParse({ ...SIGNUP, phone: "12" });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ["phone"],
        message: ERRORS.INVALID_PHONE.message,
      }),
    ]);
  });

  it("refuses unknown keys", () => {
    const result = signupSchema.safeParse({ ...SIGNUP, isAdmin: true });
    expect(result.success).toBe(false);
  });

  it("refuses a password shorter than eight characters", () => {
    expect(
      signupSchema.safeParse({ ...SIGNUP, password: "short" }).success,
    ).toBe(false);
  });
});

describe("verifySchema", () => {
  it("accepts a code typed with spaces", () => {
    expect(verifySchema.parse({ code: "123 456" })).toEqual({
      code: "123456",
      factor: "phone",
      remember: false,
    });
  });

  it("takes the remember box as a boolean only", () => {
    const ticked = verifySchema.parse({ code: "123456", remember: true });
    expect(ticked.remember).toBe(true);
    expect(
      verifySchema.safeParse({ code: "123456", remember: "yes" }).success,
    ).toBe(false);
  });

  it("refuses anything but six digits", () => {
    for (const code of ["12345a", "12345", "1234567", "", "١٢٣٤٥٦"])
      expect(verifySchema.safeParse({ code }).success).toBe(false);
    expect(verifySchema.safeParse({ code: 123456 }).success).toBe(false);
  });
});
