"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/app/ui/field";
import { FormAlert } from "@/app/ui/form-alert";
import { useSubmit } from "@/app/ui/use-submit";
import { PASSWORD_MAX_LENGTH } from "@/lib/password/policy";
import styles from "./remembered-devices.module.css";
import { SignInAgain } from "./session-action";
import { Button } from "@/app/ui/button";

/**
 * "Change password": opens a form for the current and a new password. Allowed within 10 minutes of
 * passing a second factor; other devices are signed out and remembered devices forgotten.
 */
export function ChangePassword() {
  const t = useTranslations("Account.changePassword");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const saving = useSubmit("/api/account/password", {
    onDone: () => {
      setOpen(false);
      router.refresh();
    },
  });
  const { error, pending: busy, done, fields } = saving;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void saving.submit({
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
    });
  }

  return (
    <section className={styles.devices} aria-labelledby="password-heading">
      <h3 id="password-heading">{t("heading")}</h3>
      <FormAlert error={saving.formMessage} info={done ? t("changed") : null} />
      <SignInAgain error={error} />
      {open ? (
        <form method="post" onSubmit={submit} noValidate>
          <Field
            label={t("current")}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            maxLength={PASSWORD_MAX_LENGTH}
            required
            error={fields.currentPassword}
          />
          <Field
            label={t("new")}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            maxLength={PASSWORD_MAX_LENGTH}
            required
            hint={t("hint")}
            error={fields.newPassword}
          />
          <Button type="submit" disabled={busy}>
            {busy ? t("saving") : t("save")}
          </Button>
        </form>
      ) : (
        <div>
          <Button
            type="button"
            className="secondary"
            onClick={() => {
              setOpen(true);
              saving.reset();
            }}
          >
            {t("open")}
          </Button>
        </div>
      )}
    </section>
  );
}
