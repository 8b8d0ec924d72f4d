import { randomUUID } from "node:crypto";
import type { CallRequest, Messenger, SmsRequest } from "@/lib/messaging/types";
import type {
  ChallengePurpose,
  ChallengeStore,
  Channel,
} from "@/lib/store/types";

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

export interface StartedChallenge {
  id: string;
  /** The first code, as the phone received it. */
  code: string;
  messenger: RecordingMessenger;
  /** Another code on `channel` (the cooldown passed: `now` defaults to 31 s later); its code. */
  resend(
    channel?: Channel,
    now?: number,
  ): Promise<{ ok: true; code: string } | { ok: false; error: string }>;
}

/**
 * A challenge started as the password step starts one (its first code sent at once), without the
 * send limits, which are not what its callers test. `provider: "plivo"` makes the recording
 * messenger pass for Plivo, so texts carry a status URL when appUrl is public.
 */
export async function startChallengeWithCode(
  store: ChallengeStore,
  options: {
    phone: string;
    purpose?: ChallengePurpose;
    userId?: string | null;
    /** Whose failures the challenge counts toward; a fresh account by default. */
    account?: string;
    channel?: Channel;
    appUrl?: string;
    provider?: "plivo" | "outbox";
    now?: number;
  },
): Promise<StartedChallenge> {
  // Loaded here, not at the top: callers that reload the app (vi.resetModules) get its modules.
  const { newChallengeId } = await import("@/lib/challenge/id");
  const { sendCode } = await import("@/lib/challenge/send");
  const { CHALLENGE_TTL_SECONDS } = await import("@/lib/challenge/policy");
  const {
    phone,
    purpose = "login",
    userId = null,
    channel = "sms",
    appUrl = "https://twostep.example",
    now = Date.now(),
  } = options;
  const id = newChallengeId(
    purpose,
    options.account ?? `user:${userId ?? randomUUID()}`,
  );
  const messenger = {
    ...createRecordingMessenger(),
    kind: options.provider ?? "outbox",
  } as RecordingMessenger;
  const lastCode = (on: Channel) =>
    on === "voice"
      ? codeFromSpokenText(messenger.calls.at(-1)!.spokenText)
      : codeFromSmsText(messenger.sms.at(-1)!.text);
  const deps = (at: number) => ({ store, messenger, appUrl, now: () => at });
  const first = await sendCode(deps(now), {
    id,
    channel,
    issue: (req) =>
      store.startChallenge(
        {
          id,
          purpose,
          userId,
          pendingEmail:
            purpose === "signup" ? `${randomUUID()}@example.com` : null,
          pendingPasswordHash: purpose === "signup" ? "hash" : null,
          phone,
          createdAt: now,
        },
        CHALLENGE_TTL_SECONDS,
        req,
      ),
    admit: async () => null,
  });
  if (!first.ok) throw new Error(`first send refused: ${first.error}`);
  const code = lastCode(channel);
  return {
    id,
    code,
    messenger,
    async resend(again = "sms", at = Date.now() + 31_000) {
      const sent = await sendCode(deps(at), {
        id,
        channel: again,
        issue: (req) => store.issueCode(id, req),
        admit: async () => null,
      });
      if (!sent.ok) return { ok: false, error: sent.error };
      return { ok: true, code: lastCode(again) };
    },
  };
}
