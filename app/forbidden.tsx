import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StepUp } from "@/app/admin/step-up";
import { sentSessionCookie } from "@/app/ui/session-cookie";
import { StatusPage } from "@/app/ui/status-page";
import type { ErrorCode } from "@/lib/errors";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Ui.forbidden");
  return { title: t("title") };
}

/**
 * Why the console refuses. Next renders this boundary into every page's payload, shown only if the
 * page calls forbidden(): a browser with no session is refused without loading the session and the
 * console's guards, so a signed-out page's cold start never pays for a 403 it cannot show. A signed-in
 * page asks, as the answer depends on the person, and a later client-side move to the console shows
 * the 403 this page rendered.
 */
async function whyConsoleRefuses(): Promise<ErrorCode> {
  if (!(await sentSessionCookie())) return "FORBIDDEN";
  return (await import("@/lib/http/console-page")).whyConsoleRefuses();
}

/**
 * The 403 page (forbidden()): today only the operators' console asks for it. An admin whose
 * session lacks a fresh passkey is offered one; a console limit says to wait; anyone else is told
 * no more than that the page is not theirs.
 */
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
