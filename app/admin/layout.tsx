import { ConsoleNav } from "./console-nav";
import styles from "./console.module.css";

// The console's frame: its navigation, then the page, which checks who may see it (openConsole).
export default function ConsoleLayout({
  children,
}: {
  children: React.ReactNode;
}) {
  return (
    <div className={styles.console}>
      <ConsoleNav />
      {children}
    </div>
  );
}
