-- AlterEnum
BEGIN;
CREATE TYPE "AuthEventType_new" AS ENUM ('signup', 'code_sent', 'code_failed', 'login_success', 'login_failure', 'lockout', 'sign_out');
ALTER TABLE "auth_events" ALTER COLUMN "type" TYPE "AuthEventType_new" USING ("type"::text::"AuthEventType_new");
ALTER TYPE "AuthEventType" RENAME TO "AuthEventType_old";
ALTER TYPE "AuthEventType_new" RENAME TO "AuthEventType";
DROP TYPE "public"."AuthEventType_old";
COMMIT;
