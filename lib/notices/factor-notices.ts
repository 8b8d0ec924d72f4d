import { notice } from "./notice";
import { passkeyNameForNotice } from "@/lib/factors/passkey-name";

/** A passkey's name as plain words, for `a passkey named "Laptop"`; a name unfit to repeat is left out. */
export const passkeyNamed = (name: string | null) => {
  const shown = name === null ? null : passkeyNameForNotice(name);
  return shown === null
    ? { named: "no", passkey: "" }
    : { named: "yes", passkey: shown };
};

// Notices about the account's sign-in methods and its password (NIST SP 800-63B-4 §4.2: recovery
// codes used or replaced; ASVS 4.0.3 2.5.5: any factor changed). Each is emailed and texted.

const NOT_YOU = { notYou: true } as const;

export const FACTOR_NOTICES = {
  authenticatorAdded: () =>
    notice("authenticator added", "authenticatorAdded", {}, NOT_YOU),
  authenticatorRemoved: () =>
    notice("authenticator removed", "authenticatorRemoved", {}, NOT_YOU),
  passkeyAdded: (name: string) =>
    notice("passkey added", "passkeyAdded", passkeyNamed(name), NOT_YOU),
  passkeyRemoved: (name: string) =>
    notice("passkey removed", "passkeyRemoved", passkeyNamed(name), NOT_YOU),
  recoveryCodesMade: () =>
    notice("recovery codes made", "recoveryCodesMade", {}, NOT_YOU),
  recoveryCodeUsed: (left: number) =>
    notice("recovery code used", "recoveryCodeUsed", { left }, NOT_YOU),
  textCodesOff: () => notice("text codes off", "textCodesOff", {}, NOT_YOU),
  textCodesOn: () => notice("text codes on", "textCodesOn", {}, NOT_YOU),
  passwordChanged: () =>
    notice("password changed", "passwordChanged", {}, NOT_YOU),
};
