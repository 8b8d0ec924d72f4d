import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/app/ui/client-messages";
import { countryOptions } from "@/lib/phone/countries";
import { SignupForm } from "./signup-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Signin.signup");
  return { title: t("title") };
}

export default async function SignupPage() {
  const [t, locale] = await Promise.all([
    getTranslations("Signin.signup"),
    getLocale(),
  ]);
  return (
    <section className="card">
      <h1>{t("heading")}</h1>
      <p className="lead">{t("lead")}</p>
      <noscript>
        <p className="alert error">{t("noScript")}</p>
      </noscript>
      <ClientMessages pick={["Signin"]}>
        {/* Named here, not in the browser: its own country names could differ and fail hydration. */}
        <SignupForm countries={countryOptions(locale)} />
      </ClientMessages>
      <p className="switch">
        {t.rich("haveAccount", {
          link: (chunks) => <Link href="/login">{chunks}</Link>,
        })}
      </p>
    </section>
  );
}
