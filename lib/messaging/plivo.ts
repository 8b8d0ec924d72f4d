import { Client } from "plivo";
import { toMessagingError, type PlivoOperation } from "./plivo-errors";
import { MessagingError, type Messenger } from "./types";

// The user waits on the send inside a request; Plivo normally answers in well under a second, while the
// SDK sets no timeout on messaging requests (axios default: none) and 5 s per voice attempt (3 attempts).
export const PROVIDER_TIMEOUT_MS = 10_000;
// The SDK's own per-request timeout is only a backstop that frees stuck sockets, kept well past our
// deadline: when axios aborts a response whose headers already arrived, plivo 4.79 throws inside its
// own error handler (PlivoRestError reads `undefined.error`), an unhandled rejection we cannot catch.
const SDK_TIMEOUT_FACTOR = 3;

export interface PlivoConfig {
  authId: string;
  authToken: string;
  from: string; // E.164, the sender number
  /** Overrides PROVIDER_TIMEOUT_MS (tests). */
  timeoutMs?: number;
}

// Bounds the whole operation, including the SDK's voice retries. Promise.race keeps a handler on the
// SDK promise, so its late rejection after the deadline is never unhandled.
function withDeadline<T>(run: () => Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timeout of ${ms}ms exceeded`)),
      ms,
    );
  });
  // Promise.resolve().then turns a synchronous throw inside the SDK into a rejection.
  return Promise.race([Promise.resolve().then(run), deadline]).finally(() =>
    clearTimeout(timer),
  );
}

export function createPlivoMessenger(config: PlivoConfig): Messenger {
  const timeoutMs = config.timeoutMs ?? PROVIDER_TIMEOUT_MS;
  const client = new Client(config.authId, config.authToken, {
    timeout: timeoutMs * SDK_TIMEOUT_FACTOR,
  });

  async function call<T>(
    op: PlivoOperation,
    run: () => Promise<T>,
  ): Promise<T> {
    try {
      return await withDeadline(run, timeoutMs);
    } catch (err) {
      throw toMessagingError(err, op);
    }
  }

  return {
    kind: "plivo",
    async sendSms({ to, text, statusUrl }) {
      // Positional form on purpose: the SDK's single-object form drops `log: false` (`if (log)`).
      const options = {
        ...(statusUrl ? { url: statusUrl, method: "POST" } : {}),
        log: false,
      };
      const res = await call("send", () =>
        client.messages.create(config.from, to, text, options),
      );
      const id = res.messageUuid?.[0];
      if (!id) {
        // The SDK keeps Plivo's invalid_number list under that snake_case name.
        const invalid = (res as { invalid_number?: unknown }).invalid_number;
        const kind = invalid ? "invalid-number" : "rejected";
        throw new MessagingError(
          kind,
          `Plivo send failed (${kind}): no message id in the answer`,
        );
      }
      return { id };
    },
    async placeCall({ to, answerUrl }) {
      const res = await call("send", () =>
        client.calls.create(config.from, to, answerUrl, {
          answerMethod: "POST",
        }),
      );
      const id = [res.requestUuid].flat()[0];
      if (!id) {
        throw new MessagingError(
          "rejected",
          "Plivo call failed (rejected): no request id in the answer",
        );
      }
      return { id };
    },
    async check() {
      await call("check", () => client.accounts.get());
    },
  };
}
