// Every message a person can read when something goes wrong, in one table, so wording stays
// consistent and no handler leaks detail (e.g. whether an email exists).

export const ERRORS = {
  INVALID_INPUT: "Please check the highlighted fields.",
  INVALID_EMAIL: "Enter a valid email address.",
  INVALID_PASSWORD: "Use at least 8 characters (at most 128).",
  PASSWORD_TOO_COMMON:
    "This password is too common or has appeared in a data breach. Choose another.",
  PASSWORD_CONTAINS_NAME:
    "Choose a password that does not contain your email name, “Twostep” or this site's address.",
  INVALID_PHONE:
    "Enter a valid mobile number, with the country code if it is not from the chosen country.",
  INVALID_CODE_FORMAT: "Enter the 6-digit code.",
  BAD_CREDENTIALS: "Email or password is incorrect.",
  NO_CHALLENGE: "Your verification step has ended. Please start again.",
  WRONG_CODE: "That code is not right.",
  CODE_EXPIRED: "This code has expired. Request a new one.",
  NO_CODE: "Request a new code first.",
  TOO_MANY_ATTEMPTS:
    "Too many wrong codes. Please start again to get a new code.",
  TOO_MANY_SENDS: "Too many codes were sent. Please start again later.",
  RESEND_TOO_SOON: "Please wait before asking for another code.",
  ALREADY_VERIFIED: "This step is already complete.",
  EMAIL_TAKEN: "An account with this email already exists. Sign in instead.",
  PHONE_TAKEN: "This phone number is already verified on another account.",
  DELIVERY_FAILED: "We could not send the text message. Try a call instead.",
  CALL_FAILED: "We could not place the call. Try again in a moment.",
  PROVIDER_UNAVAILABLE:
    "Our messaging provider is unavailable. Try again in a moment.",
  NUMBER_UNREACHABLE:
    "This number cannot receive our messages. Check it, or use another number.",
  SERVICE_UNAVAILABLE:
    "The service is temporarily unavailable. Please try again shortly.",
  RATE_LIMITED: "Too many requests. Please wait and try again.",
  LOGIN_LIMITED:
    "Too many sign-in attempts for this account. Please wait and try again.",
  PHONE_SEND_LIMIT:
    "Too many codes were sent to this number. Please wait before asking for another.",
  ACCOUNT_SEND_LIMIT:
    "Too many codes were requested for this account. Please wait before asking for another.",
  ACCOUNT_LOCKED:
    "Too many failed verifications. For your safety, new codes are paused for a while.",
  SENDING_PAUSED:
    "We have paused sending codes for today. Please try again later.",
  COUNTRY_NOT_ALLOWED: "We cannot send codes to numbers in this country yet.",
  SMS_NOT_SUPPORTED:
    "This number cannot receive text messages. Choose “Call me instead” to hear the code.",
  NUMBER_NOT_ALLOWED:
    "We cannot send codes to this kind of number (toll-free, premium-rate, personal or internet (VoIP) numbers). Use a mobile number.",
  FORBIDDEN: "This request was refused.",
  SIGN_IN_FAILED: "We could not sign you in. Please start again.",
} as const;

export type ErrorCode = keyof typeof ERRORS;
