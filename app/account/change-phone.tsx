"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
import type { ChallengeView } from "@/lib/challenge/view";
import { COUNTRIES } from "@/lib/countries";
import type { ApiError } from "@/lib/http/types";
import { NewPhoneCode } from "./new-phone-code";
import styles from "./remembered-devices.module.css";
import { SignInAgain } from "./session-action";

type Step =
  | { at: "closed"; changedTo?: string }
  | { at: "number" }
  | { at: "code"; view: ChallengeView };

/**
 * "Change phone number": a new number, then the code sent to it. Allowed within 10 minutes of
 * passing a second factor; the number on file changes only once the code is entered.
 */
export function ChangePhone() {
  const router = useRouter();
  const [step, setStep] = useState<Step>({ at: "closed" });
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
    if (!result.ok) return setError(result.error);
    setStep({ at: "code", view: result.challenge });
  }

  function changed(maskedPhone: string) {
    setStep({ at: "closed", changedTo: maskedPhone });
    router.refresh();
  }

  const phoneError = error?.fields?.phone;
  return (
    <section className={styles.devices} aria-labelledby="phone-heading">
      <h2 id="phone-heading">Phone number</h2>
      <FormAlert
        error={error && !phoneError ? describeError(error) : null}
        info={
          step.at === "closed" && step.changedTo
            ? `Your phone number is now ${step.changedTo}. Your other devices were signed out.`
            : null
        }
      />
      <SignInAgain error={error} />
      {step.at === "number" ? (
        <form onSubmit={sendCode} noValidate>
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
              We will send a code to the new number. Your number changes only
              once you enter it.
            </p>
            {phoneError && (
              <p id="field-new-phone-error" className="field-error">
                {phoneError}
              </p>
            )}
          </div>
          <button type="submit" disabled={busy}>
            {busy ? "Sending code…" : "Send code"}
          </button>
        </form>
      ) : step.at === "code" ? (
        <NewPhoneCode
          initial={step.view}
          onChanged={changed}
          onRestart={() => setStep({ at: "number" })}
        />
      ) : (
        <div>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setStep({ at: "number" });
              setError(null);
            }}
          >
            Change phone number
          </button>
        </div>
      )}
    </section>
  );
}
