-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuthEventType" ADD VALUE 'email_change_requested';
ALTER TYPE "AuthEventType" ADD VALUE 'email_change_cancelled';

-- AlterTable
ALTER TABLE "email_links" ADD COLUMN     "cancel_token_hash" TEXT,
ADD COLUMN     "session_id" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "email_links_cancel_token_hash_key" ON "email_links"("cancel_token_hash");
