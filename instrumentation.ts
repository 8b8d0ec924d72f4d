// Runs once when the server starts: a bad environment stops it here with one clear message,
// instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("@/lib/env");
  const env = getEnv();
  if (env.production && env.messaging === "outbox") {
    const line = "!".repeat(72);
    console.warn(
      `${line}\n  MESSAGING=outbox in production: codes are NOT sent. They are readable at\n` +
        `  /api/dev/outbox by anyone. Use this only for end-to-end tests.\n${line}`,
    );
  }
}
