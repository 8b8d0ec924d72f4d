"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/app/ui/field";
import { FormAlert } from "@/app/ui/form-alert";
import { useSubmit } from "@/app/ui/use-submit";
import own from "./change-email.module.css";
import styles from "./remembered-devices.module.css";
import { SignInAgain } from "./session-action";
import { Button } from "@/app/ui/button";
import { CancelEmailChange } from "./cancel-email-change";

/**
 * "Change email": a new address gets a link, and replaces the current one only once that link is
 * opened. Allowed within 10 minutes of passing a second factor. `pending` is the address a link
 * was sent to and not yet used; "Cancel email change" stops it.
 */
export function ChangeEmail({
  pending,
  canMail,
}: {
  pending: string | null;
  canMail: boolean;
}) {
  const t = useTranslations("Account.changeEmail");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [cancelled, setCancelled] = useState<string | null>(null);
  const sending = useSubmit<{ email: string }>("/api/account/email", {
    onDone: () => {
      setOpen(false);
      setCancelled(null);
      router.refresh();
    },
  });
  const { error, pending: busy } = sending;
  const sent = sending.done?.email ?? null;
  const sentTo = sent !== cancelled ? sent : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void sending.submit({ newEmail: String(form.get("newEmail") ?? "") });
  }

  return (
    <section
      className={`${styles.devices} ${own.wrap}`}
      aria-labelledby="email-heading"
    >
      <h3 id="email-heading">{t("heading")}</h3>
      {pending && pending !== sentTo ? (
        <p className={styles.status}>
          {t.rich("pending", {
            email: pending,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
      ) : null}
      <FormAlert
        error={sending.formMessage}
        info={
          sentTo
            ? t("sent", { email: sentTo })
            : cancelled && !pending
              ? t("cancelled")
              : null
        }
      />
      {pending ? (
        <CancelEmailChange onCancelled={() => setCancelled(pending)} />
      ) : null}
      <SignInAgain error={error} />
      {!canMail ? (
        <p className={styles.status}>{t("noMail")}</p>
      ) : open ? (
        <form method="post" onSubmit={submit} noValidate>
          <Field
            label={t("newEmail")}
            name="newEmail"
            type="email"
            autoComplete="email"
            maxLength={254}
            required
            hint={t("hint")}
            error={sending.fields.newEmail}
          />
          <Button type="submit" disabled={busy}>
            {busy ? t("sending") : t("send")}
          </Button>
        </form>
      ) : (
        <div>
          <Button
            type="button"
            className="secondary"
            onClick={() => {
              setOpen(true);
              sending.reset();
            }}
          >
            {t("open")}
          </Button>
        </div>
      )}
    </section>
  );
}
