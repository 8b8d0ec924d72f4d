import { z } from "zod";
import { CODE_DIGITS } from "@/lib/challenge/policy";
import { LINK_TOKEN_PATTERN } from "@/lib/email-links/policy";
import { ERRORS } from "@/lib/errors";
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from "@/lib/password/policy";

// What each API route accepts. Unknown keys are refused rather than ignored. The schemas that parse a
// phone number are in ./phone.ts: the number's metadata is large, and only those routes need it.

export const email = z
  .string(ERRORS.INVALID_EMAIL.message)
  .trim()
  .max(254, ERRORS.INVALID_EMAIL.message)
  .pipe(z.email(ERRORS.INVALID_EMAIL.message))
  .transform((v) => v.toLowerCase());

// A new password: its length here; what it may not be (common, breached, built from the site's
// or the person's name) needs I/O, so checkNewPassword (lib/password/check.ts) follows the parse.
export const password = z
  .string(ERRORS.INVALID_PASSWORD.message)
  .min(PASSWORD_MIN_LENGTH, ERRORS.INVALID_PASSWORD.message)
  .max(PASSWORD_MAX_LENGTH, ERRORS.INVALID_PASSWORD.message);

/** The browser's proof of work (lib/proof-of-work), base64 JSON; checked by the step, not here. */
export const proof = z.string().max(4096).optional();

/** A proof-of-work challenge, for the step it will be spent on. */
export const proofChallengeSchema = z.strictObject({
  purpose: z.enum(["signup", "phone-change"]),
});

export const loginSchema = z.strictObject({
  email,
  // Any string up to the maximum: a login never tells which rule an old password breaks.
  password: z
    .string(ERRORS.BAD_CREDENTIALS.message)
    .min(1)
    .max(PASSWORD_MAX_LENGTH),
  // "Sign in again" for a change that needs a fresh second factor: ask for it even on a remembered
  // browser, whose sign-in skips it and so never counts as one.
  secondFactor: z.literal("required").optional(),
});

/** "Change password": the current one as typed (any length a login takes), and a new one. */
export const changePasswordSchema = z.strictObject({
  currentPassword: z
    .string(ERRORS.WRONG_PASSWORD.message)
    .min(1, ERRORS.WRONG_PASSWORD.message)
    .max(PASSWORD_MAX_LENGTH, ERRORS.WRONG_PASSWORD.message),
  newPassword: password,
});

export const sendSchema = z.strictObject({ channel: z.enum(["sms", "voice"]) });

const SIX_DIGITS = new RegExp(`^\\d{${CODE_DIGITS}}$`);

/** Where the page was headed before its second factor; the reply's `next` says where it goes. */
export const callbackUrl = z.string().max(2048).optional();

/** A phone or authenticator code (6 digits), or a recovery code, checked by its step. */
export const verifySchema = z
  .strictObject({
    code: z.string(ERRORS.INVALID_CODE_FORMAT.message).max(64),
    factor: z.enum(["phone", "totp", "recovery"]).default("phone"),
    /** "Remember this device for 30 days", checked. */
    remember: z.boolean().default(false),
    callbackUrl,
  })
  .transform((v, ctx) => {
    if (v.factor === "recovery") return v;
    const code = v.code.replace(/\s/g, "");
    if (!SIX_DIGITS.test(code)) {
      ctx.addIssue({
        code: "custom",
        path: ["code"],
        message: ERRORS.INVALID_CODE_FORMAT.message,
      });
      return z.NEVER;
    }
    return { ...v, code };
  });

/** "Turn on": the first code from the authenticator app being set up. */
export const turnOnSchema = z.strictObject({
  code: z
    .string(ERRORS.INVALID_CODE_FORMAT.message)
    .transform((v) => v.replace(/\s/g, ""))
    .pipe(z.string().regex(SIX_DIGITS, ERRORS.INVALID_CODE_FORMAT.message)),
});

/** "Change phone number": the code texted or spoken to the new number. */
export const confirmPhoneSchema = turnOnSchema;

/** "Sign out" on one signed-in device, by the handle the account page lists. */
export const signOutDeviceSchema = z.strictObject({
  id: z.string().min(1).max(64),
});

/** "Forget": one remembered device, by the id the account page lists. */
export const forgetDeviceSchema = z.strictObject({
  id: z.string().min(1).max(64),
});
// Email links and password resets.
export const forgotPasswordSchema = z.strictObject({ email });

/** A link's token, from the fragment of a link we emailed (lib/email-links). */
export const emailLinkSchema = z.strictObject({
  token: z
    .string(ERRORS.EMAIL_LINK_INVALID.message)
    .regex(LINK_TOKEN_PATTERN, ERRORS.EMAIL_LINK_INVALID.message),
});

export const newPasswordSchema = z.strictObject({ password });

/** "Change email": the new address, proven by a link before it counts. */
export const changeEmailSchema = z.strictObject({ newEmail: email });

/** "Don't accept text-message codes": checked (`off`) or not. */
export const textCodesSchema = z.strictObject({ off: z.boolean() });

export const emptySchema = z.strictObject({});

/** "Delete account": the account's address, typed to confirm (compared by the use case). */
export const deleteAccountSchema = z.strictObject({
  email: z.string(ERRORS.DELETE_CONFIRM_MISMATCH.message).max(254),
});
