// The one catalogue of refusals: what a person reads, the HTTP status, and whether the code step
// is over (the page then offers "Start again"). Handlers name a code; the reply carries the rest,
// so the client reads the reply rather than a copy of this table. Safe for client bundles.

export interface ErrorSpec {
  message: string;
  status: number;
  /** The step cannot go on: the person must start again. */
  final: boolean;
}

const spec = (message: string, status: number, final = false): ErrorSpec => ({
  message,
  status,
  final,
});

export const ERRORS = {
  // Input: the person can fix it and try again.
  INVALID_INPUT: spec("Please check the highlighted fields.", 400),
  INVALID_EMAIL: spec("Enter a valid email address.", 400),
  INVALID_PASSWORD: spec("Use at least 8 characters (at most 128).", 400),
  PASSWORD_TOO_COMMON: spec(
    "This password is too common or has appeared in a data breach. Choose another.",
    400,
  ),
  PASSWORD_CONTAINS_NAME: spec(
    "Choose a password that does not contain your email name, “Twostep” or this site's address.",
    400,
  ),
  INVALID_PHONE: spec(
    "Enter a valid mobile number, with the country code if it is not from the chosen country.",
    422,
  ),
  INVALID_CODE_FORMAT: spec("Enter the 6-digit code.", 400),
  BAD_CREDENTIALS: spec("Email or password is incorrect.", 401),
  FORBIDDEN: spec("This request was refused.", 403),
  // The code step.
  NO_CHALLENGE: spec(
    "Your verification step has ended. Please start again.",
    401,
    true,
  ),
  WRONG_CODE: spec("That code is not right.", 400),
  CODE_EXPIRED: spec("This code has expired. Request a new one.", 410),
  NO_CODE: spec("Request a new code first.", 400),
  TOO_MANY_ATTEMPTS: spec(
    "Too many wrong codes. Please start again to get a new code.",
    429,
    true,
  ),
  TOO_MANY_SENDS: spec(
    "Too many codes were sent. Please start again later.",
    429,
    true,
  ),
  RESEND_TOO_SOON: spec("Please wait before asking for another code.", 429),
  ALREADY_VERIFIED: spec("This step is already complete.", 409),
  // Other second factors.
  CODE_ALREADY_USED: spec(
    "This code was already used. Wait for the next code in your authenticator app.",
    409,
  ),
  INVALID_RECOVERY_CODE: spec(
    "Enter a recovery code as it was shown: 24 letters and digits.",
    400,
  ),
  RECOVERY_CODE_USED: spec(
    "This recovery code was already used. Use another one.",
    409,
  ),
  FACTOR_NOT_AVAILABLE: spec(
    "This way of signing in is not set up for your account.",
    400,
  ),
  TEXT_CODES_OFF: spec(
    "Text-message codes are turned off for this account. Use your passkey, authenticator app or a recovery code.",
    403,
  ),
  // Managing factors on the account page.
  NOT_SIGNED_IN: spec("Please sign in again.", 401, true),
  AUTHENTICATOR_EXISTS: spec(
    "An authenticator app is already turned on for this account.",
    409,
  ),
  REAUTH_REQUIRED: spec(
    "For your safety, sign in again, then make this change within 10 minutes.",
    403,
  ),
  TEXT_CODES_NEEDED: spec(
    "Add a passkey or an authenticator app, and recovery codes, before turning off text-message codes.",
    409,
  ),
  LAST_FACTOR: spec(
    "This is your only second factor: add another before removing it.",
    409,
  ),
  NO_SETUP: spec(
    "This setup has ended. Start setting up the authenticator app again.",
    409,
  ),
  // Remembered devices and the pace of account changes.
  ACCOUNT_CHANGE_LIMIT: spec(
    "Too many changes to your account in a short time. Please wait and try again.",
    429,
  ),
  DEVICE_NOT_FOUND: spec("This device is no longer remembered.", 404),
  SESSION_NOT_FOUND: spec("This device is already signed out.", 404),
  WRONG_PASSWORD: spec("Your current password is not right.", 400),
  SAME_PASSWORD: spec("Choose a new password, not your current one.", 400),
  SAME_EMAIL: spec("This is already your email address.", 400),
  // Passkeys (WebAuthn), on the account page and the second-factor step.
  PASSKEY_FAILED: spec(
    "Your passkey could not be checked. Try again, or use another way to verify.",
    400,
  ),
  PASSKEY_EXPIRED: spec("This passkey request has ended. Try again.", 400),
  PASSKEY_ALREADY_USED: spec(
    "This passkey response was already used. Try again.",
    409,
  ),
  PASSKEY_NOT_ADDED: spec("The passkey could not be added. Try again.", 400),
  PASSKEY_EXISTS: spec("This passkey is already added to an account.", 409),
  INVALID_PASSKEY_NAME: spec(
    "Name your passkey in words (at most 64 characters, no web address), like “Work laptop”.",
    400,
  ),
  PASSKEY_LIMIT: spec(
    "You have as many passkeys as an account can hold. Remove one first.",
    409,
  ),
  EMAIL_TAKEN: spec(
    "An account with this email already exists. Sign in instead.",
    409,
    true,
  ),
  PHONE_TAKEN: spec(
    "This phone number is already verified on another account.",
    409,
    true,
  ),
  SAME_PHONE: spec("This is already your phone number.", 400),
  SIGN_IN_FAILED: spec("We could not sign you in. Please start again.", 401),
  // Delivery: the provider's trouble, not the person's input.
  DELIVERY_FAILED: spec(
    "We could not send the text message. Try a call instead.",
    502,
  ),
  CALL_FAILED: spec("We could not place the call. Try again in a moment.", 502),
  PROVIDER_UNAVAILABLE: spec(
    "Our messaging provider is unavailable. Try again in a moment.",
    503,
  ),
  NUMBER_UNREACHABLE: spec(
    "This number cannot receive our messages. Check it, or use another number.",
    422,
  ),
  SERVICE_UNAVAILABLE: spec(
    "The service is temporarily unavailable. Please try again shortly.",
    503,
  ),
  SIGN_OUT_UNCONFIRMED: spec(
    "This browser is signed out, but we could not end the session on our server, so a copy of it could still work. Sign in again in a minute and choose “Sign out everywhere else”.",
    503,
  ),
  // Abuse limits: 429 with Retry-After; a spent daily budget is the service's state (503).
  RATE_LIMITED: spec("Too many requests. Please wait and try again.", 429),
  LOGIN_LIMITED: spec(
    "Too many sign-in attempts for this account. Please wait and try again.",
    429,
  ),
  PHONE_SEND_LIMIT: spec(
    "Too many codes were sent to this number. Please wait before asking for another.",
    429,
  ),
  ACCOUNT_SEND_LIMIT: spec(
    "Too many codes were requested for this account. Please wait before asking for another.",
    429,
  ),
  ACCOUNT_LOCKED: spec(
    "Too many wrong answers from here. For your safety, they are paused here for a while.",
    429,
  ),
  ACCOUNT_DISABLED: spec(
    "Too many wrong codes in a row: codes are switched off for this account. A passkey, a recovery code or a browser you chose to remember still signs you in.",
    403,
    true,
  ),
  SENDING_PAUSED: spec(
    "We have paused sending codes for today. Please try again later.",
    503,
  ),
  // A breaker against SMS pumping or the hourly ceiling: said alike for every number and account.
  CODES_PAUSED: spec(
    "We have paused sending codes for a while. Please try again later, or use another way to confirm it is you if you have one.",
    503,
  ),
  BREAKER_NOT_TRIPPED: spec("This pause has already ended.", 404),
  PROOF_OF_WORK_FAILED: spec(
    "Your browser's security check did not go through. Reload the page and try again.",
    400,
  ),
  // Email links and password resets.
  MAIL_UNAVAILABLE: spec(
    "Email is not set up on this server, so we cannot send you a link.",
    503,
  ),
  EMAIL_LINK_INVALID: spec(
    "This link has expired or was already used. Ask for a new one.",
    410,
    true,
  ),
  EMAIL_ALREADY_VERIFIED: spec("Your email address is already verified.", 409),
  VERIFY_EMAIL_LIMIT: spec(
    "Too many verification emails were sent. Please wait before asking for another.",
    429,
  ),
  RESET_REQUEST_LIMIT: spec(
    "Too many reset links were asked for this address. Please wait before asking again.",
    429,
  ),
  // The account's life: locked down, deleted.
  LOCKED_DOWN: spec(
    "This account was locked down. Choose “Forgot password?” to set a new password before you sign in.",
    403,
    true,
  ),
  LOCK_DOWN_NEEDS_EMAIL: spec(
    "Verify your email address first: unlocking the account takes a reset link sent to it.",
    409,
  ),
  DELETE_CONFIRM_MISMATCH: spec(
    "Type your email address exactly as shown to confirm.",
    400,
  ),
  // "Lost your phone and codes?": a recovery proves the password, the verified address, a new phone.
  RECOVERY_NEEDS_EMAIL: spec(
    "Your email address was never verified, so it cannot prove this account is yours. Sign in with your phone, an authenticator app, a recovery code or a passkey.",
    403,
  ),
  RECOVERY_LINK_INVALID: spec(
    "This recovery link has expired, was already used, or a newer one was sent. Sign in and ask again.",
    410,
    true,
  ),
  RECOVERY_NOT_PENDING: spec(
    "There is no recovery waiting on this account: it was already cancelled or completed.",
    410,
    true,
  ),
  // Destinations.
  COUNTRY_NOT_ALLOWED: spec(
    "We cannot send codes to numbers in this country yet.",
    422,
  ),
  SMS_NOT_SUPPORTED: spec(
    "This number cannot receive text messages. Choose “Call me instead” to hear the code.",
    422,
  ),
  NUMBER_NOT_ALLOWED: spec(
    "We cannot send codes to this kind of number (toll-free, premium-rate, personal or internet (VoIP) numbers). Use a mobile number.",
    422,
  ),
  // The operators' console (/admin) and an account an operator switched off.
  PASSKEY_REQUIRED: spec(
    "The console needs a passkey used in the last 10 minutes. Sign in again with your passkey.",
    403,
  ),
  ADMIN_REQUEST_LIMIT: spec(
    "Too many console requests in a short time. Please wait and try again.",
    429,
  ),
  ACCOUNT_NOT_FOUND: spec("There is no such account.", 404),
  FACTOR_NOT_FOUND: spec("This sign-in method is already removed.", 404),
  ACCOUNT_SWITCHED_OFF: spec(
    "This account is switched off. Contact support to have it switched back on.",
    403,
    true,
  ),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** What a use case answers when it says no: a catalogue code plus the details the page shows. */
export interface Refusal {
  ok: false;
  error: ErrorCode;
  retryAfterSeconds?: number;
  attemptsLeft?: number;
  fields?: Record<string, string>;
}

/** A use case's typed outcome: its data, or a refusal. */
export type Outcome<T extends object = object> = ({ ok: true } & T) | Refusal;

export function refuse(
  error: ErrorCode,
  details: Omit<Refusal, "ok" | "error"> = {},
): Refusal {
  return { ok: false, error, ...details };
}
