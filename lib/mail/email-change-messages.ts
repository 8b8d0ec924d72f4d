import type { EmailMessage } from "./types";

// The emails of "Change email". Two carry a link: the new address's, that proves it, and the
// current address's, that can only cancel the change (it signs no one in and changes nothing else,
// so a copy of it is worth nothing to a phisher). The others are notices whose one link, added when
// sent, is "This wasn't me" (lib/notices/notify.ts), which grants nothing either.

type Content = Omit<EmailMessage, "to">;

/** "ada@example.com" → "a•••@example.com": enough for the owner to recognise, not to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}

export function emailChangeLinkEmail(
  link: string,
  ttlSeconds: number,
): Content {
  const hours = Math.round(ttlSeconds / 3600);
  return {
    subject: "Confirm your new email address for Twostep",
    text: [
      "Hello,",
      "",
      "Someone signed in to a Twostep account asked to use this address for it. If that was you, confirm it here:",
      "",
      link,
      "",
      `The link works once, for ${hours} hours. Until it is used the account keeps its old address. If you did not ask, ignore this email.`,
      "",
    ].join("\n"),
  };
}

/** To the owner of an address someone tried to move another account to: nothing changed. */
export function emailInUseNoticeEmail(appUrl: string): Content {
  const host = new URL(appUrl).host;
  return {
    subject: "Someone tried to use your email address on Twostep",
    text: [
      "Hello,",
      "",
      "Someone signed in to another Twostep account asked to change its email address to this one. This address already belongs to your account, so nothing was changed and your account is as it was.",
      "",
      `If you did this yourself, the other account can keep its own address. If you are worried about your own account, sign in at ${host} and check its recent activity.`,
      "",
    ].join("\n"),
  };
}

/** To the old address once the new one is proven. */
export function emailChangedNoticeEmail(
  appUrl: string,
  newEmail: string,
): Content {
  const host = new URL(appUrl).host;
  return {
    subject: "The email address of your Twostep account was changed",
    text: [
      "Hello,",
      "",
      `The email address of your Twostep account was just changed from this address to ${maskEmail(newEmail)}. Sign-in and password resets now use the new address; this one will get no more email about the account.`,
      "",
      `If this was not you, lock the account down with the "This wasn't me" link below: every device is signed out and no one signs in again before a password reset. Then go to ${host} and check your account.`,
      "",
    ].join("\n"),
  };
}

export const EMAIL_CHANGE_REQUESTED_SUBJECT =
  "Someone asked to change the email address of your Twostep account";

/** To the current address when a change is asked for: what is pending, and its cancel link. */
export function emailChangeRequestedEmail(
  newEmail: string,
  cancelLink: string,
  ttlSeconds: number,
): Content {
  const hours = Math.round(ttlSeconds / 3600);
  return {
    subject: EMAIL_CHANGE_REQUESTED_SUBJECT,
    text: [
      "Hello,",
      "",
      `Someone signed in to your Twostep account asked to change its email address to ${maskEmail(newEmail)}. Nothing changes unless a link sent to that address is opened.`,
      "",
      "If this was you, there is nothing to do. If this was not you, cancel the change here. The link only cancels it, signs no one in, and works once:",
      "",
      cancelLink,
      "",
      `It works for ${hours} hours, as long as the change is pending. You can also sign in and choose "Cancel email change" on your account. Then change your password: whoever asked was signed in to your account.`,
      "",
    ].join("\n"),
  };
}
