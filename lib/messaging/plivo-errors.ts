import { MessagingError, type MessagingErrorKind } from "./types";

// How plivo 4.79 fails (read in node_modules/plivo/dist/rest/axios.js):
// - an HTTP error answer rejects with a PlivoRestError subclass carrying `status` and Plivo's `error` text
//   as `message` — or, for statuses it has no class for, with `new Error(axiosError)` ("...status code 403");
// - no answer at all (refused, reset, DNS, timeout) rejects with a bare string: the axios error's stack.
// The SDK errors also carry the request body (`moreInfo`, i.e. the SMS text with the code), so they are
// never passed on as `cause`: only the status and Plivo's message survive.

const NETWORK =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNABORTED|socket hang up|timeout|network error/i;
// Plivo's documented voice texts: "Calls to this destination country are barred." / "...number are barred."
// Messaging geo permissions block "at the API level"; the SDK itself treats any 403 on POST
// Message/, Call/ or Session/ as a GeoPermissionError, so a 403 on a send is read the same way.
const GEO =
  /geo.?permission|\bbarred\b|country[^.]*\b(not enabled|disabled|blocked|not allowed|not permitted)\b/i;
const AUTH = /authenticat|credential|unauthori[sz]ed|auth.?id|auth.?token/i;
const INVALID_NUMBER =
  /\b(dst|to|destination|number|phone)\b[^.]*\binvalid\b|\binvalid\b[^.]*\b(dst|to|destination|number|phone)\b|not a valid (phone )?number/i;

export type PlivoOperation = "send" | "check";

function readStatus(err: unknown, text: string): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status === "number") return status;
  const match = /status code (\d{3})|\[HTTP (\d{3})\]/.exec(text);
  return match ? Number(match[1] ?? match[2]) : undefined;
}

function readText(err: unknown): string {
  if (typeof err === "string") return err.split("\n")[0] ?? "";
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === "string"
    ? message
    : JSON.stringify(message ?? String(err));
}

function classify(
  err: unknown,
  op: PlivoOperation,
  status: number | undefined,
  text: string,
): MessagingErrorKind {
  if (status === undefined) {
    // A bare string is the SDK's "no HTTP answer" path; an Error without status may be ours (deadline).
    return typeof err === "string" || NETWORK.test(text)
      ? "network"
      : "rejected";
  }
  if (status === 401) return "auth";
  if (GEO.test(text)) return "geo-permission";
  if (status === 403)
    return op === "send" && !AUTH.test(text) ? "geo-permission" : "auth";
  if (status >= 400 && status < 500 && INVALID_NUMBER.test(text))
    return "invalid-number";
  return "rejected";
}

export function toMessagingError(
  err: unknown,
  op: PlivoOperation,
): MessagingError {
  if (err instanceof MessagingError) return err;
  const text = readText(err).slice(0, 300);
  const status = readStatus(err, text);
  const kind = classify(err, op, status, text);
  const detail = status === undefined ? text : `HTTP ${status}: ${text}`;
  return new MessagingError(kind, `Plivo ${op} failed (${kind}): ${detail}`, {
    status,
    message: text,
  });
}
