"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { digestOf, StatusPage } from "./status-page";
import { Button } from "./button";

// What a failed page shows: what to do next and the reference that finds the server's log line,
// never the error's message.
export function ErrorStatus(props: {
  error: unknown;
  retry: () => void;
  lead: string;
}) {
  const t = useTranslations("Ui.errorStatus");
  return (
    <StatusPage
      eyebrow={t("eyebrow")}
      title={t("title")}
      lead={props.lead}
      actions={
        <div className="actions">
          <Button type="button" onClick={() => props.retry()}>
            {t("retry")}
          </Button>
          <Link className="button-link secondary" href="/">
            {t("home")}
          </Link>
        </div>
      }
      reference={digestOf(props.error)}
    />
  );
}
