import "server-only";
import { NextResponse } from "next/server";
import {
  ERRORS,
  sayError,
  type ErrorCode,
  type ErrorKey,
  type Refusal,
} from "@/lib/errors";
import { errorWords } from "@/lib/i18n/catalogues/errors";
import { apiRequestLocale } from "./locale";
import type { ApiError, ApiResult } from "./types";

// Every API handler answers in one shape: { ok: true, ...data } or { ok: false, error }. A
// refusal's status and finality come from the catalogue in lib/errors.ts; its message, and those
// of its fields, are said in the request's language (lib/i18n/messages/<locale>/errors.json).

type Details = Omit<ApiError, "code" | "message" | "final">;

export function ok<T extends object>(data: T, init?: ResponseInit) {
  return NextResponse.json<ApiResult<T>>({ ok: true, ...data }, init);
}

export function fail(code: ErrorCode, details: Details = {}) {
  const { status, final } = ERRORS[code];
  const t = errorWords(apiRequestLocale());
  const say = (key: ErrorKey) => t(key);
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (details.retryAfterSeconds !== undefined)
    headers["retry-after"] = String(details.retryAfterSeconds);
  // A field's message is named in English (ERRORS.X.message, by schemas and steps alike).
  const fields = details.fields && {
    fields: Object.fromEntries(
      Object.entries(details.fields).map(([name, text]) => [
        name,
        sayError(text, say),
      ]),
    ),
  };
  return NextResponse.json<ApiResult>(
    {
      ok: false,
      error: { code, message: t(code), final, ...details, ...fields },
    },
    { status, headers },
  );
}

/** The reply to a use case's refusal. */
export function refused(refusal: Refusal) {
  const { retryAfterSeconds, attemptsLeft, fields } = refusal;
  return fail(refusal.error, { retryAfterSeconds, attemptsLeft, fields });
}
