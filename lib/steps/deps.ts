import "server-only";
import type { SendDeps } from "@/lib/challenge/send";
import { getEnv } from "@/lib/env";
import { getMessenger } from "@/lib/messaging";
import { getChallengeStore } from "@/lib/store";

/** The ports a step uses, from the environment; tests build their own. */
export function stepDeps(): SendDeps {
  return {
    store: getChallengeStore(),
    messenger: getMessenger(),
    appUrl: getEnv().appUrl,
  };
}
