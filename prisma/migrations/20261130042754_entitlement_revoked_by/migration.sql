-- AlterTable
ALTER TABLE "entitlements" ADD COLUMN     "revoked_by_id" TEXT;

-- AddForeignKey
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_revoked_by_id_fkey" FOREIGN KEY ("revoked_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
