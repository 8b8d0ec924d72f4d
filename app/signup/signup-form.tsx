"use client";

import { useTranslations } from "next-intl";
import type { CountryOption } from "@/lib/phone/countries";
import { Field } from "@/app/ui/field";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { useFirstStep } from "@/app/ui/use-first-step";
import { useProofOfWork } from "@/app/ui/use-proof-of-work";
import { Button } from "@/app/ui/button";

/** `countries`: the phone field's list, named in the reader's language. */
export function SignupForm({ countries }: { countries: CountryOption[] }) {
  const t = useTranslations("Signin");
  const proofOfWork = useProofOfWork("signup");
  const { pending, error, onSubmit } = useFirstStep(
    "/api/signup",
    "/welcome",
    proofOfWork,
  );
  const fields = error?.fields ?? {};
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <FormAlert error={error ? describeError(error) : null} />
      <Field
        label={t("fields.email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        error={fields.email}
      />
      <Field
        label={t("fields.password")}
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={8}
        required
        hint={t("signup.passwordHint")}
        error={fields.password}
      />
      <div className="field">
        <label htmlFor="field-phone">{t("signup.phone")}</label>
        <div className="phone-row">
          <select
            name="country"
            aria-label={t("signup.country")}
            defaultValue="US"
          >
            {countries.map((c) => (
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
      <Button type="submit" disabled={pending}>
        {pending ? t("signup.submitting") : t("signup.submit")}
      </Button>
    </form>
  );
}
