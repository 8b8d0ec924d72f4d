"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Button } from "@/app/ui/button";
import { FormAlert } from "@/app/ui/form-alert";
import { useSubmit } from "@/app/ui/use-submit";
import { SignInAgain } from "./session-action";

/** "Remove" one passkey: allowed within 10 minutes of passing a second factor. */
export function RemovePasskey({ id, name }: { id: string; name: string }) {
  const t = useTranslations("Account.passkeys");
  const router = useRouter();
  const { pending, error, message, submit } = useSubmit(
    "/api/account/passkeys/remove",
    { onDone: () => router.refresh(), leaves: true },
  );
  return (
    <>
      <Button
        type="button"
        className="secondary"
        aria-label={t("removeLabel", { name })}
        disabled={pending}
        onClick={() => void submit({ id })}
      >
        {pending ? t("removing") : t("remove")}
      </Button>
      <FormAlert error={message} />
      <SignInAgain error={error} />
    </>
  );
}
