"use client";

import { useState } from "react";
import type { ApiError } from "@/lib/http/types";
import { describeError, useTellError } from "./describe-error";
import { postJson, type PostResult } from "./post-json";

/** What a submit sends: an API route's path, or a function for a step of several requests. */
export type SubmitTarget<T extends object> =
  string | ((body: unknown) => Promise<PostResult<T>>);

export interface SubmitOptions<T extends object> {
  /**
   * Runs on success while the button still says it is busy (a refresh, the next step of a
   * sign-in). An error it returns is shown as the request's own would be.
   */
  onDone?: (
    result: T,
  ) => ApiError | null | void | Promise<ApiError | null | void>;
  /** Runs on a refusal, e.g. to show the attempts left beside the field. */
  onError?: (error: ApiError) => void;
  /** Success moves the page on (a navigation or a refresh that replaces it): stay busy until then. */
  leaves?: boolean;
}

/**
 * One submit at a time, the way every form of this app sends: whether it is on its way, its
 * refusal (as one sentence with the wait or attempts left, and per field), and its success.
 */
export function useSubmit<T extends object = object>(
  target: SubmitTarget<T>,
  options: SubmitOptions<T> = {},
) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<T | null>(null);
  // Each refusal is told once, in the page's language, as it arrives: describeError then reads it.
  const tell = useTellError();

  async function submit(body: unknown = {}): Promise<T | null> {
    setPending(true);
    setError(null);
    const result =
      typeof target === "string"
        ? await postJson<T>(target, body)
        : await target(body);
    if (!result.ok) {
      const told = tell(result.error);
      setError(told);
      setPending(false);
      options.onError?.(told);
      return null;
    }
    const failed = await options.onDone?.(result);
    if (failed) {
      setError(tell(failed));
      setPending(false);
      return null;
    }
    setDone(result);
    if (!options.leaves) setPending(false);
    return result;
  }

  /** Back to the start: no error, nothing done (e.g. when a closed form opens again). */
  function reset() {
    setError(null);
    setDone(null);
  }

  const fields = error?.fields ?? {};
  return {
    pending,
    error,
    done,
    submit,
    reset,
    /** The refusal as one sentence, or null. */
    message: error ? describeError(error) : null,
    /** The refusal as one sentence unless it names fields (shown beside them instead). */
    formMessage: error && !error.fields ? describeError(error) : null,
    fields,
  };
}
