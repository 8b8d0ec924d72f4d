"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { finishSignIn } from "@/app/verify/finish-sign-in";
import { useSubmit } from "./use-submit";

/**
 * Submits a first-step form (signup or password) to its API route and, when a code is on its
 * way, goes to the code step with the page to return to. On a remembered device the password
 * step already completed the second factor, so it signs in at once.
 */
export function useFirstStep(url: string, returnTo: string) {
  const router = useRouter();
  const { pending, error, submit } = useSubmit<{
    next: string;
    signIn?: boolean;
  }>(url, {
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
