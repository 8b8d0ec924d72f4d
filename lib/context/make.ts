import "server-only";
import { getEnv } from "@/lib/env";
import { getMailer } from "@/lib/mail";
import { getMessenger } from "@/lib/messaging";
import { runAfterReply } from "@/lib/runtime/after-reply";
import { getChallengeStore } from "@/lib/store";
import type { RequestFacts, StepContext } from "./index";

/** The context of a request, with the ports the environment configures. */
export function makeStepContext(request: RequestFacts): StepContext {
  return {
    store: getChallengeStore(),
    messenger: getMessenger(),
    mailer: getMailer(),
    appUrl: getEnv().appUrl,
    later: runAfterReply,
    now: Date.now,
    request,
  };
}
