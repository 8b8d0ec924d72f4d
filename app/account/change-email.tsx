"use client";

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
      <h3 id="email-heading">Email address</h3>
      {pending && pending !== sentTo ? (
        <p className={styles.status}>
          A change to <strong>{pending}</strong> is pending: open the link we
          sent there. Until then your account keeps its current address.
        </p>
      ) : null}
      <FormAlert
        error={sending.formMessage}
        info={
          sentTo
            ? `We sent a link to ${sentTo}. Your address changes when you open it.`
            : cancelled && !pending
              ? "The email change is cancelled. Your account keeps its current address."
              : null
        }
      />
      {pending ? (
        <CancelEmailChange onCancelled={() => setCancelled(pending)} />
      ) : null}
      <SignInAgain error={error} />
      {!canMail ? (
        <p className={styles.status}>
          Email is not set up on this server, so the address cannot be changed.
        </p>
      ) : open ? (
        <form method="post" onSubmit={submit} noValidate>
          <Field
            label="New email"
            name="newEmail"
            type="email"
            autoComplete="email"
            maxLength={254}
            required
            hint="We will send a link to it. Your current address stays until you open the link."
            error={sending.fields.newEmail}
          />
          <Button type="submit" disabled={busy}>
            {busy ? "Sending…" : "Send link"}
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
            Change email
          </Button>
        </div>
      )}
    </section>
  );
}
