-- AlterEnum
ALTER TYPE "AuthEventType" ADD VALUE 'account_removed';

-- DropIndex
DROP INDEX "users_email_key";

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "verified_email" TEXT;

-- Backfill: every address proven so far is held by its account (addresses were unique until now).
UPDATE "users" SET "verified_email" = "email" WHERE "email_verified_at" IS NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "users_verified_email_key" ON "users"("verified_email");

-- CreateIndex
CREATE INDEX "users_email_idx" ON "users"("email");
