import type { Metadata } from "next";
import Link from "next/link";
import { AuthenticatorSetup } from "@/app/account/authenticator-setup";
import { RiskNotice } from "@/app/account/risk-notice";
import { requireUser } from "@/lib/auth/session";
import { summarizeFactors } from "@/lib/factors/records";
import styles from "./page.module.css";

export const metadata: Metadata = { title: "Your account is ready" };
export const dynamic = "force-dynamic";

/** Where sign-up ends: the offer of a stronger factor than the phone, which may be skipped. */
export default async function WelcomePage() {
  const user = await requireUser("/welcome");
  const factors = await summarizeFactors(user.id).catch(() => null);
  return (
    <section className="card">
      <h1>Your account is ready</h1>
      {factors?.totp ? (
        <p className="lead">
          Your authenticator app is on: sign-in will ask for its code.
        </p>
      ) : (
        <>
          <p className="lead">One more step makes it safer. It is optional.</p>
          <div className={styles.offer}>
            <RiskNotice />
            <AuthenticatorSetup />
          </div>
        </>
      )}
      <p className="switch">
        <Link href="/account">
          {factors?.totp ? "Continue to your account" : "Skip for now"}
        </Link>
      </p>
    </section>
  );
}
