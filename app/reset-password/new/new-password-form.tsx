"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { describeError } from "@/app/ui/describe-error";
import { Field } from "@/app/ui/field";
import { FormAlert } from "@/app/ui/form-alert";
import { useSubmit } from "@/app/ui/use-submit";
import { Button } from "@/app/ui/button";

export function NewPasswordForm() {
  const t = useTranslations("Pages.newPassword");
  const { pending, error, done, submit } = useSubmit<{ next: string }>(
    "/api/password/reset",
  );

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = new FormData(event.currentTarget).get("password");
    const result = await submit({ password });
    if (result) window.location.assign(result.next);
  }

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
      <Field
        label={t("password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={t("hint")}
        error={error?.fields?.password}
      />
      <Button type="submit" disabled={pending || done !== null}>
        {pending || done ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
