import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthenticatorSetup } from "@/app/account/authenticator-setup";
import { RiskNotice } from "@/app/account/risk-notice";
import { ClientMessages } from "@/app/ui/client-messages";
import { requireUser } from "@/lib/auth/session";
import { summarizeFactors } from "@/lib/factors/records";
import styles from "./page.module.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Signin.welcome");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

/** Where sign-up ends: the offer of a stronger factor than the phone, which may be skipped. */
export default async function WelcomePage() {
  const user = await requireUser("/welcome");
  const [factors, t] = await Promise.all([
    summarizeFactors(user.id).catch(() => null),
    getTranslations("Signin.welcome"),
  ]);
  return (
    <section className="card">
      <h1>{t("title")}</h1>
      {factors?.totp ? (
        <p className="lead">{t("totpOn")}</p>
      ) : (
        <>
          <p className="lead">{t("optional")}</p>
          {/* The account page's own offer: its words are the Account area's. */}
          <ClientMessages pick={["Account"]}>
            <div className={styles.offer}>
              <RiskNotice />
              <AuthenticatorSetup />
            </div>
          </ClientMessages>
        </>
      )}
      <p className="switch">
        <Link href="/account">{factors?.totp ? t("continue") : t("skip")}</Link>
      </p>
    </section>
  );
}
