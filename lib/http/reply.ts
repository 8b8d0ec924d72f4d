import "server-only";
import { NextResponse } from "next/server";
import { ERRORS, type ErrorCode } from "@/lib/errors";
import type { ApiError, ApiResult } from "./types";

// Every API handler answers in one shape: { ok: true, ...data } or { ok: false, error }.

export function ok<T extends object>(data: T, init?: ResponseInit) {
  return NextResponse.json<ApiResult<T>>({ ok: true, ...data }, init);
}

export function fail(
  status: number,
  code: ErrorCode,
  extra: Omit<ApiError, "code" | "message"> = {},
) {
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (extra.retryAfterSeconds !== undefined)
    headers["retry-after"] = String(extra.retryAfterSeconds);
  return NextResponse.json<ApiResult>(
    { ok: false, error: { code, message: ERRORS[code], ...extra } },
    { status, headers },
  );
}
