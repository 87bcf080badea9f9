-- AlterTable
ALTER TABLE "terminal_sessions" ADD COLUMN     "lease_owner_url" TEXT;
