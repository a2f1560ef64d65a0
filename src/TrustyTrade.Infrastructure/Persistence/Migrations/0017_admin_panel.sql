-- The admin panel: a rejected listing keeps the moderator's reason until its seller submits it again.
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS rejection_reason text NULL;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'accounts_rejection_reason_length') THEN
        ALTER TABLE accounts ADD CONSTRAINT accounts_rejection_reason_length
            CHECK (rejection_reason IS NULL OR char_length(rejection_reason) BETWEEN 1 AND 500);
    END IF;
END $$;
