-- AlterEnum
ALTER TYPE "AuthEventType" ADD VALUE 'password_changed';
