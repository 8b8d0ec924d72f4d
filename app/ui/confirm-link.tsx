"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { FormEvent, ReactNode } from "react";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { useLinkToken } from "@/app/ui/use-link-token";
import { useSubmit } from "@/app/ui/use-submit";
import { Button } from "./button";

/**
 * The page an emailed link opens: its token is spent by a button rather than on load, so a mail
 * scanner opening the link does not use it up.
 */
export function ConfirmLink(props: {
  endpoint: string;
  lead: string;
  label: string;
  done: string;
  /** Where a new link can be asked for, when this one is spent, expired or incomplete. */
  again: ReactNode;
  /** Where to go once it is done: the account by default. */
  next?: ReactNode;
}) {
  const t = useTranslations("Ui.confirmLink");
  const token = useLinkToken();
  const { pending, error, done, submit } = useSubmit(props.endpoint);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit({ token });
  }

  if (done)
    return (
      <>
        <p className="alert info" role="status">
          {props.done}
        </p>
        <p className="switch">
          {props.next ?? <Link href="/account">{t("toAccount")}</Link>}
        </p>
      </>
    );
  if (token === "" || error?.final)
    return (
      <>
        <p className="alert error" role="alert">
          {error ? describeError(error) : t("incomplete")}
        </p>
        <p className="switch">{props.again}</p>
      </>
    );
  return (
    <>
      <p className="lead">{props.lead}</p>
      <form method="post" onSubmit={onSubmit} noValidate>
        <FormAlert error={error ? describeError(error) : null} />
        <Button type="submit" disabled={pending || token === null}>
          {pending ? t("confirming") : props.label}
        </Button>
      </form>
    </>
  );
}
