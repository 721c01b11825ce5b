-- Rate-limit counters every API replica shares (rate-limiter-flexible's PostgreSQL store, in
-- the layout it expects: key, points, expiry in epoch milliseconds).
CREATE TABLE "rate_limits" (
  "key"    VARCHAR(255) PRIMARY KEY,
  "points" INTEGER NOT NULL DEFAULT 0,
  "expire" BIGINT
);
GRANT SELECT, INSERT, UPDATE, DELETE ON "rate_limits" TO kizo_runtime;
