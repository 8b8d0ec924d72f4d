"use client";

import { useLocale, useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
import { useProofOfWork } from "@/app/ui/use-proof-of-work";
import { useSubmit } from "@/app/ui/use-submit";
import type { ChallengeView } from "@/lib/challenge/view";
import { COUNTRIES, countryName } from "@/lib/phone/countries";
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
  const t = useTranslations("Account.changePhone");
  const locale = useLocale();
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
        <label htmlFor="field-new-phone">{t("newNumber")}</label>
        <div className="phone-row">
          <select name="country" aria-label={t("country")} defaultValue="US">
            {COUNTRIES.map((c) => (
              <option key={c.code} value={c.code}>
                {t("countryOption", {
                  country: countryName(c.code, locale),
                  dial: c.dial,
                })}
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
          {t("hint")}
        </p>
        {phoneError && (
          <p id="field-new-phone-error" className="field-error">
            {phoneError}
          </p>
        )}
      </div>
      <div className="actions">
        <Button type="submit" disabled={busy}>
          {busy ? t("sending") : t("send")}
        </Button>
        <Button type="button" className="secondary" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
