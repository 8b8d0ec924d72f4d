"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { describeError } from "@/app/ui/describe-error";
import { Field } from "@/app/ui/field";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
import type { ApiError } from "@/lib/http/types";
import { PASSWORD_MAX_LENGTH } from "@/lib/password/policy";
import styles from "./remembered-devices.module.css";
import { SignInAgain } from "./session-action";
import { Button } from "@/app/ui/button";

/**
 * "Change password": opens a form for the current and a new password. Allowed within 10 minutes of
 * passing a second factor; other devices are signed out and remembered devices forgotten.
 */
export function ChangePassword() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await postJson("/api/account/password", {
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setOpen(false);
    setDone(true);
    router.refresh();
  }

  return (
    <section className={styles.devices} aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <FormAlert
        error={error && !error.fields ? describeError(error) : null}
        info={
          done
            ? "Your password was changed. Your other devices were signed out."
            : null
        }
      />
      <SignInAgain error={error} />
      {open ? (
        <form method="post" onSubmit={submit} noValidate>
          <Field
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            maxLength={PASSWORD_MAX_LENGTH}
            required
            error={error?.fields?.currentPassword}
          />
          <Field
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            maxLength={PASSWORD_MAX_LENGTH}
            required
            hint="At least 8 characters. Other devices will be signed out."
            error={error?.fields?.newPassword}
          />
          <Button type="submit" disabled={busy}>
            {busy ? "Saving…" : "Save new password"}
          </Button>
        </form>
      ) : (
        <div>
          <Button
            type="button"
            className="secondary"
            onClick={() => {
              setOpen(true);
              setDone(false);
            }}
          >
            Change password
          </Button>
        </div>
      )}
    </section>
  );
}
