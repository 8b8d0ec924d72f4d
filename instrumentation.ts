// Runs once when the server starts: a bad environment stops it here with one clear message
// instead of failing on the first request; choosing the messenger prints the outbox warning.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("@/lib/env");
  getEnv();
  const { getMessenger } = await import("@/lib/messaging");
  getMessenger();
  // Production without SMTP_URL says here which email features are off.
  const { getMailer } = await import("@/lib/mail");
  getMailer();
}
