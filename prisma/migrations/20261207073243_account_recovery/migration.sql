-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuthEventType" ADD VALUE 'recovery_requested';
ALTER TYPE "AuthEventType" ADD VALUE 'recovery_started';
ALTER TYPE "AuthEventType" ADD VALUE 'recovery_cancelled';
ALTER TYPE "AuthEventType" ADD VALUE 'recovery_completed';

-- AlterEnum
ALTER TYPE "EmailLinkPurpose" ADD VALUE 'recover_account';

-- CreateTable
CREATE TABLE "account_recoveries" (
    "user_id" TEXT NOT NULL,
    "new_phone" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "completes_at" TIMESTAMPTZ(3) NOT NULL,
    "cancel_token_hash" TEXT NOT NULL,

    CONSTRAINT "account_recoveries_pkey" PRIMARY KEY ("user_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "account_recoveries_cancel_token_hash_key" ON "account_recoveries"("cancel_token_hash");

-- AddForeignKey
ALTER TABLE "account_recoveries" ADD CONSTRAINT "account_recoveries_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
