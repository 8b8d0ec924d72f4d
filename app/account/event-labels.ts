import type { AuthEventType } from "@/lib/audit";

// How the account page words each audit row. Details are the small facts recordEvent keeps
// (channel, outcome); nothing here could reveal a code or a password.

type Detail = Record<string, unknown>;

const CHANNELS: Record<string, string> = {
  sms: "Text message",
  voice: "Phone call",
};

const FACTORS: Record<string, string> = {
  phone: "Password and phone code",
  totp: "Password and authenticator app",
  recovery: "Password and recovery code",
  device: "Password on a remembered device",
  passkey: "Password and passkey",
};

function channelOf(d: Detail): string {
  return CHANNELS[String(d.channel)] ?? "";
}

const DESCRIBE: Record<AuthEventType, (d: Detail) => [string, string]> = {
  signup: () => ["Account created", "Phone verified"],
  code_sent: (d) => [
    d.ok === false ? "Code not sent" : "Code sent",
    channelOf(d),
  ],
  code_failed: (d) =>
    d.delivery
      ? ["Code not delivered", channelOf(d)]
      : ["Wrong code entered", attemptsLeft(d)],
  login_success: (d) => [
    "Signed in",
    d.purpose === "signup"
      ? "New account"
      : d.purpose === "passkey"
        ? "Passkey alone, no password"
        : (FACTORS[String(d.factor)] ?? FACTORS.phone!),
  ],
  login_failure: (d) => [
    "Sign-in failed",
    d.step === "password" ? "Wrong password" : "",
  ],
  lockout: (d) =>
    d.lifted
      ? ["Pauses lifted", ""]
      : d.step === "password"
        ? ["Password sign-in paused", "Many attempts from different places"]
        : d.pause === "codes"
          ? ["Codes paused for one place", "Too many wrong codes from there"]
          : ["Code step locked", "Too many wrong codes"],
  sign_out: (d) =>
    d.ended === "device"
      ? ["Device signed out", String(d.name ?? "")]
      : d.ended === "others"
        ? ["Signed out everywhere else", ""]
        : d.ended === "all"
          ? ["Signed out everywhere", ""]
          : ["Signed out", ""],
  factor_added: (d) =>
    d.factor === "phone"
      ? ["Text-message codes turned back on", ""]
      : d.factor === "totp"
        ? ["Authenticator app turned on", ""]
        : d.factor === "passkey"
          ? ["Passkey added", String(d.name ?? "")]
          : [
              d.replaced
                ? "New recovery codes generated"
                : "Recovery codes generated",
              d.replaced ? "The old codes no longer work" : "",
            ],
  factor_removed: (d) =>
    d.factor === "phone"
      ? ["Text-message codes turned off", "Sign-in asks for a stronger factor"]
      : d.factor === "passkey"
        ? ["Passkey removed", String(d.name ?? "")]
        : d.factor === "recovery_codes"
          ? ["Recovery codes removed", ""]
          : ["Authenticator app removed", ""],
  recovery_code_used: (d) => ["Recovery code used", codesLeft(d)],
  device_remembered: (d) => ["Device remembered", String(d.name ?? "")],
  password_changed: () => ["Password changed", "Other devices signed out"],
  device_forgotten: (d) =>
    d.all
      ? ["Remembered devices forgotten", "Your second factors changed"]
      : ["Device forgotten", String(d.name ?? "")],
  email_verified: () => ["Email address verified", "Link from the email"],
  phone_changed: (d) => [
    "Phone number changed",
    d.to ? `Now ${String(d.to)}; other devices signed out` : "",
  ],
  password_reset: () => [
    "Password reset",
    "Link, phone code and a new password; every device signed out",
  ],
  email_changed: () => [
    "Email address changed",
    "New address confirmed by its link; the old one was told",
  ],
  email_change_requested: (d) => [
    "Email change asked for",
    d.to ? `To ${String(d.to)}; your current address and phone were told` : "",
  ],
  email_change_cancelled: () => [
    "Email change cancelled",
    "The link to the new address no longer works",
  ],
  // Written as an account that never proved its address goes: no one is left to read it.
  account_removed: () => [
    "Account removed",
    "Its email address was never confirmed",
  ],
  admin_request: (d) => ["Console request", String(d.action ?? "")],
  account_unlocked: () => ["Sign-in unlocked", ""],
  account_switched_off: () => [
    "Account switched off",
    "Every device signed out",
  ],
  account_switched_on: () => ["Account switched back on", ""],
  locked_down: () => [
    "Account locked down",
    "Every device signed out; a password reset comes before the next sign-in",
  ],
  deletion_requested: () => [
    "Account deletion asked for",
    "Every device signed out; signing in before it is erased cancels it",
  ],
  deletion_cancelled: () => [
    "Account deletion cancelled",
    "Signing in kept the account",
  ],
  account_erased: () => ["Account erased", ""],
  recovery_requested: () => [
    "Recovery asked for",
    "After your password; a link went to your email address",
  ],
  recovery_started: (d) => [
    "Recovery started",
    d.to ? `New phone ${String(d.to)} takes over when the wait ends` : "",
  ],
  recovery_cancelled: (d) => [
    "Recovery cancelled",
    d.by === "sign-in"
      ? "You signed in with your phone or another way you set up"
      : d.by === "lock-down"
        ? "The account was locked down"
        : d.by === "switch-off"
          ? "Twostep support switched the account off"
          : d.by === "codes-off"
            ? "Wrong codes switched sign-in by code off"
            : "By the cancel link",
  ],
  recovery_completed: (d) => [
    "Recovery completed",
    d.to
      ? `Now ${String(d.to)}; other ways to verify removed, every device signed out`
      : "",
  ],
};

/** What an operator did in the console says so, whatever it was. */
const BY_SUPPORT = "By Twostep support";

function codesLeft(d: Detail): string {
  const n = Number(d.left);
  if (!Number.isFinite(n)) return "";
  return `${n} ${n === 1 ? "code" : "codes"} left`;
}

function attemptsLeft(d: Detail): string {
  const n = Number(d.attemptsLeft);
  if (!Number.isFinite(n)) return "";
  return `${n} ${n === 1 ? "attempt" : "attempts"} left`;
}

export function describeEvent(type: AuthEventType, detail: unknown) {
  const d = detail && typeof detail === "object" ? (detail as Detail) : {};
  const [what, more] = DESCRIBE[type](d);
  if (d.by === "support")
    return { what, detail: more ? `${BY_SUPPORT}. ${more}` : BY_SUPPORT };
  return { what, detail: more };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const DATE = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** "Just now", "5 min ago", "3 h ago", then a UTC date: the server cannot know the reader's zone. */
export function describeWhen(at: Date, now = new Date()): string {
  const ago = now.getTime() - at.getTime();
  if (ago < MINUTE) return "Just now";
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  return `${DATE.format(at)} UTC`;
}
