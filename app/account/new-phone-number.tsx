"use client";

import type { FormEvent } from "react";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
import { useProofOfWork } from "@/app/ui/use-proof-of-work";
import { useSubmit } from "@/app/ui/use-submit";
import type { ChallengeView } from "@/lib/challenge/view";
import { COUNTRIES } from "@/lib/phone/countries";
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
  const proofOfWork = useProofOfWork("phone-change");
  const sending = useSubmit<{ challenge: ChallengeView }>(
    async (body) =>
      postJson("/api/account/phone", {
        ...(body as object),
        ...(await proofOfWork()),
      }),
    { onDone: ({ challenge }) => onSent(challenge) },
  );
  const { error, pending: busy } = sending;

  function sendCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void sending.submit(Object.fromEntries(new FormData(event.currentTarget)));
  }

  const phoneError = sending.fields.phone;
  return (
    <form method="post" onSubmit={sendCode} noValidate>
      <FormAlert error={phoneError ? null : sending.message} />
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
