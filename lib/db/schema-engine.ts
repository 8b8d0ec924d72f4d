// Prisma's schema engine as WebAssembly, driven through a driver adapter: the
// prisma CLI insists on downloading a native engine, which this machine (and
// anyone offline) cannot do. No "server-only" here: the CLI scripts in
// prisma/scripts run this module under plain Node (tsx).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaContainer } from "@prisma/schema-engine-wasm/schema_engine_bg";

export type SchemaEngine = bg.SchemaEngine;
export const NO_FILTERS = { externalTables: [], externalEnums: [] };

const WASM_PACKAGE = "@prisma/schema-engine-wasm";
const WASM_FILE = "schema_engine_bg.wasm";

// The package does not export its .wasm file, so find it beside the glue
// module (not the package's main entry: that one imports the .wasm itself,
// which Turbopack would then bundle twice). When a bundler turns
// require.resolve into a module id, fall back to node_modules under the
// working directory (where next, vitest and npm run).
function locateWasm(): string {
  const candidates: string[] = [];
  try {
    const entry: unknown = createRequire(import.meta.url).resolve(
      `${WASM_PACKAGE}/schema_engine_bg`,
    );
    if (typeof entry === "string")
      candidates.push(path.join(path.dirname(entry), WASM_FILE));
  } catch {
    // not resolvable from here: try the fallback
  }
  candidates.push(
    path.join(process.cwd(), "node_modules", WASM_PACKAGE, WASM_FILE),
  );
  const found = candidates.find((file) =>
    existsSync(/*turbopackIgnore: true*/ file),
  );
  if (!found)
    throw new Error(
      `Cannot find ${WASM_PACKAGE}/${WASM_FILE}; looked in ${candidates.join(", ")}`,
    );
  return found;
}

// The wasm-bindgen glue keeps one module instance per process.
let loading: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  loading ??= (async () => {
    const bytes = await readFile(/*turbopackIgnore: true*/ locateWasm());
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": bg,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loading;
}

export async function readSchemaFile(
  schemaPath: string,
): Promise<SchemaContainer> {
  return {
    path: schemaPath,
    content: await readFile(/*turbopackIgnore: true*/ schemaPath, "utf8"),
  };
}

/**
 * Runs `work` with an engine over the adapter, then frees it and disposes the
 * connections it opened: the engine holds Prisma's migration advisory lock on
 * its connection, and a pooled connection left open would keep the lock (and
 * block every other migrator) for the life of the process.
 */
export async function withSchemaEngine<T>(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  schema: SchemaContainer | undefined,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  const opened: SqlDriverAdapter[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    connect: async () => remember(opened, await adapter.connect()),
    connectToShadowDb: async () =>
      remember(opened, await adapter.connectToShadowDb()),
  };
  const datamodels: [string, string][] | undefined = schema
    ? [[schema.path, schema.content]]
    : undefined;
  const engine = await bg.SchemaEngine.new(
    { datamodels },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((connection) => connection.dispose()));
  }
}

function remember(
  list: SqlDriverAdapter[],
  connection: SqlDriverAdapter,
): SqlDriverAdapter {
  list.push(connection);
  return connection;
}
