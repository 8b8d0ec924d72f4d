-- AlterEnum
ALTER TYPE "AuthEventType" ADD VALUE 'email_changed';

-- AlterEnum
ALTER TYPE "EmailLinkPurpose" ADD VALUE 'change_email';
