"use client";

import { ErrorStatus } from "@/app/ui/error-status";

// A page that failed while rendering. The error's message stays in the server's log (production
// replaces it anyway).
export default function ErrorPage(props: {
  error: unknown;
  retry: () => void;
}) {
  return (
    <ErrorStatus
      {...props}
      lead="This page could not be shown. Try again in a moment, or start from the home page."
    />
  );
}
