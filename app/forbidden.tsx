import type { Metadata } from "next";
import Link from "next/link";
import { StepUp } from "@/app/admin/step-up";
import { StatusPage } from "@/app/ui/status-page";
import { ERRORS } from "@/lib/errors";
import { whyConsoleRefuses } from "@/lib/http/console-page";

export const metadata: Metadata = { title: "Not allowed" };

const HOME = (
  <div className="actions single">
    <Link className="button-link" href="/">
      Go to the home page
    </Link>
  </div>
);

/**
 * The 403 page (forbidden()): today only the operators' console asks for it. An admin whose
 * session lacks a fresh passkey is offered one; a console limit says to wait; anyone else is told
 * no more than that the page is not theirs.
 */
export default async function Forbidden() {
  const code = await whyConsoleRefuses();
  if (code === "PASSKEY_REQUIRED")
    return (
      <StatusPage
        eyebrow="Error 403"
        title="Confirm it is you with your passkey"
        lead="The console opens only for a passkey used in the last 10 minutes. Sign in again and use your passkey when asked."
        actions={<StepUp />}
      />
    );
  if (code === "ADMIN_REQUEST_LIMIT")
    return (
      <StatusPage
        eyebrow="Error 429"
        title="Too many console requests"
        lead={ERRORS.ADMIN_REQUEST_LIMIT.message}
        actions={HOME}
      />
    );
  return (
    <StatusPage
      eyebrow="Error 403"
      title="This page is not for you"
      lead="Your account cannot open this page."
      actions={HOME}
    />
  );
}
