-- Each kind's status machine, as transfers/kinds.ts declares it (transfers/kinds.test.ts checks
-- the two agree): a transfer's status may only move along these edges. Repeating a status (a
-- retried step) is not a move.
CREATE TABLE "transfer_transitions" (
  "kind"        "TransferKind"   NOT NULL,
  "from_status" "TransferStatus" NOT NULL,
  "to_status"   "TransferStatus" NOT NULL,
  PRIMARY KEY ("kind", "from_status", "to_status")
);

INSERT INTO "transfer_transitions" ("kind", "from_status", "to_status") VALUES
  ('P2P', 'PENDING', 'HELD'),
  ('P2P', 'PENDING', 'FAILED'),
  ('P2P', 'HELD', 'IN_REVIEW'),
  ('P2P', 'HELD', 'COMPLETED'),
  ('P2P', 'HELD', 'FAILED'),
  ('P2P', 'IN_REVIEW', 'COMPLETED'),
  ('P2P', 'IN_REVIEW', 'CANCELLED'),
  ('P2P', 'IN_REVIEW', 'FAILED'),
  ('DEPOSIT', 'PENDING', 'SENT_TO_BANK'),
  ('DEPOSIT', 'PENDING', 'FAILED'),
  ('DEPOSIT', 'SENT_TO_BANK', 'COMPLETED'),
  ('DEPOSIT', 'SENT_TO_BANK', 'FAILED'),
  ('WITHDRAWAL', 'PENDING', 'HELD'),
  ('WITHDRAWAL', 'PENDING', 'FAILED'),
  ('WITHDRAWAL', 'HELD', 'IN_REVIEW'),
  ('WITHDRAWAL', 'HELD', 'SENT_TO_BANK'),
  ('WITHDRAWAL', 'HELD', 'CANCELLED'),
  ('WITHDRAWAL', 'HELD', 'FAILED'),
  ('WITHDRAWAL', 'IN_REVIEW', 'SENT_TO_BANK'),
  ('WITHDRAWAL', 'IN_REVIEW', 'CANCELLED'),
  ('WITHDRAWAL', 'SENT_TO_BANK', 'SENT_TO_BANK'),
  ('WITHDRAWAL', 'SENT_TO_BANK', 'COMPLETED'),
  ('WITHDRAWAL', 'SENT_TO_BANK', 'COMPENSATED'),
  ('WITHDRAWAL', 'SENT_TO_BANK', 'CANCELLED')
;

CREATE FUNCTION "transfers_check_transition"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM transfer_transitions
                  WHERE kind = NEW.kind AND from_status = OLD.status AND to_status = NEW.status) THEN
    RAISE EXCEPTION 'a % transfer cannot move from % to %', NEW.kind, OLD.status, NEW.status USING ERRCODE = 'KZ010';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "transfers_status_machine" BEFORE UPDATE OF "status" ON "transfers"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status") EXECUTE FUNCTION "transfers_check_transition"();

GRANT SELECT ON "transfer_transitions" TO kizo_runtime;
