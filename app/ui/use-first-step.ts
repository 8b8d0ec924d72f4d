"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { finishSignIn } from "@/app/verify/finish-sign-in";
import { postJson } from "./post-json";
import { useSubmit } from "./use-submit";

/**
 * Submits a first-step form (signup or password) to its API route and, when a code is on its
 * way, goes to the code step with the page to return to. On a remembered device the password
 * step already completed the second factor, so it signs in at once.
 */
export function useFirstStep(
  url: string,
  returnTo: string,
  /** More for the body, awaited while the button says it is busy (a proof of work). */
  more?: () => Promise<object>,
) {
  const router = useRouter();
  type Reply = { next: string; signIn?: boolean };
  const target = more
    ? async (body: unknown) =>
        postJson<Reply>(url, { ...(body as object), ...(await more()) })
    : url;
  const { pending, error, submit } = useSubmit<Reply>(target, {
    onDone: (result) =>
      result.signIn
        ? finishSignIn({ next: returnTo, signIn: true })
        : router.push(
            `${result.next}?callbackUrl=${encodeURIComponent(returnTo)}`,
          ),
    leaves: true,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(Object.fromEntries(new FormData(event.currentTarget)));
  }

  return { pending, error, onSubmit };
}
