import "server-only";
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  Transaction,
} from "@prisma/driver-adapter-utils";

export type QueryCounter = { count: number };

// Counts statements at the driver adapter, below Prisma: one Prisma call can
// be several SQL statements, and round trips are what a login step pays for.
// BEGIN counts once per transaction; COMMIT counts when it is sent as SQL.
export function countQueries<F extends SqlDriverAdapterFactory>(
  factory: F,
  counter: QueryCounter,
): F {
  return new Proxy(factory, {
    get(target, key, receiver) {
      if (key !== "connect") return Reflect.get(target, key, receiver);
      return async () => wrapAdapter(await target.connect(), counter);
    },
  });
}

function wrapAdapter(
  adapter: SqlDriverAdapter,
  counter: QueryCounter,
): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      if (
        key === "queryRaw" ||
        key === "executeRaw" ||
        key === "executeScript"
      ) {
        return (...args: unknown[]) => {
          counter.count += 1;
          return value.apply(target, args);
        };
      }
      if (key === "startTransaction") {
        return async (...args: unknown[]) => {
          counter.count += 1;
          return wrapTransaction(await value.apply(target, args), counter);
        };
      }
      return value.bind(target);
    },
  });
}

function wrapTransaction(tx: Transaction, counter: QueryCounter): Transaction {
  return new Proxy(tx, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== "function") return value;
      const counts =
        key === "queryRaw" ||
        key === "executeRaw" ||
        // With a phantom query Prisma sends no COMMIT itself; the driver does.
        ((key === "commit" || key === "rollback") &&
          target.options.usePhantomQuery);
      if (!counts) return value.bind(target);
      return (...args: unknown[]) => {
        counter.count += 1;
        return value.apply(target, args);
      };
    },
  });
}
