"use client";

import Link from "next/link";
import { digestOf, StatusPage } from "@/app/ui/status-page";

// A page that failed while rendering. The error's message stays in the server's log (production
// replaces it anyway); the person sees what to do next and the reference that finds the log line.
export default function ErrorPage({
  error,
  retry,
}: {
  error: unknown;
  retry: () => void;
}) {
  return (
    <StatusPage
      eyebrow="Error"
      title="Something went wrong"
      lead="This page could not be shown. Try again in a moment, or start from the home page."
      actions={
        <div className="actions">
          <button type="button" onClick={() => retry()}>
            Try again
          </button>
          <Link className="button-link secondary" href="/">
            Home page
          </Link>
        </div>
      }
      reference={digestOf(error)}
    />
  );
}
