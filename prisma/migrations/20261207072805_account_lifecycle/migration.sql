-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuthEventType" ADD VALUE 'locked_down';
ALTER TYPE "AuthEventType" ADD VALUE 'deletion_requested';
ALTER TYPE "AuthEventType" ADD VALUE 'deletion_cancelled';
ALTER TYPE "AuthEventType" ADD VALUE 'account_erased';

-- AlterEnum
ALTER TYPE "EmailLinkPurpose" ADD VALUE 'lock_down';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "deletion_due_at" TIMESTAMPTZ(3),
ADD COLUMN     "locked_down_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "sent_notices" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sent_notices_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sent_notices_user_id_sent_at_idx" ON "sent_notices"("user_id", "sent_at");

-- AddForeignKey
ALTER TABLE "sent_notices" ADD CONSTRAINT "sent_notices_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
