-- CreateEnum
CREATE TYPE "AccountRole" AS ENUM ('admin');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AuthEventType" ADD VALUE 'admin_request';
ALTER TYPE "AuthEventType" ADD VALUE 'account_unlocked';
ALTER TYPE "AuthEventType" ADD VALUE 'account_switched_off';
ALTER TYPE "AuthEventType" ADD VALUE 'account_switched_on';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "role" "AccountRole",
ADD COLUMN     "switched_off_at" TIMESTAMPTZ(3),
ADD COLUMN     "switched_off_reason" TEXT;
