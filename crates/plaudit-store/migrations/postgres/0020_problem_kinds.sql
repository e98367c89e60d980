-- An entry's problem is kept as its kind and what it quotes (a date, a link, a field, or a
-- parser's words), so the sources page says it in the reader's language; the English sentence
-- it replaces is gone.
ALTER TABLE import_problem ADD COLUMN kind TEXT NOT NULL DEFAULT 'unreadable';
ALTER TABLE import_problem ADD COLUMN argument TEXT;
UPDATE import_problem SET kind = 'no_title'
    WHERE reason IN ('it has no title', 'the repository has no name', 'the event has no name',
                     'its question''s title is missing', 'its question''s title is empty');
UPDATE import_problem SET kind = 'no_link' WHERE reason IN ('it has no link', 'no address');
UPDATE import_problem SET kind = 'no_date'
    WHERE reason IN ('it has no date', 'the event has no eventStartDate');
UPDATE import_problem SET kind = 'not_an_entry'
    WHERE reason IN ('it is not an entry', 'it is not an item');
-- The rest keep their English words as the detail until the next read replaces them.
UPDATE import_problem SET argument = reason WHERE kind = 'unreadable';
ALTER TABLE import_problem DROP COLUMN reason;
