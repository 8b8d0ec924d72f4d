import type { ErrorCode } from "@/lib/errors";

// Shared with client components: the one shape every API route answers with.
export interface ApiError {
  code: ErrorCode;
  message: string;
  /** The step cannot go on: the page offers to start again. */
  final: boolean;
  retryAfterSeconds?: number;
  attemptsLeft?: number;
  fields?: Record<string, string>;
}

export type ApiResult<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: ApiError };
