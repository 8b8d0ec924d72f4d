"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/ui/button";
import { useSignOut } from "@/app/ui/sign-out";
import { Field } from "@/app/ui/field";
import { FormAlert } from "@/app/ui/form-alert";
import type { PostResult } from "@/app/ui/post-json";
import { postJson } from "@/app/ui/post-json";
import { useSubmit } from "@/app/ui/use-submit";
import styles from "./remembered-devices.module.css";
import { SignInAgain } from "./session-action";
import own from "./your-data.module.css";

/**
 * "Download your data": a JSON file of everything Twostep holds about the person, never a secret.
 * Allowed within 10 minutes of passing a second factor, as a change is.
 */
export function DownloadData() {
  const t = useTranslations("Account.downloadData");
  const { pending, error, message, done, submit } = useSubmit(fetchExport);
  return (
    <section className={styles.devices} aria-labelledby="download-heading">
      <h3 id="download-heading">{t("heading")}</h3>
      <p className={styles.status}>{t("about")}</p>
      <FormAlert error={message} info={done ? t("done") : null} />
      <SignInAgain error={error} />
      <div>
        <Button
          type="button"
          className="secondary"
          disabled={pending}
          onClick={() => void submit({})}
        >
          {pending ? t("preparing") : t("download")}
        </Button>
      </div>
    </section>
  );
}

/** The export, saved by the browser under the name the server gives it. */
async function fetchExport(): Promise<PostResult<object>> {
  const response = await fetch("/api/account/export", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  }).catch(() => null);
  if (!response?.ok || !response.headers.get("content-disposition"))
    // A refusal is the API's usual JSON; postJson reads it (or reports the connection).
    return response
      ? ((await response.json().catch(() => null)) ??
          postJson("/api/account/export", {}))
      : postJson("/api/account/export", {});
  const name =
    response.headers
      .get("content-disposition")
      ?.match(/filename="([^"]+)"/)?.[1] ?? "twostep-data.json";
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { ok: true };
}

/**
 * "Delete account": allowed within 10 minutes of passing a second factor, and only once the
 * account's address is typed. Every session ends at once, this one too; signing in during the
 * grace period cancels it.
 */
export function DeleteAccount({
  email,
  graceDays,
}: {
  email: string;
  graceDays: number;
}) {
  const t = useTranslations("Account.deleteAccount");
  const signOutHere = useSignOut();
  const [open, setOpen] = useState(false);
  const deleting = useSubmit("/api/account/delete", {
    // This session has ended with every other: clear its cookie on the way.
    onDone: async () => {
      const failed = await signOutHere("/goodbye");
      return failed
        ? { code: "SERVICE_UNAVAILABLE", message: failed, final: false }
        : null;
    },
    leaves: true,
  });
  const { error, pending, fields } = deleting;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void deleting.submit({ email: String(form.get("email") ?? "") });
  }

  return (
    <section className={styles.devices} aria-labelledby="delete-heading">
      <h3 id="delete-heading">{t("heading")}</h3>
      <p className={styles.status}>{t("about", { days: graceDays })}</p>
      <FormAlert error={deleting.formMessage} />
      <SignInAgain error={error} />
      {open ? (
        <form method="post" onSubmit={submit} noValidate className={own.form}>
          <Field
            label={t("confirm")}
            name="email"
            type="email"
            autoComplete="off"
            spellCheck={false}
            required
            hint={t("hint", { email })}
            error={fields.email}
          />
          <div className="actions">
            <Button type="submit" className={own.danger} disabled={pending}>
              {pending ? t("deleting") : t("delete")}
            </Button>
            <Button
              type="button"
              className="secondary"
              disabled={pending}
              onClick={() => setOpen(false)}
            >
              {t("keep")}
            </Button>
          </div>
        </form>
      ) : (
        <div className={own.start}>
          <Button
            type="button"
            className={`secondary ${own.dangerOutline}`}
            onClick={() => {
              setOpen(true);
              deleting.reset();
            }}
          >
            {t("delete")}
          </Button>
        </div>
      )}
    </section>
  );
}
