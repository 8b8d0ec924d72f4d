"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/app/ui/field";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
import type { ApiError } from "@/lib/http-types";

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = Object.fromEntries(
      new FormData(event.currentTarget),
    ) as Record<string, string>;
    const result = await postJson<{ next: string }>("/api/login", form);
    if (result.ok)
      return router.push(
        `${result.next}?callbackUrl=${encodeURIComponent(next)}`,
      );
    setError(result.error);
    setPending(false);
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <FormAlert error={error ? describeError(error) : null} />
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
      <button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
