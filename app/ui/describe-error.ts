import type { ApiError } from "@/lib/http/types";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** How long to wait, in words a person reads at a glance: "45 s", "5 min", "1 h". */
export function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.ceil(seconds / 60)} min`;
  return `${Math.ceil(seconds / 3600)} h`;
}

/** An API error as the sentence shown to the person: its message, plus attempts left or when to retry. */
export function describeError(error: ApiError): string {
  if (error.code === "WRONG_CODE" && error.attemptsLeft !== undefined) {
    return `${error.message} ${plural(error.attemptsLeft, "attempt")} left.`;
  }
  if (error.retryAfterSeconds)
    return `${error.message} Try again in ${describeWait(error.retryAfterSeconds)}.`;
  return error.message;
}
