import "server-only";
import { NextResponse } from "next/server";
import { ERRORS, type ErrorCode, type Refusal } from "@/lib/errors";
import type { ApiError, ApiResult } from "./types";

// Every API handler answers in one shape: { ok: true, ...data } or { ok: false, error }. A
// refusal's status, message and finality come from the catalogue in lib/errors.ts.

type Details = Omit<ApiError, "code" | "message" | "final">;

export function ok<T extends object>(data: T, init?: ResponseInit) {
  return NextResponse.json<ApiResult<T>>({ ok: true, ...data }, init);
}

export function fail(code: ErrorCode, details: Details = {}) {
  const { message, status, final } = ERRORS[code];
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (details.retryAfterSeconds !== undefined)
    headers["retry-after"] = String(details.retryAfterSeconds);
  return NextResponse.json<ApiResult>(
    { ok: false, error: { code, message, final, ...details } },
    { status, headers },
  );
}

/** The reply to a use case's refusal. */
export function refused(refusal: Refusal) {
  const { retryAfterSeconds, attemptsLeft, fields } = refusal;
  return fail(refusal.error, { retryAfterSeconds, attemptsLeft, fields });
}
