"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Field } from "@/app/ui/field";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { useFirstStep } from "@/app/ui/use-first-step";
import { Button } from "@/app/ui/button";
import { usePrefetchedCsrfToken } from "@/app/verify/establish-session";
import { PasskeySignInButton, usePasskeySignIn } from "./passkey-sign-in";

/** `askSecondFactor`: the second factor is asked for even on a remembered browser ("Sign in again"). */
export function LoginForm({
  next,
  askSecondFactor = false,
}: {
  next: string;
  askSecondFactor?: boolean;
}) {
  const t = useTranslations("Signin");
  const { pending, error, onSubmit } = useFirstStep("/api/login", next);
  // A passkey alone is a fresh second factor too, so "Sign in again" offers it as well.
  const passkey = usePasskeySignIn(next);
  const shown = error ?? passkey.error;
  // A remembered browser is signed in straight from this page.
  usePrefetchedCsrfToken();

  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <FormAlert error={shown ? describeError(shown) : null} />
      {askSecondFactor ? (
        <input type="hidden" name="secondFactor" value="required" />
      ) : null}
      <Field
        label={t("fields.email")}
        name="email"
        type="email"
        autoComplete="username webauthn"
        required
      />
      <Field
        label={t("fields.password")}
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <p className="hint">
        <Link href="/forgot-password">{t("login.forgot")}</Link>
      </p>
      <Button type="submit" disabled={pending || passkey.pending}>
        {pending ? t("login.submitting") : t("login.submit")}
      </Button>
      <p className="or" aria-hidden="true">
        {t("login.or")}
      </p>
      <PasskeySignInButton pending={passkey.pending} onUse={passkey.use} />
    </form>
  );
}
