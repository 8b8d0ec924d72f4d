-- AlterTable
ALTER TABLE "users" ADD COLUMN     "recovery_completes_at" TIMESTAMPTZ(3);
