import { createTranslator } from "next-intl";
import type { AuthEventType } from "@/lib/audit";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/messages";
import { formatDateTime } from "@/lib/i18n/dates";

// How the account page (and the console's account view) words each audit row, in the reader's
// language (English unless told). Details are the small facts recordEvent keeps (channel,
// outcome); nothing here could reveal a code or a password. Names (a device's, a passkey's) and
// masked numbers are shown as they were recorded.

type Detail = Record<string, unknown>;

function translatorIn(locale: Locale) {
  return createTranslator({
    locale,
    messages: MESSAGES[locale],
    namespace: "Account",
  });
}
type Translator = ReturnType<typeof translatorIn>;

/** One translator per language, made on first use: every row of every page asks for one. */
const translators = new Map<Locale, Translator>();
function accountIn(locale: Locale): Translator {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = translatorIn(locale)));
  return t;
}

const CHANNELS = ["sms", "voice"] as const;
const FACTORS = ["phone", "totp", "recovery", "device", "passkey"] as const;

const oneOf = <T extends string>(list: readonly T[], value: unknown) =>
  list.find((item) => item === value);

function channelOf(d: Detail, t: Translator): string {
  const channel = oneOf(CHANNELS, d.channel);
  return channel ? t(`events.channel.${channel}`) : "";
}

const nameOf = (d: Detail) => String(d.name ?? "");

function countOf(value: unknown): number | null {
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

type Describe = (d: Detail, t: Translator) => [string, string];

const DESCRIBE: Record<AuthEventType, Describe> = {
  signup: (_, t) => [t("events.signup"), t("events.signupDetail")],
  code_sent: (d, t) => [
    d.ok === false ? t("events.codeNotSent") : t("events.codeSent"),
    channelOf(d, t),
  ],
  code_failed: (d, t) =>
    d.delivery
      ? [t("events.codeNotDelivered"), channelOf(d, t)]
      : [t("events.wrongCode"), attemptsLeft(d, t)],
  login_success: (d, t) => [
    t("events.signedIn"),
    d.purpose === "signup"
      ? t("events.newAccount")
      : d.purpose === "passkey"
        ? t("events.passkeyAlone")
        : t(`events.factor.${oneOf(FACTORS, d.factor) ?? "phone"}`),
  ],
  login_failure: (d, t) => [
    t("events.signInFailed"),
    d.step === "password" ? t("events.wrongPassword") : "",
  ],
  lockout: (d, t) =>
    d.lifted
      ? [t("events.pausesLifted"), ""]
      : d.step === "password"
        ? [t("events.passwordPaused"), t("events.passwordPausedDetail")]
        : d.pause === "codes"
          ? [t("events.codesPaused"), t("events.codesPausedDetail")]
          : [t("events.codeStepLocked"), t("events.codeStepLockedDetail")],
  sign_out: (d, t) =>
    d.ended === "device"
      ? [t("events.deviceSignedOut"), nameOf(d)]
      : d.ended === "others"
        ? [t("events.signedOutOthers"), ""]
        : d.ended === "all"
          ? [t("events.signedOutAll"), ""]
          : [t("events.signedOut"), ""],
  factor_added: (d, t) =>
    d.factor === "phone"
      ? [t("events.textCodesOn"), ""]
      : d.factor === "totp"
        ? [t("events.authenticatorOn"), ""]
        : d.factor === "passkey"
          ? [t("events.passkeyAdded"), nameOf(d)]
          : d.replaced
            ? [
                t("events.recoveryCodesReplaced"),
                t("events.recoveryCodesReplacedDetail"),
              ]
            : [t("events.recoveryCodesGenerated"), ""],
  factor_removed: (d, t) =>
    d.factor === "phone"
      ? [t("events.textCodesOff"), t("events.textCodesOffDetail")]
      : d.factor === "passkey"
        ? [t("events.passkeyRemoved"), nameOf(d)]
        : d.factor === "recovery_codes"
          ? [t("events.recoveryCodesRemoved"), ""]
          : [t("events.authenticatorRemoved"), ""],
  recovery_code_used: (d, t) => [t("events.recoveryCodeUsed"), codesLeft(d, t)],
  device_remembered: (d, t) => [t("events.deviceRemembered"), nameOf(d)],
  password_changed: (_, t) => [
    t("events.passwordChanged"),
    t("events.otherDevicesSignedOut"),
  ],
  device_forgotten: (d, t) =>
    d.all
      ? [t("events.devicesForgotten"), t("events.devicesForgottenDetail")]
      : [t("events.deviceForgotten"), nameOf(d)],
  email_verified: (_, t) => [
    t("events.emailVerified"),
    t("events.emailVerifiedDetail"),
  ],
  phone_changed: (d, t) => [
    t("events.phoneChanged"),
    d.to ? t("events.phoneChangedDetail", { to: String(d.to) }) : "",
  ],
  password_reset: (_, t) => [
    t("events.passwordReset"),
    t("events.passwordResetDetail"),
  ],
  email_changed: (_, t) => [
    t("events.emailChanged"),
    t("events.emailChangedDetail"),
  ],
  email_change_requested: (d, t) => [
    t("events.emailChangeRequested"),
    d.to ? t("events.emailChangeRequestedDetail", { to: String(d.to) }) : "",
  ],
  email_change_cancelled: (_, t) => [
    t("events.emailChangeCancelled"),
    t("events.emailChangeCancelledDetail"),
  ],
  // Written as an account that never proved its address goes: no one is left to read it.
  account_removed: (_, t) => [
    t("events.accountRemoved"),
    t("events.accountRemovedDetail"),
  ],
  // The action is the console's own name for it, recorded as is.
  admin_request: (d, t) => [t("events.consoleRequest"), String(d.action ?? "")],
  account_unlocked: (_, t) => [t("events.signInUnlocked"), ""],
  account_switched_off: (_, t) => [
    t("events.switchedOff"),
    t("events.everyDeviceSignedOut"),
  ],
  account_switched_on: (_, t) => [t("events.switchedOn"), ""],
  locked_down: (_, t) => [t("events.lockedDown"), t("events.lockedDownDetail")],
  deletion_requested: (_, t) => [
    t("events.deletionRequested"),
    t("events.deletionRequestedDetail"),
  ],
  deletion_cancelled: (_, t) => [
    t("events.deletionCancelled"),
    t("events.deletionCancelledDetail"),
  ],
  account_erased: (_, t) => [t("events.erased"), ""],
  recovery_requested: (_, t) => [
    t("events.recoveryRequested"),
    t("events.recoveryRequestedDetail"),
  ],
  recovery_started: (d, t) => [
    t("events.recoveryStarted"),
    d.to ? t("events.recoveryStartedDetail", { to: String(d.to) }) : "",
  ],
  recovery_cancelled: (d, t) => [
    t("events.recoveryCancelled"),
    t(`events.recoveryCancelledBy.${CANCELLED_BY[String(d.by)] ?? "link"}`),
  ],
  recovery_completed: (d, t) => [
    t("events.recoveryCompleted"),
    d.to ? t("events.recoveryCompletedDetail", { to: String(d.to) }) : "",
  ],
};

/** What ended a recovery, as recorded, to its message; anything else was the cancel link. */
const CANCELLED_BY: Record<
  string,
  "signIn" | "lockDown" | "switchOff" | "codesOff"
> = {
  "sign-in": "signIn",
  "lock-down": "lockDown",
  "switch-off": "switchOff",
  "codes-off": "codesOff",
};

function codesLeft(d: Detail, t: Translator): string {
  const count = countOf(d.left);
  return count === null ? "" : t("events.codesLeft", { count });
}

function attemptsLeft(d: Detail, t: Translator): string {
  const count = countOf(d.attemptsLeft);
  return count === null ? "" : t("events.attemptsLeft", { count });
}

export function describeEvent(
  type: AuthEventType,
  detail: unknown,
  locale: Locale = DEFAULT_LOCALE,
) {
  const t = accountIn(locale);
  const d = detail && typeof detail === "object" ? (detail as Detail) : {};
  const [what, more] = DESCRIBE[type](d, t);
  // What an operator did in the console says so, whatever it was.
  if (d.by === "support")
    return {
      what,
      detail: more
        ? t("events.bySupportWith", { detail: more })
        : t("events.bySupport"),
    };
  return { what, detail: more };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface WhenOptions {
  now?: Date;
  locale?: Locale;
  /** Inside a sentence ("signed in 5 min ago"), not on its own ("5 min ago"). */
  inline?: boolean;
}

/** "Just now", "5 min ago", "3 h ago", then a UTC date: the server cannot know the reader's zone. */
export function describeWhen(
  at: Date,
  {
    now = new Date(),
    locale = DEFAULT_LOCALE,
    inline = false,
  }: WhenOptions = {},
): string {
  const t = accountIn(locale);
  const ago = now.getTime() - at.getTime();
  const form = inline ? "when.inline" : "when";
  if (ago < MINUTE) return t(`${form}.justNow`);
  if (ago < HOUR)
    return t(`${form}.minutesAgo`, { minutes: Math.floor(ago / MINUTE) });
  if (ago < DAY)
    return t(`${form}.hoursAgo`, { hours: Math.floor(ago / HOUR) });
  return t(`${form}.date`, { date: formatDateTime(at, locale) });
}
