import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/app/ui/client-messages";
import { readChallengeCookie } from "@/lib/http/challenge-cookie";
import { toChallengeView } from "@/lib/challenge/view";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { getChallengeStore } from "@/lib/store";
import { SecondFactorStep } from "./second-factor";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Signin.verify");
  return { title: t("title") };
}
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
  const [{ callbackUrl }, t, sayError] = await Promise.all([
    searchParams,
    getTranslations("Signin.verify"),
    getTranslations("Errors"),
  ]);
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
        <h1>{t("title")}</h1>
        <p className={down ? "alert error" : "alert info"} role="alert">
          {down ? sayError("SERVICE_UNAVAILABLE") : sayError("NO_CHALLENGE")}
        </p>
        <p className="switch">
          {down ? (
            <Link href={`/verify?callbackUrl=${encodeURIComponent(next)}`}>
              {t("tryAgain")}
            </Link>
          ) : (
            t.rich("startOver", {
              login: (chunks) => <Link href="/login">{chunks}</Link>,
              signup: (chunks) => <Link href="/signup">{chunks}</Link>,
            })
          )}
        </p>
      </section>
    );
  }
  const view = await toChallengeView(challenge);
  return (
    <section className="card">
      <ClientMessages pick={["Signin"]}>
        <SecondFactorStep initial={view} next={next} />
      </ClientMessages>
    </section>
  );
}
