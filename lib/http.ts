import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { ERRORS, type ErrorCode } from "@/lib/errors";
import type { ApiError } from "@/lib/http-types";

// Every API handler answers in one shape: { ok: true, ...data } or { ok: false, error }.

export type { ApiError };

export type ApiResult<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: ApiError };

/** Bodies larger than this are refused before parsing: no legitimate request comes close. */
export const MAX_BODY_BYTES = 8 * 1024;

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

/** Reads and validates a JSON body; any malformed input becomes a 400 reply, never a throw. */
export async function parseBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ data: z.infer<S> } | { reply: NextResponse }> {
  const text = await request.text().catch(() => null);
  if (text === null || text.length > MAX_BODY_BYTES)
    return { reply: fail(400, "INVALID_INPUT") };
  let json: unknown;
  try {
    json = text === "" ? {} : JSON.parse(text);
  } catch {
    return { reply: fail(400, "INVALID_INPUT") };
  }
  const result = schema.safeParse(json);
  if (result.success) return { data: result.data };
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "form");
    fields[key] ??= issue.message;
  }
  return { reply: fail(400, "INVALID_INPUT", { fields }) };
}

/** Who sent a request, for audit rows and per-IP limits (Vercel sets x-forwarded-for). */
export function requestMeta(request: Request) {
  const forwarded = request.headers
    .get("x-forwarded-for")
    ?.split(",")[0]
    ?.trim();
  return {
    ip: forwarded || request.headers.get("x-real-ip") || null,
    userAgent: request.headers.get("user-agent")?.slice(0, 256) ?? null,
  };
}
