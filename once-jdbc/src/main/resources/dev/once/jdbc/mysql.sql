-- Once's idempotency records on MySQL 8 and MariaDB 10.6+. Times are epoch milliseconds (UTC).
-- The key is compared byte for byte (utf8mb4_bin): the default collation would make keys that
-- differ only in case collide.
CREATE TABLE IF NOT EXISTS once_records (
  idempotency_key        VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, -- prefix#digest
  status                 VARCHAR(16)  NOT NULL, -- INPROGRESS, COMPLETED or FAILED
  expires_at             BIGINT       NOT NULL, -- the whole record expires (whole seconds)
  in_progress_expires_at BIGINT,                -- the holder's lease ends
  validation             VARCHAR(255),          -- payload digest, when validating
  data                   LONGBLOB,              -- the encoded result or stored failure
  lease                  VARCHAR(64),           -- the fencing token of the holder
  PRIMARY KEY (idempotency_key),
  -- purgeExpired deletes in bounded batches by expiry: this index keeps each batch cheap.
  INDEX once_records_expires_at (expires_at)
) ENGINE = InnoDB;
