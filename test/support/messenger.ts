import { randomUUID } from "node:crypto";
import type { CallRequest, Messenger, SmsRequest } from "@/lib/messaging/types";

export interface RecordingMessenger extends Messenger {
  sms: SmsRequest[];
  calls: CallRequest[];
}

/**
 * A fake provider that keeps every request whole (the outbox keeps only the text), so tests can
 * inspect a call's answer URL. With `fail`, every send is recorded and then rejects with it.
 */
export function createRecordingMessenger(
  options: { fail?: Error } = {},
): RecordingMessenger {
  const sms: SmsRequest[] = [];
  const calls: CallRequest[] = [];
  const receipt = async () => {
    if (options.fail) throw options.fail;
    return { id: `recorded-${randomUUID()}` };
  };
  return {
    kind: "outbox",
    sms,
    calls,
    async sendSms(req) {
      sms.push(req);
      return receipt();
    },
    async placeCall(req) {
      calls.push(req);
      return receipt();
    },
    async check() {},
  };
}

/** The digits a call speaks ("Your Twostep code is. 0. 4. 2…") joined back into the code. */
export function codeFromSpokenText(text: string, digits = 6): string {
  return (text.match(/\d/g) ?? []).slice(0, digits).join("");
}

/** The code in an SMS body's WebOTP last line (`@host #123456`). */
export function codeFromSmsText(text: string): string {
  const match = text
    .split("\n")
    .at(-1)
    ?.match(/ #(\d+)$/);
  if (!match) throw new Error(`no code line in SMS: ${text}`);
  return match[1]!;
}
