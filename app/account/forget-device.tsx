"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Button } from "@/app/ui/button";
import { FormAlert } from "@/app/ui/form-alert";
import { useSubmit } from "@/app/ui/use-submit";

/** "Forget": that browser asks for the second factor again at its next sign-in. */
export function ForgetDevice({ id, nameId }: { id: string; nameId: string }) {
  const t = useTranslations("Account.rememberedDevices");
  const router = useRouter();
  const { pending, message, submit } = useSubmit(
    "/api/account/devices/forget",
    { onDone: () => router.refresh(), leaves: true },
  );
  return (
    <>
      <FormAlert error={message} />
      <Button
        type="button"
        className="secondary"
        disabled={pending}
        aria-describedby={nameId}
        onClick={() => void submit({ id })}
      >
        {pending ? t("forgetting") : t("forget")}
      </Button>
    </>
  );
}
