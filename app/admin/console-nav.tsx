"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { CONSOLE_PAGES } from "./console-pages";
import styles from "./console.module.css";

/** The console's pages; the one shown is marked for screen readers too. */
export function ConsoleNav() {
  const path = usePathname();
  const current = (href: string) =>
    href === "/admin"
      ? path === "/admin" || path.startsWith("/admin/accounts")
      : path.startsWith(href);
  return (
    <nav className={styles.nav} aria-label="Console">
      <span className={styles.title}>Console</span>
      {CONSOLE_PAGES.map((p) => (
        <Link
          key={p.href}
          href={p.href}
          aria-current={current(p.href) ? "page" : undefined}
        >
          {p.label}
        </Link>
      ))}
    </nav>
  );
}
