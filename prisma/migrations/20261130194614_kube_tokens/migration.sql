-- CreateTable
CREATE TABLE "kube_tokens" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "kube_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "kube_tokens_token_hash_key" ON "kube_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "kube_tokens_user_id_created_at_idx" ON "kube_tokens"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "kube_tokens_session_id_idx" ON "kube_tokens"("session_id");

-- AddForeignKey
ALTER TABLE "kube_tokens" ADD CONSTRAINT "kube_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kube_tokens" ADD CONSTRAINT "kube_tokens_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "terminal_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
