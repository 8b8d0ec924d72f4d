import { z } from "zod";
import { ERRORS } from "@/lib/errors";
import { parsePhone } from "@/lib/phone";
import { email, password, proof } from "./index";

// The schemas that take a phone number as a person types it: they load libphonenumber's metadata,
// which no other route's cold start needs.

// A phone number as typed, with the country chosen next to it; parsed into E.164 by the transform.
export const phoneFields = {
  phone: z
    .string(ERRORS.INVALID_PHONE.message)
    .max(32, ERRORS.INVALID_PHONE.message),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
};

export function toE164(
  v: { phone: string; country?: string },
  ctx: z.RefinementCtx,
): string {
  const phone = parsePhone(v.phone, v.country);
  if (phone) return phone;
  ctx.addIssue({
    code: "custom",
    path: ["phone"],
    message: ERRORS.INVALID_PHONE.message,
  });
  return z.NEVER;
}

export const signupSchema = z
  .strictObject({ email, password, ...phoneFields, proof })
  .transform((v, ctx) => ({
    email: v.email,
    password: v.password,
    phone: toE164(v, ctx),
    proof: v.proof,
  }));

/** "Change phone number": the new number, as sign-up takes it, with its proof of work. */
export const changePhoneSchema = z
  .strictObject({ ...phoneFields, proof })
  .transform((v, ctx) => ({ phone: toE164(v, ctx), proof: v.proof }));
