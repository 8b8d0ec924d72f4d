/**
 * The SMS body. Its last line is the WebOTP origin-bound line (`@host #code`), which lets Chrome
 * and Safari offer the code to this site only.
 */
export function smsText(
  code: string,
  appUrl: string,
  ttlSeconds: number,
): string {
  const host = new URL(appUrl).hostname;
  const minutes = Math.max(1, Math.round(ttlSeconds / 60));
  const expiry = `It expires in ${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `Your Twostep code is ${code}. ${expiry}. Never share it.\n\n@${host} #${code}`;
}
