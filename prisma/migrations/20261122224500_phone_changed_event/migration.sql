-- AlterEnum
ALTER TYPE "AuthEventType" ADD VALUE 'phone_changed';
