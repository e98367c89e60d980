-- The language a person chose on their account page; NULL means "as my browser asks".
ALTER TABLE account ADD COLUMN language TEXT;

-- Secrets every replica must share (the key that signs anonymous CSRF cookies), made once by
-- whichever replica starts first.
CREATE TABLE server_secret (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
