import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StepUp } from "@/app/admin/step-up";
import { StatusPage } from "@/app/ui/status-page";
import type { ErrorCode } from "@/lib/errors";
import { isConsolePath, PAGE_PATH_HEADER } from "@/lib/http/page-path";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Ui.forbidden");
  return { title: t("title") };
}

/**
 * Why the console refuses. Next renders this boundary into every page's payload, shown only if the
 * page calls forbidden(), and only the console's pages do: any other page answers at once, so none
 * pays for the session, the admin role and the console's guards (a query, and next-auth loaded on
 * a signed-out page's cold start) for a 403 it will never show.
 */
async function whyConsoleRefuses(): Promise<ErrorCode> {
  const path = (await headers()).get(PAGE_PATH_HEADER) ?? "";
  if (!isConsolePath(path)) return "FORBIDDEN";
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
