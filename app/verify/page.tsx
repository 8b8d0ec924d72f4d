import type { Metadata } from "next";
import Link from "next/link";
import { readChallengeCookie } from "@/lib/http/challenge-cookie";
import { toChallengeView } from "@/lib/challenge/view";
import { ERRORS } from "@/lib/errors";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { getChallengeStore } from "@/lib/store";
import { SecondFactorStep } from "./second-factor";

export const metadata: Metadata = { title: "Enter your code" };
export const dynamic = "force-dynamic";

// A code store outage must not crash the page: it says so, and nothing can be verified meanwhile.
async function loadChallenge() {
  const id = await readChallengeCookie("code-step");
  if (!id) return null;
  return getChallengeStore()
    .getChallenge(id)
    .catch((error: Error) => {
      console.error("verify page: code store failed: %s", error.message);
      return "unavailable" as const;
    });
}

export default async function VerifyPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { callbackUrl } = await searchParams;
  const next = safeRedirectPath(
    typeof callbackUrl === "string" ? callbackUrl : null,
  );
  const challenge = await loadChallenge();
  if (
    !challenge ||
    challenge === "unavailable" ||
    challenge.status === "verified"
  ) {
    const down = challenge === "unavailable";
    return (
      <section className="card">
        <h1>Enter your code</h1>
        <p className={down ? "alert error" : "alert info"} role="alert">
          {down
            ? ERRORS.SERVICE_UNAVAILABLE.message
            : ERRORS.NO_CHALLENGE.message}
        </p>
        <p className="switch">
          {down ? (
            <Link href={`/verify?callbackUrl=${encodeURIComponent(next)}`}>
              Try again
            </Link>
          ) : (
            <>
              <Link href="/login">Sign in</Link> or{" "}
              <Link href="/signup">create an account</Link>
            </>
          )}
        </p>
      </section>
    );
  }
  const view = toChallengeView(challenge);
  return (
    <section className="card">
      <SecondFactorStep initial={view} next={next} />
    </section>
  );
}
