import type { EmailMessage } from "./types";

// The emails that carry a link, in plain text. Security notices, which never carry one, live in
// lib/notices.

type Content = Omit<EmailMessage, "to">;

const minutes = (seconds: number) => Math.round(seconds / 60);

export function verificationEmail(link: string, ttlSeconds: number): Content {
  const hours = Math.round(ttlSeconds / 3600);
  return {
    subject: "Confirm your email address for Twostep",
    text: [
      "Hello,",
      "",
      "Please confirm that this is your email address for your Twostep account:",
      "",
      link,
      "",
      `The link works once, for ${hours} hours. If you did not create a Twostep account, ignore this email.`,
      "",
    ].join("\n"),
  };
}

export function resetEmail(link: string, ttlSeconds: number): Content {
  return {
    subject: "Reset your Twostep password",
    text: [
      "Hello,",
      "",
      "Someone asked to reset the password of your Twostep account. To choose a new one, open:",
      "",
      link,
      "",
      `The link works once, for ${minutes(ttlSeconds)} minutes, and we will ask for a code sent to your phone first.`,
      "If you did not ask, ignore this email: your password stays as it is.",
      "",
    ].join("\n"),
  };
}
