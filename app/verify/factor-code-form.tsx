"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { FormAlert } from "@/app/ui/form-alert";
import { describeError } from "@/app/ui/describe-error";
import { useSubmit } from "@/app/ui/use-submit";
import type { ApiError } from "@/lib/http/types";
import { finishSignIn, type AfterSecondFactor } from "./finish-sign-in";
import { Button } from "@/app/ui/button";
import { useEarlyInput } from "@/app/ui/use-early-input";

export type CheckedFactor = "totp" | "recovery";

const FIELDS = {
  totp: {
    label: "Authenticator code",
    hint: "The 6-digit code your authenticator app shows for Twostep now.",
    inputMode: "numeric",
    autoComplete: "one-time-code",
    maxLength: 6,
  },
  recovery: {
    label: "Recovery code",
    hint: "One of the codes you saved, like ABCD-EFGH-…. Each works once.",
    inputMode: "text",
    autoComplete: "off",
    maxLength: 40,
  },
} as const;

/** An authenticator or recovery code, verified on the same challenge as a texted code. */
export function FactorCodeForm(props: {
  factor: CheckedFactor;
  next: string;
  attemptsLeft: number;
  /** Shown until the person acts: why they see this form (e.g. an error from another). */
  notice: ApiError | null;
  onAttempts: (left: number) => void;
  /** "Remember this device" is checked: a success also remembers this browser. */
  remember?: boolean;
  /** Shown above the Verify button (the remember box). */
  children?: ReactNode;
}) {
  const { factor, next, attemptsLeft, onAttempts } = props;
  const field = FIELDS[factor];
  const [code, setCode] = useState("");
  const adopt = (typed: string) =>
    setCode(factor === "totp" ? typed.replace(/\D/g, "").slice(0, 6) : typed);
  const ref = useEarlyInput((input) => input.value && adopt(input.value));
  const { pending: busy, ...verifying } = useSubmit<AfterSecondFactor>(
    "/api/otp/verify",
    {
      onDone: (after) => finishSignIn(after),
      leaves: true,
      onError: (refused) => {
        if (refused.attemptsLeft !== undefined)
          onAttempts(refused.attemptsLeft);
      },
    },
  );
  // Until the person acts, why they see this form (e.g. an error from another factor).
  const [touched, setTouched] = useState(false);
  const error = touched ? verifying.error : props.notice;
  const ended = attemptsLeft === 0 || error?.final === true;
  const ready = factor === "totp" ? code.length === 6 : code.trim() !== "";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTouched(true);
    void verifying.submit({
      factor,
      code,
      remember: props.remember ?? false,
      callbackUrl: next,
    });
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <FormAlert error={error ? describeError(error) : null} />
      <div className="field">
        <label htmlFor={`field-${factor}`}>{field.label}</label>
        <input
          ref={ref}
          id={`field-${factor}`}
          name="code"
          className={factor === "totp" ? "code-input" : undefined}
          value={code}
          inputMode={field.inputMode}
          autoComplete={field.autoComplete}
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={field.maxLength}
          required
          disabled={ended}
          autoFocus
          aria-describedby={`field-${factor}-hint`}
          onChange={(e) => adopt(e.target.value)}
        />
        <p id={`field-${factor}-hint`} className="hint">
          {field.hint}
        </p>
        <p className="status-line">
          <span>
            {attemptsLeft} {attemptsLeft === 1 ? "attempt" : "attempts"} left
          </span>
        </p>
      </div>
      {props.children}
      <Button type="submit" disabled={ended || busy || !ready}>
        {busy ? "Verifying…" : "Verify"}
      </Button>
      {ended && (
        <p className="switch">
          <a href="/login">Start again</a>
        </p>
      )}
    </form>
  );
}
