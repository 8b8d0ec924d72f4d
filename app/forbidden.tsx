import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StepUp } from "@/app/admin/step-up";
import { StatusPage } from "@/app/ui/status-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Ui.forbidden");
  return { title: t("title") };
}

/**
 * The 403 page (forbidden()): today only the operators' console asks for it. An admin whose
 * session lacks a fresh passkey is offered one; a console limit says to wait; anyone else is told
 * no more than that the page is not theirs.
 */
// Every page's tree holds this boundary, so what it asks (the session, the console's guards) is
// loaded only when it renders: a cold start of any other page never pays for next-auth here.
const whyConsoleRefuses = () =>
  import("@/lib/http/console-page").then((m) => m.whyConsoleRefuses());

export default async function Forbidden() {
  const [code, t, status, sayError] = await Promise.all([
    whyConsoleRefuses(),
    getTranslations("Ui.forbidden"),
    getTranslations("Ui.statusPage"),
    getTranslations("Errors"),
  ]);
  if (code === "PASSKEY_REQUIRED")
    return (
      <StatusPage
        eyebrow={status("error", { status: 403 })}
        title={t("passkeyTitle")}
        lead={t("passkeyLead")}
        actions={<StepUp />}
      />
    );
  const home = (
    <div className="actions single">
      <Link className="button-link" href="/">
        {status("home")}
      </Link>
    </div>
  );
  if (code === "ADMIN_REQUEST_LIMIT")
    return (
      <StatusPage
        eyebrow={status("error", { status: 429 })}
        title={t("limitTitle")}
        lead={sayError("ADMIN_REQUEST_LIMIT")}
        actions={home}
      />
    );
  return (
    <StatusPage
      eyebrow={status("error", { status: 403 })}
      title={t("notYoursTitle")}
      lead={t("notYoursLead")}
      actions={home}
    />
  );
}
