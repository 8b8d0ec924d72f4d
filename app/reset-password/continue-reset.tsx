"use client";

import { useRouter } from "next/navigation";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { useLinkToken } from "@/app/ui/use-link-token";
import { useSubmit } from "@/app/ui/use-submit";
import { Button } from "@/app/ui/button";

/**
 * "Continue" spends the link and starts the account's code step. A button rather than on load:
 * mail scanners that open links must not use them up.
 */
export function ContinueReset() {
  const t = useTranslations("Pages.resetPassword");
  const router = useRouter();
  const token = useLinkToken();
  const { pending, error, submit } = useSubmit("/api/password/reset/start");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const started = await submit({ token });
    if (started) router.push("/verify?callbackUrl=%2Freset-password%2Fnew");
  }

  if (token === "")
    return (
      <p className="alert error" role="alert">
        {t.rich("incomplete", {
          link: (chunks) => <Link href="/forgot-password">{chunks}</Link>,
        })}
      </p>
    );
  if (error?.final)
    return (
      <>
        <p className="alert error" role="alert">
          {describeError(error)}
        </p>
        <p className="switch">
          <Link href="/forgot-password">{t("askAgain")}</Link>
        </p>
      </>
    );
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <FormAlert error={error ? describeError(error) : null} />
      <Button type="submit" disabled={pending || token === null}>
        {pending ? t("continuing") : t("continue")}
      </Button>
    </form>
  );
}
