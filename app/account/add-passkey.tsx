"use client";

import { useTranslations } from "next-intl";
import { startRegistration } from "@simplewebauthn/browser";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/ui/button";
import { browserError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson, type PostResult } from "@/app/ui/post-json";
import { useEarlyInput } from "@/app/ui/use-early-input";
import { useSubmit } from "@/app/ui/use-submit";
import { PASSKEY_NAME_MAX_CHARS } from "@/lib/factors/policy";
import styles from "./security.module.css";
import { SignInAgain } from "./session-action";

const CANCELLED = browserError("PASSKEY_NOT_ADDED");

/**
 * "Add a passkey": named after this device unless the person renames it, created by the browser,
 * and saved once the server verified it.
 */
export function AddPasskey({ defaultName }: { defaultName: string }) {
  const t = useTranslations("Account.passkeys");
  const router = useRouter();
  const [name, setName] = useState(defaultName);
  const ref = useEarlyInput((input) => setName(input.value));
  const { pending, error, message, submit } = useSubmit(createPasskey, {
    onDone: () => {
      setName(defaultName);
      router.refresh();
    },
  });

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // A cleared field still gets a name people recognise in the list.
    void submit({ name: name.trim() || defaultName });
  }

  return (
    <form method="post" onSubmit={add} noValidate className={styles.factor}>
      <FormAlert error={message} />
      <SignInAgain error={error} />
      <div className="field">
        <label htmlFor="field-passkey-name">{t("name")}</label>
        <input
          id="field-passkey-name"
          name="passkeyName"
          ref={ref}
          value={name}
          maxLength={PASSKEY_NAME_MAX_CHARS}
          placeholder={defaultName}
          autoComplete="off"
          aria-describedby="field-passkey-name-hint"
          onChange={(e) => setName(e.target.value)}
        />
        <p id="field-passkey-name-hint" className="hint">
          {t("nameHint")}
        </p>
      </div>
      <Button
        type="submit"
        className={`secondary ${styles.button}`}
        disabled={pending}
      >
        {pending ? t("adding") : t("add")}
      </Button>
    </form>
  );
}

/** The server's options, the browser's new passkey, then the server's check and save of it. */
async function createPasskey(body: unknown): Promise<PostResult<object>> {
  const start = await postJson<{
    options: PublicKeyCredentialCreationOptionsJSON;
  }>("/api/account/passkeys", {});
  if (!start.ok) return start;
  const response = await startRegistration({
    optionsJSON: start.options,
  }).catch(() => null);
  if (!response) return { ok: false, error: CANCELLED };
  return postJson("/api/account/passkeys/add", {
    ...(body as object),
    response,
  });
}
