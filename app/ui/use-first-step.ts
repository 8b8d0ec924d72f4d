"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { finishSignIn } from "@/app/verify/finish-sign-in";
import type { ApiError } from "@/lib/http/types";
import { postJson } from "./post-json";

/**
 * Submits a first-step form (signup or password) to its API route and, when a code is on its
 * way, goes to the code step with the page to return to. On a remembered device the password
 * step already completed the second factor, so it signs in at once.
 */
export function useFirstStep(url: string, returnTo: string) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = Object.fromEntries(new FormData(event.currentTarget));
    const result = await postJson<{ next: string; signIn?: boolean }>(
      url,
      form,
    );
    if (result.ok && result.signIn) {
      const failed = await finishSignIn({ next: returnTo, signIn: true });
      if (!failed) return;
      setError(failed);
      setPending(false);
      return;
    }
    if (result.ok)
      return router.push(
        `${result.next}?callbackUrl=${encodeURIComponent(returnTo)}`,
      );
    setError(result.error);
    setPending(false);
  }

  return { pending, error, onSubmit };
}
