"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { CONSOLE_PAGES } from "./console-pages";
import styles from "./console.module.css";

/** The console's pages; the one shown is marked for screen readers too. */
export function ConsoleNav() {
  const t = useTranslations("Admin.nav");
  const path = usePathname();
  const current = (href: string) =>
    href === "/admin"
      ? path === "/admin" || path.startsWith("/admin/accounts")
      : path.startsWith(href);
  return (
    <nav className={styles.nav} aria-label={t("label")}>
      <span className={styles.title}>{t("title")}</span>
      {CONSOLE_PAGES.map((p) => (
        <Link
          key={p.href}
          href={p.href}
          aria-current={current(p.href) ? "page" : undefined}
        >
          {t(p.name)}
        </Link>
      ))}
    </nav>
  );
}
