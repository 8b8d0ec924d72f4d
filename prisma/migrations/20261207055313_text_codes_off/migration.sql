-- AlterTable
ALTER TABLE "users" ADD COLUMN     "text_codes_off" BOOLEAN NOT NULL DEFAULT false;
