import "server-only";

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
