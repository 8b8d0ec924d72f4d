"use client";

import { useState } from "react";
import type { ApiError } from "@/lib/http/types";
import { postJson } from "./post-json";

/** One POST at a time to an API route: whether it is on its way, its refusal, and its success. */
export function useSubmit<T extends object = object>(url: string) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<T | null>(null);

  async function submit(body: unknown): Promise<T | null> {
    setPending(true);
    setError(null);
    const result = await postJson<T>(url, body);
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return null;
    }
    setDone(result);
    return result;
  }

  return { pending, error, done, submit };
}
