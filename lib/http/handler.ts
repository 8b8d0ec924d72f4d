import "server-only";
import { getEnv } from "@/lib/env";
import { withReplyCookies } from "@/lib/http/cookies";
import { fail } from "./reply";

type Handler = (request: Request) => Promise<Response>;

/**
 * Wraps a state-changing API handler: refuses cross-site requests (CSRF, ASVS 5.0 3.5.1) and turns any
 * failure of a dependency (code store, database) into a 503 with a clear message, so nothing
 * half-done is reported as success and the process never answers with a stack trace.
 */
export function apiHandler(handle: Handler): Handler {
  return (request) => withReplyCookies(request, () => answer(request, handle));
}

/** The cookies a handler sets go on whichever reply it ends with, the 503 included. */
async function answer(request: Request, handle: Handler): Promise<Response> {
  if (!isSameOrigin(request)) return fail("FORBIDDEN");
  try {
    return await handle(request);
  } catch (error) {
    console.error(
      "%s %s failed: %s",
      request.method,
      new URL(request.url).pathname,
      describe(error),
    );
    return fail("SERVICE_UNAVAILABLE");
  }
}

/**
 * Browsers send Origin (and Sec-Fetch-Site) with every cross-origin POST; a request without
 * either is not from a browser page, so it cannot ride on a victim's cookies.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin) {
    const allowed = [
      new URL(getEnv().appUrl).origin,
      new URL(request.url).origin,
    ];
    return allowed.includes(origin);
  }
  const site = request.headers.get("sec-fetch-site");
  return !site || site === "same-origin" || site === "none";
}

function describe(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
}
