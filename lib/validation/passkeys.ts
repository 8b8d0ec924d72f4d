import { z } from "zod";
import type {
  AuthenticationResponseJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { ERRORS } from "@/lib/errors";
import { cleanPasskeyName, looksLikeAddress } from "@/lib/factors/passkey-name";
import { PASSKEY_NAME_MAX_CHARS } from "@/lib/factors/policy";
import { callbackUrl } from "./index";

// What the passkey routes accept: the browser's WebAuthn response as JSON (base64url fields,
// checked in full by @simplewebauthn/server); when adding one, its name; when signing in with one,
// whether to remember this browser.

const b64url = z
  .string()
  .max(4096)
  .regex(/^[\w-]*$/);

const credential = z.looseObject({
  id: b64url.min(1),
  rawId: b64url.min(1),
  type: z.literal("public-key"),
  clientExtensionResults: z.looseObject({}),
});

const registration = credential.extend({
  response: z.looseObject({
    clientDataJSON: b64url,
    attestationObject: b64url,
    transports: z.array(z.string().max(32)).max(8).optional(),
  }),
});

const assertion = credential.extend({
  response: z.looseObject({
    clientDataJSON: b64url,
    authenticatorData: b64url,
    signature: b64url,
    userHandle: b64url.optional(),
  }),
});

/** Read as one clean line (see lib/factors/passkey-name.ts); an address is refused, not mangled. */
const passkeyName = z
  .string()
  .max(PASSKEY_NAME_MAX_CHARS * 4, ERRORS.INVALID_PASSKEY_NAME.message)
  .transform(cleanPasskeyName)
  .pipe(
    z
      .string()
      .min(1, ERRORS.INVALID_PASSKEY_NAME.message)
      .max(PASSKEY_NAME_MAX_CHARS, ERRORS.INVALID_PASSKEY_NAME.message)
      .refine((name) => !looksLikeAddress(name), {
        message: ERRORS.INVALID_PASSKEY_NAME.message,
      }),
  );

export const addPasskeySchema = z.strictObject({
  name: passkeyName,
  response: registration.transform((r) => r as RegistrationResponseJSON),
});

export const usePasskeySchema = z.strictObject({
  response: assertion.transform((r) => r as AuthenticationResponseJSON),
  /** "Remember this device for 30 days", checked. */
  remember: z.boolean().default(false),
  callbackUrl,
});

export const removePasskeySchema = z.strictObject({
  id: z.string().min(1).max(64),
});

/** "Sign in with a passkey": the assertion, and the page to go to after. */
export const passkeySignInSchema = z.strictObject({
  response: assertion.transform((r) => r as AuthenticationResponseJSON),
  callbackUrl,
});
