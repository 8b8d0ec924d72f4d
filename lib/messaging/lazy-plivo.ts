import type { PlivoConfig } from "./plivo";
import type { Messenger } from "./types";

/**
 * The Plivo messenger, with its SDK loaded on first use: start-up, health checks of other parts
 * and the outbox never pay for its load time and memory.
 */
export function createLazyPlivoMessenger(config: PlivoConfig): Messenger {
  let loaded: Promise<Messenger> | undefined;
  const plivo = () =>
    (loaded ??= import("./plivo").then((m) => m.createPlivoMessenger(config)));
  return {
    kind: "plivo",
    sendSms: async (req) => (await plivo()).sendSms(req),
    placeCall: async (req) => (await plivo()).placeCall(req),
    check: async () => (await plivo()).check(),
  };
}
