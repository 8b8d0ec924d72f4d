"use client";

import Link from "next/link";
import { Field } from "@/app/ui/field";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { useFirstStep } from "@/app/ui/use-first-step";
import { Button } from "@/app/ui/button";
import { usePrefetchedCsrfToken } from "@/app/verify/establish-session";

/** `askSecondFactor`: the second factor is asked for even on a remembered browser ("Sign in again"). */
export function LoginForm({
  next,
  askSecondFactor = false,
}: {
  next: string;
  askSecondFactor?: boolean;
}) {
  const { pending, error, onSubmit } = useFirstStep("/api/login", next);
  // A remembered browser is signed in straight from this page.
  usePrefetchedCsrfToken();

  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <FormAlert error={error ? describeError(error) : null} />
      {askSecondFactor ? (
        <input type="hidden" name="secondFactor" value="required" />
      ) : null}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
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
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
