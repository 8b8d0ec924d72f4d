import { ClientMessages } from "@/app/ui/client-messages";
import { ConsoleNav } from "./console-nav";
import styles from "./console.module.css";

// The console's frame: its navigation, then the page, which checks who may see it (openConsole).
// Every console page has client parts (the navigation, the actions, the breakers) that read the
// "Admin" messages: sent once here for all of them.
export default function ConsoleLayout({
  children,
}: {
  children: React.ReactNode;
}) {
  return (
    <ClientMessages pick={["Admin"]}>
      <div className={styles.console}>
        <ConsoleNav />
        {children}
      </div>
    </ClientMessages>
  );
}
