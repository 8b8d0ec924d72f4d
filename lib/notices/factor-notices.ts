import { notice, NOT_YOU } from "./notice";
import { passkeyNameForNotice } from "@/lib/factors/passkey-name";

/** `a passkey named "Laptop"`, quoted as plain words; a name unfit to repeat is left out. */
const passkeyCalled = (article: string, name: string) => {
  const shown = passkeyNameForNotice(name);
  return shown === null
    ? `${article} passkey`
    : `${article} passkey named "${shown}"`;
};

// Notices about the account's sign-in methods and its password (NIST SP 800-63B-4 §4.2: recovery
// codes used or replaced; ASVS 4.0.3 2.5.5: any factor changed). Each is emailed and texted.

export const FACTOR_NOTICES = {
  authenticatorAdded: () =>
    notice(
      "authenticator added",
      "An authenticator app was added to your Twostep account",
      ["An authenticator app was turned on for your Twostep account."],
      `an authenticator app was turned on for your account. ${NOT_YOU}`,
    ),
  authenticatorRemoved: () =>
    notice(
      "authenticator removed",
      "The authenticator app was removed from your Twostep account",
      ["The authenticator app was removed from your Twostep account."],
      `the authenticator app was removed from your account. ${NOT_YOU}`,
    ),
  passkeyAdded: (name: string) =>
    notice(
      "passkey added",
      "A passkey was added to your Twostep account",
      [`${passkeyCalled("A", name)} was added to your Twostep account.`],
      `${passkeyCalled("a", name)} was added to your account. ${NOT_YOU}`,
    ),
  passkeyRemoved: (name: string) =>
    notice(
      "passkey removed",
      "A passkey was removed from your Twostep account",
      [`${passkeyCalled("The", name)} was removed from your Twostep account.`],
      `${passkeyCalled("the", name)} was removed from your account. ${NOT_YOU}`,
    ),
  recoveryCodesMade: () =>
    notice(
      "recovery codes made",
      "New recovery codes were made for your Twostep account",
      [
        "New recovery codes were made for your Twostep account; any older ones no longer work.",
      ],
      `new recovery codes were made for your account; any older ones no longer work. ${NOT_YOU}`,
    ),
  recoveryCodeUsed: (left: number) =>
    notice(
      "recovery code used",
      "A recovery code was used to sign in to your Twostep account",
      [
        `A recovery code was used to sign in to your Twostep account. ${left} unused ${left === 1 ? "code is" : "codes are"} left.`,
      ],
      `a recovery code was used to sign in to your account (${left} left). ${NOT_YOU}`,
    ),
  textCodesOff: () =>
    notice(
      "text codes off",
      "Text-message codes were turned off for your Twostep account",
      [
        "Signing in to your Twostep account no longer accepts codes by text message or phone call: only your passkey, authenticator app or a recovery code. Security notices still come to this phone.",
      ],
      `sign-in no longer accepts codes by text or call, only your passkey, app or a recovery code. ${NOT_YOU}`,
    ),
  textCodesOn: () =>
    notice(
      "text codes on",
      "Text-message codes were turned back on for your Twostep account",
      [
        "Signing in to your Twostep account accepts codes by text message or phone call again.",
      ],
      `sign-in accepts codes by text or call again. ${NOT_YOU}`,
    ),
  passwordChanged: () =>
    notice(
      "password changed",
      "The password of your Twostep account was changed",
      [
        "The password of your Twostep account was changed on the account page, and your other devices were signed out.",
      ],
      `the password of your account was changed, and your other devices were signed out. ${NOT_YOU}`,
    ),
};
