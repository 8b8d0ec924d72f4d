"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent, type ReactNode } from "react";
import { FormAlert } from "@/app/ui/form-alert";
import { describeError } from "@/app/ui/describe-error";
import { useSubmit } from "@/app/ui/use-submit";
import type { ApiError } from "@/lib/http/types";
import { finishSignIn, type AfterSecondFactor } from "./finish-sign-in";
import { Button } from "@/app/ui/button";
import { useEarlyInput } from "@/app/ui/use-early-input";

export type CheckedFactor = "totp" | "recovery";

// Each field's label and hint are keys of Signin.verify.
const FIELDS = {
  totp: {
    label: "totpLabel",
    hint: "totpHint",
    inputMode: "numeric",
    autoComplete: "one-time-code",
    maxLength: 6,
  },
  recovery: {
    label: "recoveryLabel",
    hint: "recoveryHint",
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
  const t = useTranslations("Signin.verify");
  const ui = useTranslations("Ui.codeEntry");
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
        <label htmlFor={`field-${factor}`}>{t(field.label)}</label>
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
          {t(field.hint)}
        </p>
        <p className="status-line">
          <span>{ui("attemptsLeft", { count: attemptsLeft })}</span>
        </p>
      </div>
      {props.children}
      <Button type="submit" disabled={ended || busy || !ready}>
        {busy ? ui("verifying") : ui("verify")}
      </Button>
      {ended && (
        <p className="switch">
          <a href="/login">{t("startAgain")}</a>
        </p>
      )}
    </form>
  );
}
