// The pages of the operators' console, in the order its navigation lists them, each named by its
// key in the "Admin.nav" messages. A new page is a folder under app/admin whose page.tsx calls
// openConsole first (lib/http/console-page.ts), and one entry here.
export const CONSOLE_PAGES = [
  { href: "/admin", name: "people" },
  { href: "/admin/messages", name: "messages" },
] as const;
