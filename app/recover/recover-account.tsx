"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/ui/button";
import { CodeEntry } from "@/app/ui/code-entry/code-entry";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { useLinkToken } from "@/app/ui/use-link-token";
import { useSubmit } from "@/app/ui/use-submit";
import type { ChallengeView } from "@/lib/challenge/view";
import { COUNTRIES } from "@/lib/phone/countries";
import styles from "./recover.module.css";

/** "Thu, 10 Dec 2026 07:59 UTC", as the notices write it. */
const when = (iso: string) =>
  new Date(iso)
    .toUTCString()
    .replace(/:\d\d GMT$/, " UTC")
    .replace("GMT", "UTC");

const ROUTES = {
  verify: "/api/recovery/confirm",
  send: "/api/recovery/send",
  status: "/api/recovery/status",
};

type Step =
  | { at: "number" }
  | { at: "code"; view: ChallengeView }
  | { at: "waiting"; completesAt: string };

const AGAIN = (
  <p className="switch">
    <Link href="/login">Sign in</Link> and choose “Lost your phone and codes?”
    again for a new link.
  </p>
);

/**
 * The page the recovery link opens: a new phone number, then the code sent to it; then the
 * waiting period, with when it ends. The link's token (from its fragment) goes with each request.
 */
export function RecoverAccount({ waitingHours }: { waitingHours: number }) {
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
          This link is incomplete. Open the link from the email again.
        </p>
        {AGAIN}
      </>
    );
  if (sending.error?.final)
    return (
      <>
        <p className="alert error" role="alert">
          {describeError(sending.error)}
        </p>
        {AGAIN}
      </>
    );
  if (step.at === "waiting")
    return (
      <div className={styles.waiting}>
        <p className="alert info" role="status">
          Your recovery has started. On{" "}
          <strong>
            <time dateTime={step.completesAt}>{when(step.completesAt)}</time>
          </strong>{" "}
          your new phone replaces the old one.
        </p>
        <p className="lead">
          Then sign in with your password and the code sent to your new phone.
          Your old phone and your email address were told; signing in with any
          way to verify the account already has cancels the recovery.
        </p>
        <p className="switch">
          <Link href="/">Back to the start</Link>
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
            ? `We are calling ${step.view.maskedPhone} now. Listen for your code.`
            : `We sent a code to ${step.view.maskedPhone}.`
        }
        footer={() => (
          <Button
            type="button"
            className="secondary"
            onClick={() => setStep({ at: "number" })}
          >
            Use another number
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
      <p className="lead">
        Your password and your email address are proven. Name a new phone
        number: we send it a code. It replaces your current phone after{" "}
        {waitingHours} hours, and until then your current phone and your email
        address are told and can cancel it.
      </p>
      <form method="post" onSubmit={sendCode} noValidate>
        <FormAlert error={phoneError ? null : sending.message} />
        <div className="field">
          <label htmlFor="field-recovery-phone">New phone number</label>
          <div className="phone-row">
            <select name="country" aria-label="Country" defaultValue="US">
              {COUNTRIES.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name} ({c.dial})
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
            A mobile number: we text it a code (a landline gets a call).
          </p>
          {phoneError && (
            <p id="field-recovery-phone-error" className="field-error">
              {phoneError}
            </p>
          )}
        </div>
        <Button type="submit" disabled={sending.pending || token === null}>
          {sending.pending ? "Sending code…" : "Send code"}
        </Button>
      </form>
    </>
  );
}
