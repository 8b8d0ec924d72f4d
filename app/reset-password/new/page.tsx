import type { Metadata } from "next";
import Link from "next/link";
import { readChallengeCookie } from "@/lib/http/challenge-cookie";
import { ERRORS } from "@/lib/errors";
import { getChallengeStore } from "@/lib/store";
import { NewPasswordForm } from "./new-password-form";

export const metadata: Metadata = { title: "Choose a new password" };
export const dynamic = "force-dynamic";

// Only the browser whose reset passed its code step gets the form; the API checks it again.
async function resetReady(): Promise<boolean | "unavailable"> {
  const id = await readChallengeCookie("new-password");
  if (!id) return false;
  try {
    const c = await getChallengeStore().getChallenge(id);
    return c?.purpose === "reset" && c.status === "verified";
  } catch (error) {
    console.error(
      "reset page: code store failed: %s",
      (error as Error).message,
    );
    return "unavailable";
  }
}

export default async function NewPasswordPage() {
  const ready = await resetReady();
  return (
    <section className="card">
      <h1>Choose a new password</h1>
      {ready === true ? (
        <>
          <p className="lead">
            Your phone is confirmed. Once you set a new password, every device
            signed in to your account is signed out.
          </p>
          <NewPasswordForm />
        </>
      ) : (
        <>
          <p className="alert error" role="alert">
            {ready === "unavailable"
              ? ERRORS.SERVICE_UNAVAILABLE.message
              : "Your reset has ended or has not passed its code step yet."}
          </p>
          <p className="switch">
            <Link href="/forgot-password">Ask for a new link</Link>
          </p>
        </>
      )}
    </section>
  );
}
