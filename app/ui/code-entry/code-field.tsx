"use client";

import { useTranslations } from "next-intl";
import { useEarlyInput } from "@/app/ui/use-early-input";

// The six-digit code field of every code step, with what is left of the challenge beneath it.

export function CodeField({
  id,
  code,
  onChange,
  disabled,
  attemptsLeft,
  sendsLeft,
}: {
  id: string;
  code: string;
  onChange: (code: string) => void;
  disabled: boolean;
  attemptsLeft: number;
  sendsLeft: number;
}) {
  const t = useTranslations("Ui.codeEntry");
  const adopt = (typed: string) =>
    onChange(typed.replace(/\D/g, "").slice(0, 6));
  const ref = useEarlyInput((input) => input.value && adopt(input.value));
  return (
    <div className="field">
      <label htmlFor={id}>{t("label")}</label>
      <input
        ref={ref}
        id={id}
        name="code"
        className="code-input"
        value={code}
        autoComplete="one-time-code"
        inputMode="numeric"
        pattern="[0-9]*"
        required
        disabled={disabled}
        autoFocus
        onChange={(e) => adopt(e.target.value)}
      />
      <p className="status-line">
        <span>{t("attemptsLeft", { count: attemptsLeft })}</span>
        <span>{t("sendsLeft", { count: sendsLeft })}</span>
      </p>
    </div>
  );
}
