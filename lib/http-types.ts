import type { ErrorCode } from "@/lib/errors";

// Shared with client components: the error part of every API response.
export interface ApiError {
  code: ErrorCode | "SERVICE_UNAVAILABLE";
  message: string;
  retryAfterSeconds?: number;
  attemptsLeft?: number;
  fields?: Record<string, string>;
}
