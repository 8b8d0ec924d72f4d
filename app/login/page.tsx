import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/app/ui/client-messages";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Signin.login");
  return { title: t("title") };
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ callbackUrl, reset, secondFactor }, t] = await Promise.all([
    searchParams,
    getTranslations("Signin.login"),
  ]);
  const next = safeRedirectPath(
    typeof callbackUrl === "string" ? callbackUrl : null,
  );
  // "Sign in again" for a change that needs a second factor: a remembered browser asks for it too.
  const askSecondFactor = secondFactor === "required";
  return (
    <section className="card">
      <h1>{t("title")}</h1>
      <p className="lead">
        {askSecondFactor ? t("leadSecondFactor") : t("lead")}
      </p>
      {reset === "done" ? (
        <p className="alert info" role="status">
          {t("resetDone")}
        </p>
      ) : null}
      <ClientMessages pick={["Signin"]}>
        <LoginForm next={next} askSecondFactor={askSecondFactor} />
      </ClientMessages>
      <p className="switch">
        {t.rich("newHere", {
          link: (chunks) => <Link href="/signup">{chunks}</Link>,
        })}
      </p>
    </section>
  );
}
