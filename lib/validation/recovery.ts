import { z } from "zod";
import { ERRORS } from "@/lib/errors";
import { LINK_TOKEN_PATTERN } from "@/lib/email-links/policy";
import { phoneFields, toE164 } from "./phone";

// What the recovery routes accept: the token from the emailed link's fragment, then the new number
// as sign-up takes it, then the code sent to it; the cancel link's token.

const token = z
  .string(ERRORS.RECOVERY_LINK_INVALID.message)
  .regex(LINK_TOKEN_PATTERN, ERRORS.RECOVERY_LINK_INVALID.message);

export const recoveryPhoneSchema = z
  .strictObject({ token, ...phoneFields })
  .transform((v, ctx) => ({ token: v.token, phone: toE164(v, ctx) }));

export const recoveryConfirmSchema = z.strictObject({
  token,
  code: z
    .string(ERRORS.INVALID_CODE_FORMAT.message)
    .transform((v) => v.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, ERRORS.INVALID_CODE_FORMAT.message)),
});

export const recoveryCancelSchema = z.strictObject({
  token: z
    .string(ERRORS.RECOVERY_NOT_PENDING.message)
    .regex(LINK_TOKEN_PATTERN, ERRORS.RECOVERY_NOT_PENDING.message),
});
