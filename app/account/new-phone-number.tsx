"use client";

import { useState, type FormEvent } from "react";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
import type { ChallengeView } from "@/lib/challenge/view";
import { COUNTRIES } from "@/lib/phone/countries";
import type { ApiError } from "@/lib/http/types";
import { SignInAgain } from "./session-action";
import { Button } from "@/app/ui/button";

/** "New phone number", as sign-up asks for one; "Send code" starts the change. */
export function NewPhoneNumber({
  onSent,
  onCancel,
}: {
  onSent: (view: ChallengeView) => void;
  onCancel: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function sendCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget));
    setBusy(true);
    setError(null);
    const result = await postJson<{ challenge: ChallengeView }>(
      "/api/account/phone",
      form,
    );
    setBusy(false);
    if (result.ok) return onSent(result.challenge);
    setError(result.error);
  }

  const phoneError = error?.fields?.phone;
  return (
    <form method="post" onSubmit={sendCode} noValidate>
      <FormAlert error={error && !phoneError ? describeError(error) : null} />
      <SignInAgain error={error} />
      <div className="field">
        <label htmlFor="field-new-phone">New phone number</label>
        <div className="phone-row">
          <select name="country" aria-label="Country" defaultValue="US">
            {COUNTRIES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.dial})
              </option>
            ))}
          </select>
          <input
            id="field-new-phone"
            name="phone"
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            required
            aria-invalid={phoneError ? true : undefined}
            aria-describedby={
              phoneError ? "field-new-phone-error" : "field-new-phone-hint"
            }
          />
        </div>
        <p id="field-new-phone-hint" className="hint">
          A mobile number: we text it a code (a landline gets a call).
        </p>
        {phoneError && (
          <p id="field-new-phone-error" className="field-error">
            {phoneError}
          </p>
        )}
      </div>
      <div className="actions">
        <Button type="submit" disabled={busy}>
          {busy ? "Sending code…" : "Send code"}
        </Button>
        <Button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
