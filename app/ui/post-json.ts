import { CLIENT_MESSAGES } from "@/lib/errors";
import type { ApiError, ApiResult } from "@/lib/http/types";

export type PostResult<T extends object> = ApiResult<T>;

// No reply came, so no reply says it in the page's language: said in English from the catalogue,
// it is told in the page's by the hook that shows it (useSubmit, app/ui/describe-error.ts).
const OFFLINE: ApiError = {
  code: "SERVICE_UNAVAILABLE",
  message: CLIENT_MESSAGES.unreachable,
  final: false,
};

/** POSTs JSON to one of our API routes and returns its one response shape, even on network errors. */
export async function postJson<T extends object = object>(
  url: string,
  body: unknown,
): Promise<PostResult<T>> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const data = (await response
      .json()
      .catch(() => null)) as PostResult<T> | null;
    return data && typeof data.ok === "boolean"
      ? data
      : { ok: false, error: OFFLINE };
  } catch {
    return { ok: false, error: OFFLINE };
  }
}
