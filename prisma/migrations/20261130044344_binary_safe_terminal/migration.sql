-- Binary-safe terminal sessions (issue 10, row 5): any output or input a command line can hold
-- (NULs, lone surrogates, random bytes) is stored and replayed exactly. Existing rows are
-- converted, not dropped: valid UTF-8 text is valid WTF-8, and jsonb prints as its JSON text.

-- AlterTable
ALTER TABLE "terminal_sessions" ALTER COLUMN "snapshot" SET DATA TYPE TEXT USING "snapshot"::text;

-- AlterTable
ALTER TABLE "terminal_events" ALTER COLUMN "line" SET DATA TYPE BYTEA USING convert_to("line", 'UTF8'),
ALTER COLUMN "output" DROP DEFAULT,
ALTER COLUMN "output" SET DATA TYPE BYTEA USING convert_to("output", 'UTF8'),
ALTER COLUMN "output" SET DEFAULT '\x',
ALTER COLUMN "delta" SET DATA TYPE TEXT USING "delta"::text;
