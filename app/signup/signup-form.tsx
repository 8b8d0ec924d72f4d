"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { COUNTRIES } from "@/lib/countries";
import { Field } from "@/app/ui/field";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
import type { ApiError } from "@/lib/http-types";

export function SignupForm() {
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
    const result = await postJson<{ next: string }>("/api/signup", form);
    if (result.ok) return router.push(result.next);
    setError(result.error);
    setPending(false);
  }

  const fields = error?.fields ?? {};
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <FormAlert error={error ? describeError(error) : null} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        error={fields.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={8}
        required
        hint="At least 8 characters."
        error={fields.password}
      />
      <div className="field">
        <label htmlFor="field-phone">Phone number</label>
        <div className="phone-row">
          <select name="country" aria-label="Country" defaultValue="US">
            {COUNTRIES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.dial})
              </option>
            ))}
          </select>
          <input
            id="field-phone"
            name="phone"
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            required
            aria-invalid={fields.phone ? true : undefined}
            aria-describedby={fields.phone ? "field-phone-error" : undefined}
          />
        </div>
        {fields.phone && (
          <p id="field-phone-error" className="field-error">
            {fields.phone}
          </p>
        )}
      </div>
      <button type="submit" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}
