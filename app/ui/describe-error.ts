import { createTranslator, useTranslations } from "next-intl";
import { useCallback } from "react";
import { ERRORS, sayError, type ErrorCode, type ErrorKey } from "@/lib/errors";
import type { ApiError } from "@/lib/http/types";
import english from "@/lib/i18n/messages/en/errors.json";

// An API error as the one sentence a person reads: its message, plus the attempts left or when to
// try again, in the page's language. The server says the message in the request's language; the
// details are worded here, with the "Errors" namespace every page sends its client components.
// useSubmit tells each error once with useTellError(), so describeError(error) stays a plain
// function any component calls during render.

type DetailKey = "details.attemptsLeft" | "details.retryIn" | "details.wait";

/** The Errors namespace's translator: useTranslations("Errors"), or createTranslator's. */
export type ErrorWords = (
  key: ErrorKey | DetailKey,
  values?: Record<string, string | number>,
) => string;

/** An error as a page shows it: told in the page's language, its sentence ready for describeError. */
export interface ShownError extends ApiError {
  sentence?: string;
}

const ENGLISH: ErrorWords = createTranslator({
  locale: "en",
  messages: { Errors: english },
  namespace: "Errors",
});

/** How long to wait, in words a person reads at a glance: "45 s", "5 min", "1 h". */
export function describeWait(seconds: number, t: ErrorWords = ENGLISH): string {
  if (seconds < 90)
    return t("details.wait", { unit: "second", count: seconds });
  if (seconds < 5400)
    return t("details.wait", {
      unit: "minute",
      count: Math.ceil(seconds / 60),
    });
  return t("details.wait", { unit: "hour", count: Math.ceil(seconds / 3600) });
}

function sentenceOf(error: ApiError, t: ErrorWords): string {
  const { message } = error;
  if (error.code === "WRONG_CODE" && error.attemptsLeft !== undefined)
    return t("details.attemptsLeft", { message, count: error.attemptsLeft });
  if (error.retryAfterSeconds)
    return t("details.retryIn", {
      message,
      wait: describeWait(error.retryAfterSeconds, t),
    });
  return message;
}

/**
 * The error in `t`'s language: the words the browser made in English (a lost connection, a
 * cancelled passkey…) translated, the server's kept as it said them, and its whole sentence added.
 */
export function tellError(error: ApiError, t: ErrorWords): ShownError {
  const told: ApiError = { ...error, message: sayError(error.message, t) };
  if (error.fields)
    told.fields = Object.fromEntries(
      Object.entries(error.fields).map(([name, text]) => [
        name,
        sayError(text, t),
      ]),
    );
  return { ...told, sentence: sentenceOf(told, t) };
}

/**
 * An error the browser makes itself (a passkey prompt cancelled, a session not made): its English
 * message is its identity, told in the page's language by useSubmit or useTellError, never shown
 * as it is.
 */
export function browserError(code: ErrorCode): ApiError {
  return { code, message: ERRORS[code].message, final: false };
}

/** Tells errors in the page's language, for a hook that keeps them (useSubmit). */
export function useTellError(): (error: ApiError) => ShownError {
  const t = useTranslations("Errors");
  return useCallback((error: ApiError) => tellError(error, t), [t]);
}

/** An API error as the sentence shown to the person; in English unless it was told (tellError). */
export function describeError(error: ShownError): string {
  return error.sentence ?? sentenceOf(error, ENGLISH);
}
