"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/ui/button";
import { CodeEntry } from "@/app/ui/code-entry/code-entry";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { useLinkToken } from "@/app/ui/use-link-token";
import { useSubmit } from "@/app/ui/use-submit";
import type { ChallengeView } from "@/lib/challenge/view";
import { COUNTRIES } from "@/lib/phone/countries";
import { utcMoment } from "@/lib/i18n/dates";
import { countryName } from "@/lib/phone/countries";
import styles from "./recover.module.css";

const ROUTES = {
  verify: "/api/recovery/confirm",
  send: "/api/recovery/send",
  status: "/api/recovery/status",
};

type Step =
  | { at: "number" }
  | { at: "code"; view: ChallengeView }
  | { at: "waiting"; completesAt: string };

/** The way to a new link, when this one is spent, expired or incomplete. */
function Again() {
  const t = useTranslations("Pages.recover");
  return (
    <p className="switch">
      {t.rich("again", {
        link: (chunks) => <Link href="/login">{chunks}</Link>,
      })}
    </p>
  );
}

/**
 * The page the recovery link opens: a new phone number, then the code sent to it; then the
 * waiting period, with when it ends. The link's token (from its fragment) goes with each request.
 */
export function RecoverAccount({ waitingHours }: { waitingHours: number }) {
  const t = useTranslations("Pages.recover");
  const locale = useLocale();
  const token = useLinkToken();
  const [step, setStep] = useState<Step>({ at: "number" });
  const sending = useSubmit<{ challenge: ChallengeView }>(
    "/api/recovery/phone",
    { onDone: ({ challenge }) => setStep({ at: "code", view: challenge }) },
  );

  if (token === "")
    return (
      <>
        <p className="alert error" role="alert">
          {t("incomplete")}
        </p>
        <Again />
      </>
    );
  if (sending.error?.final)
    return (
      <>
        <p className="alert error" role="alert">
          {describeError(sending.error)}
        </p>
        <Again />
      </>
    );
  if (step.at === "waiting")
    return (
      <div className={styles.waiting}>
        <p className="alert info" role="status">
          {t.rich("started", {
            at: utcMoment(step.completesAt, locale),
            when: (chunks) => (
              <strong>
                <time dateTime={step.completesAt}>{chunks}</time>
              </strong>
            ),
          })}
        </p>
        <p className="lead">{t("then")}</p>
        <p className="switch">
          <Link href="/">{t("backToStart")}</Link>
        </p>
      </div>
    );
  if (step.at === "code")
    return (
      <CodeEntry<{ completesAt: string }>
        initial={step.view}
        routes={ROUTES}
        fieldId="field-recovery-code"
        extra={{ token }}
        onVerified={({ completesAt }) =>
          setStep({ at: "waiting", completesAt })
        }
        notice={
          step.view.lastChannel === "voice"
            ? t("calling", { phone: step.view.maskedPhone })
            : t("sent", { phone: step.view.maskedPhone })
        }
        footer={() => (
          <Button
            type="button"
            className="secondary"
            onClick={() => setStep({ at: "number" })}
          >
            {t("otherNumber")}
          </Button>
        )}
      />
    );

  function sendCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget));
    void sending.submit({ ...form, token });
  }

  const phoneError = sending.fields.phone;
  return (
    <>
      <p className="lead">{t("lead", { hours: waitingHours })}</p>
      <form method="post" onSubmit={sendCode} noValidate>
        <FormAlert error={phoneError ? null : sending.message} />
        <div className="field">
          <label htmlFor="field-recovery-phone">{t("phone")}</label>
          <div className="phone-row">
            <select name="country" aria-label={t("country")} defaultValue="US">
              {COUNTRIES.map((c) => (
                <option key={c.code} value={c.code}>
                  {countryName(c.code, locale)} ({c.dial})
                </option>
              ))}
            </select>
            <input
              id="field-recovery-phone"
              name="phone"
              type="tel"
              autoComplete="tel"
              inputMode="tel"
              required
              aria-invalid={phoneError ? true : undefined}
              aria-describedby={
                phoneError
                  ? "field-recovery-phone-error"
                  : "field-recovery-phone-hint"
              }
            />
          </div>
          <p id="field-recovery-phone-hint" className="hint">
            {t("phoneHint")}
          </p>
          {phoneError && (
            <p id="field-recovery-phone-error" className="field-error">
              {phoneError}
            </p>
          )}
        </div>
        <Button type="submit" disabled={sending.pending || token === null}>
          {sending.pending ? t("sending") : t("send")}
        </Button>
      </form>
    </>
  );
}
