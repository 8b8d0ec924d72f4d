"use client";

import Link from "next/link";
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
        label="Email"
        name="email"
        type="email"
        autoComplete="username webauthn"
        required
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <p className="hint">
        <Link href="/forgot-password">Forgot password?</Link>
      </p>
      <Button type="submit" disabled={pending || passkey.pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="or" aria-hidden="true">
        or
      </p>
      <PasskeySignInButton pending={passkey.pending} onUse={passkey.use} />
    </form>
  );
}
