"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { describeError } from "@/app/ui/describe-error";
import { Field } from "@/app/ui/field";
import { FormAlert } from "@/app/ui/form-alert";
import { useSubmit } from "@/app/ui/use-submit";
import { Button } from "@/app/ui/button";
import { useEarlyInput } from "@/app/ui/use-early-input";

/** The same answer whatever the address: the page never says whether it has an account. */
export function ForgotForm() {
  const t = useTranslations("Pages.forgotPassword");
  const { pending, error, done, submit } = useSubmit("/api/password/forgot");
  const [email, setEmail] = useState("");
  const ref = useEarlyInput((input) => input.value && setEmail(input.value));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit({ email });
  }

  if (done)
    return (
      <p className="alert info" role="status">
        {t.rich("sent", {
          email: email.trim(),
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
    );
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <FormAlert error={error ? describeError(error) : null} />
      <Field
        label={t("email")}
        name="email"
        type="email"
        autoComplete="username"
        required
        ref={ref}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={error?.fields?.email}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t("sending") : t("send")}
      </Button>
    </form>
  );
}
