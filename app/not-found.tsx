import type { Metadata } from "next";
import Link from "next/link";
import { StatusPage } from "@/app/ui/status-page";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <StatusPage
      eyebrow="Error 404"
      title="Page not found"
      lead="This address does not lead to a page. It may be mistyped, or the page has moved."
      actions={
        <div className="actions single">
          <Link className="button-link" href="/">
            Go to the home page
          </Link>
        </div>
      }
    />
  );
}
