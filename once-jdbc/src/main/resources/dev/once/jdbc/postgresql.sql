-- Once's idempotency records on PostgreSQL 12+. Times are epoch milliseconds (UTC).
CREATE TABLE IF NOT EXISTS once_records (
  idempotency_key        VARCHAR(512) NOT NULL PRIMARY KEY, -- prefix#digest
  status                 VARCHAR(16)  NOT NULL,             -- INPROGRESS, COMPLETED or FAILED
  expires_at             BIGINT       NOT NULL,             -- the whole record expires (whole seconds)
  in_progress_expires_at BIGINT,                            -- the holder's lease ends
  validation             VARCHAR(255),                      -- payload digest, when validating
  data                   BYTEA,                             -- the encoded result or stored failure
  lease                  VARCHAR(64)                        -- the fencing token of the holder
);
-- purgeExpired deletes in bounded batches by expiry: this index keeps each batch cheap.
CREATE INDEX IF NOT EXISTS once_records_expires_at ON once_records (expires_at);
