// The message catalogues as flat lists, for the tests that read every message.

export type Tree = { [key: string]: string | Tree };

/** Every message of a catalogue by its dotted key ("Sms.code"). */
export function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") found.set(at, value);
    else for (const entry of flatten(value, at)) found.set(...entry);
  }
  return found;
}
