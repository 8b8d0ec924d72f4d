import type { Metadata } from "next";
import Link from "next/link";
import { readChallengeCookie } from "@/lib/challenge/cookie";
import { toChallengeView } from "@/lib/challenge/view";
import { ERRORS } from "@/lib/errors";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { getCodeStore } from "@/lib/store";
import { VerifyForm } from "./verify-form";

export const metadata: Metadata = { title: "Enter your code" };
export const dynamic = "force-dynamic";

export default async function VerifyPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { callbackUrl } = await searchParams;
  const next = safeRedirectPath(
    typeof callbackUrl === "string" ? callbackUrl : null,
  );
  const id = await readChallengeCookie();
  const challenge = id ? await getCodeStore().getChallenge(id) : null;
  if (!challenge || challenge.status === "verified") {
    return (
      <section className="card">
        <h1>Enter your code</h1>
        <p className="alert info">{ERRORS.NO_CHALLENGE}</p>
        <p className="switch">
          <Link href="/login">Sign in</Link> or{" "}
          <Link href="/signup">create an account</Link>
        </p>
      </section>
    );
  }
  const view = toChallengeView(challenge);
  return (
    <section className="card">
      <h1>Enter your code</h1>
      <p className="lead">
        We sent a 6-digit code to <strong>{view.maskedPhone}</strong>.
      </p>
      <VerifyForm initial={view} next={next} />
    </section>
  );
}
