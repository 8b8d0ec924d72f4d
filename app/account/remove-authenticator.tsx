"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Button } from "@/app/ui/button";
import { FormAlert } from "@/app/ui/form-alert";
import { useSubmit } from "@/app/ui/use-submit";
import styles from "./security.module.css";
import { SignInAgain } from "./session-action";

/** "Remove authenticator app": allowed within 10 minutes of passing a second factor. */
export function RemoveAuthenticator() {
  const t = useTranslations("Account.authenticator");
  const router = useRouter();
  const { pending, error, message, submit } = useSubmit(
    "/api/account/authenticator/remove",
    { onDone: () => router.refresh(), leaves: true },
  );
  return (
    <>
      <FormAlert error={message} />
      <SignInAgain error={error} />
      <Button
        type="button"
        className={`secondary ${styles.button}`}
        disabled={pending}
        onClick={() => void submit()}
      >
        {pending ? t("removing") : t("remove")}
      </Button>
    </>
  );
}
