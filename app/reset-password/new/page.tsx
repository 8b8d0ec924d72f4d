import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/app/ui/client-messages";
import { readChallengeCookie } from "@/lib/http/challenge-cookie";
import { getChallengeStore } from "@/lib/store";
import { NewPasswordForm } from "./new-password-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Pages.newPassword");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

// Only the browser whose reset passed its code step gets the form; the API checks it again.
async function resetReady(): Promise<boolean | "unavailable"> {
  const id = await readChallengeCookie("new-password");
  if (!id) return false;
  try {
    const c = await getChallengeStore().getChallenge(id);
    return c?.purpose === "reset" && c.status === "verified";
  } catch (error) {
    console.error(
      "reset page: code store failed: %s",
      (error as Error).message,
    );
    return "unavailable";
  }
}

export default async function NewPasswordPage() {
  const [ready, t] = await Promise.all([
    resetReady(),
    getTranslations("Pages.newPassword"),
  ]);
  return (
    <section className="card">
      <h1>{t("title")}</h1>
      {ready === true ? (
        <>
          <p className="lead">{t("lead")}</p>
          <ClientMessages pick={["Pages"]}>
            <NewPasswordForm />
          </ClientMessages>
        </>
      ) : (
        <>
          <p className="alert error" role="alert">
            {ready === "unavailable" ? t("unavailable") : t("ended")}
          </p>
          <p className="switch">
            <Link href="/forgot-password">{t("askAgain")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
