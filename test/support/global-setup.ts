import { prepareTestDatabase } from "./db";

// Runs once before all test files; each concern gets its own function.
export default async function setup(): Promise<void> {
  await prepareTestDatabase();
}
