"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Button } from "@/app/ui/button";
import { FormAlert } from "@/app/ui/form-alert";
import { useSubmit } from "@/app/ui/use-submit";
import styles from "./security.module.css";
import { SignInAgain } from "./session-action";

/** "Generate recovery codes": a new set, shown this once. */
export function RecoveryCodes({ hasSet }: { hasSet: boolean }) {
  const t = useTranslations("Account.recoveryCodes");
  const router = useRouter();
  const { pending, error, message, done, submit } = useSubmit<{
    codes: string[];
  }>("/api/account/recovery-codes", { onDone: () => router.refresh() });
  return (
    <>
      <FormAlert error={message} />
      <SignInAgain error={error} />
      {done ? (
        <>
          <p className={styles.risk}>
            {t.rich("saveNow", {
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
          <ol className={styles.codes} aria-label={t("listLabel")}>
            {done.codes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ol>
        </>
      ) : hasSet ? (
        <p className="hint">{t("replaces")}</p>
      ) : null}
      <Button
        type="button"
        className={`secondary ${styles.button}`}
        disabled={pending}
        onClick={() => void submit()}
      >
        {pending ? t("generating") : t("generate")}
      </Button>
    </>
  );
}
