// The register's schema, as ordered migrations. Migration N brings a
// register from version N-1 to N; a register records the versions it has
// applied, so opening an older file upgrades it and a newer one is refused.
#pragma once

#include <array>
#include <string_view>

namespace dondoc::store {

struct Migration {
    int version;
    std::string_view description;
    std::string_view sql;
    // The migration empties the derived tables (the search index, the
    // per-unit occurrence statuses) or leaves rows to convert: the
    // repository finishes the work from the records once it has run.
    bool rebuilds_derived = false;
};

inline constexpr std::array<Migration, 10> k_migrations = {{
    {1, "units, documents, citations, tasks, occurrences, events, full-text search", R"SQL(
CREATE TABLE units (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  parent_id TEXT REFERENCES units(id),
  valid_from TEXT,
  valid_to TEXT,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX units_parent ON units(parent_id);
CREATE TABLE unit_aliases (
  unit_id TEXT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  alias TEXT NOT NULL,
  PRIMARY KEY (unit_id, alias)
);
CREATE TABLE unit_successors (
  unit_id TEXT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  successor_id TEXT NOT NULL REFERENCES units(id),
  PRIMARY KEY (unit_id, successor_id)
);
CREATE TABLE name_mappings (
  mention_key TEXT NOT NULL,
  issuer_id TEXT NOT NULL DEFAULT '',
  unit_id TEXT NOT NULL REFERENCES units(id),
  PRIMARY KEY (mention_key, issuer_id, unit_id)
);
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  placeholder INTEGER NOT NULL DEFAULT 0,
  notation TEXT NOT NULL,
  notation_key TEXT NOT NULL,
  year INTEGER,
  date TEXT,
  type_code TEXT NOT NULL,
  issuer_name TEXT NOT NULL,
  issuer_id TEXT REFERENCES units(id),
  subject TEXT NOT NULL,
  direction TEXT NOT NULL,
  registered TEXT,
  source_name TEXT NOT NULL,
  source_hash TEXT,
  record_json TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE UNIQUE INDEX documents_hash ON documents(source_hash) WHERE source_hash IS NOT NULL AND source_hash <> '';
CREATE INDEX documents_notation ON documents(notation_key, year);
CREATE VIRTUAL TABLE documents_fts USING fts5(body);
CREATE TABLE citations (
  from_id INTEGER NOT NULL REFERENCES documents(id),
  to_id INTEGER NOT NULL REFERENCES documents(id),
  relation TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (from_id, to_id)
);
CREATE INDEX citations_to ON citations(to_id);
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  document_id INTEGER REFERENCES documents(id),
  parent_id INTEGER REFERENCES tasks(id),
  clause TEXT NOT NULL,
  action TEXT NOT NULL,
  evidence TEXT NOT NULL,
  deadlines_json TEXT NOT NULL,
  report_to TEXT,
  report_via TEXT,
  product TEXT,
  state TEXT NOT NULL,
  assigned_on TEXT,
  received_on TEXT,
  version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tasks_document ON tasks(document_id);
CREATE TABLE task_assignments (
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  unit_id TEXT REFERENCES units(id),
  mention TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (task_id, position)
);
CREATE INDEX task_assignments_unit ON task_assignments(unit_id, task_id);
CREATE TABLE assignment_history (
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  from_unit TEXT,
  to_unit TEXT,
  on_date TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE TABLE occurrences (
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  due TEXT NOT NULL,
  period_label TEXT NOT NULL,
  PRIMARY KEY (task_id, due)
);
CREATE INDEX occurrences_due ON occurrences(due);
CREATE TABLE progress_updates (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  on_date TEXT NOT NULL,
  unit_id TEXT REFERENCES units(id),
  text TEXT NOT NULL,
  percent INTEGER,
  evidence_id INTEGER REFERENCES documents(id)
);
CREATE INDEX progress_task ON progress_updates(task_id);
CREATE TABLE completion_reports (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  occurrence_due TEXT,
  reported_on TEXT NOT NULL,
  unit_id TEXT REFERENCES units(id),
  text TEXT NOT NULL,
  evidence_id INTEGER REFERENCES documents(id),
  outcome TEXT,
  reviewed_on TEXT,
  review_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reports_task ON completion_reports(task_id);
CREATE TABLE extensions (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  requested_on TEXT NOT NULL,
  new_due TEXT NOT NULL,
  reason TEXT NOT NULL,
  decision TEXT NOT NULL DEFAULT 'pending',
  decided_on TEXT
);
CREATE INDEX extensions_task ON extensions(task_id);
)SQL"},
    {2,
     "mentions stored once per task; per-unit occurrence statuses; search index without a copy "
     "of the text",
     R"SQL(
-- A set of units a mention resolved to ("UBND các huyện" → the thirteen
-- districts), stored once and shared by every task that names it.
CREATE TABLE unit_sets (
  id INTEGER PRIMARY KEY,
  members TEXT NOT NULL UNIQUE      -- the unit ids in order, one per line
);
CREATE TABLE unit_set_members (
  set_id INTEGER NOT NULL REFERENCES unit_sets(id),
  seq INTEGER NOT NULL,
  unit_id TEXT NOT NULL REFERENCES units(id),
  PRIMARY KEY (set_id, seq)
) WITHOUT ROWID;
CREATE INDEX unit_set_members_unit ON unit_set_members(unit_id, set_id);
-- Each printed mention of a task once, with the units it resolved to.
CREATE TABLE task_mentions (
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  mention TEXT NOT NULL,
  role TEXT NOT NULL,
  unit_set INTEGER REFERENCES unit_sets(id),   -- NULL: not resolved yet
  PRIMARY KEY (task_id, position)
) WITHOUT ROWID;
CREATE INDEX task_mentions_set ON task_mentions(unit_set, task_id);
-- The rows of schema 1, converted by the repository after this migration.
ALTER TABLE task_assignments RENAME TO v1_task_assignments;
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(body, content='');
-- Derived from the tasks and their events (rebuilt at will): each occurrence
-- of an active task once per unit assigned to it, with its status inputs as
-- day numbers (days since 1970-01-01), so that a scoreboard as of any date
-- is one scan and a unit's overdue list one index range.
CREATE TABLE unit_occurrences (
  unit_id TEXT NOT NULL,
  due INTEGER NOT NULL,            -- 0 for a task without deadline
  task_id INTEGER NOT NULL,
  scored INTEGER NOT NULL,         -- 1: the unit leads or performs it (coordinating units are not scored)
  recurring INTEGER NOT NULL,
  exact INTEGER NOT NULL,          -- 0: several approved extensions or confirmed reports; see the events
  assigned_on INTEGER,
  last_day INTEGER,
  extended_to INTEGER,
  extended_on INTEGER,
  done_on INTEGER,
  confirmed_on INTEGER,
  PRIMARY KEY (unit_id, due, task_id)
) WITHOUT ROWID;
CREATE INDEX tasks_parent ON tasks(parent_id) WHERE parent_id IS NOT NULL;
ALTER TABLE tasks ADD COLUMN assigned_by TEXT REFERENCES units(id);
ALTER TABLE tasks ADD COLUMN source_key TEXT;
ALTER TABLE tasks ADD COLUMN source_status TEXT;
CREATE UNIQUE INDEX tasks_source ON tasks(source_key) WHERE source_key IS NOT NULL;
CREATE INDEX unit_occurrences_task ON unit_occurrences(task_id);
CREATE INDEX unit_occurrences_due ON unit_occurrences(due);
CREATE INDEX unit_occurrences_inexact ON unit_occurrences(task_id) WHERE exact = 0;
-- Derived: how many exact unit_occurrences of each unit enter (+1) or leave
-- (-1) each status on each day (d0..d4: done on time, done late, in
-- progress, overdue, no deadline), and the same summed by month (keyed by
-- the month's first day), so that the counts as of a date add up the months
-- before its month and the days of its month up to it. The statuses held
-- from the start are on day -1073741824.
CREATE TABLE unit_status_days (
  day INTEGER NOT NULL,
  unit_id TEXT NOT NULL,
  d0 INTEGER NOT NULL, d1 INTEGER NOT NULL, d2 INTEGER NOT NULL, d3 INTEGER NOT NULL,
  d4 INTEGER NOT NULL,
  PRIMARY KEY (day, unit_id)
) WITHOUT ROWID;
CREATE TABLE unit_status_months (
  month INTEGER NOT NULL,
  unit_id TEXT NOT NULL,
  d0 INTEGER NOT NULL, d1 INTEGER NOT NULL, d2 INTEGER NOT NULL, d3 INTEGER NOT NULL,
  d4 INTEGER NOT NULL,
  PRIMARY KEY (month, unit_id)
) WITHOUT ROWID;
)SQL",
     true},
    // Migration 3 (the server, issue 5): accounts, sessions, API tokens, the
    // append-only audit log and login failures. Self-contained: it touches no
    // table of migration 1.
    {3, "accounts, sessions, API tokens, audit log, login throttling", R"SQL(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'leader', 'tracker', 'unit_officer')),
  unit_id TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  expires_on TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER
);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TABLE login_failures (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  last_at INTEGER NOT NULL
);
)SQL"},
    // Migration 4 (several servers, issue 5): a counter that every change to
    // the directory (units, aliases, successors, remembered name mappings)
    // moves, in whatever process or connection made it, so that each one's
    // cached directory knows when to reload; an index for task pages.
    {4, "a version for the directory, moved by every change to it; tasks by state", R"SQL(
-- Task lists filter on the state and page in id order: counted and paged
-- from this index without reading the task rows.
CREATE INDEX tasks_state ON tasks(state, id);
CREATE TABLE register_versions (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);
INSERT INTO register_versions(name, version) VALUES ('directory', 1);
CREATE TRIGGER units_version_insert AFTER INSERT ON units BEGIN
  UPDATE register_versions SET version = version + 1 WHERE name = 'directory'; END;
CREATE TRIGGER units_version_update AFTER UPDATE ON units BEGIN
  UPDATE register_versions SET version = version + 1 WHERE name = 'directory'; END;
CREATE TRIGGER units_version_delete AFTER DELETE ON units BEGIN
  UPDATE register_versions SET version = version + 1 WHERE name = 'directory'; END;
CREATE TRIGGER aliases_version_insert AFTER INSERT ON unit_aliases BEGIN
  UPDATE register_versions SET version = version + 1 WHERE name = 'directory'; END;
CREATE TRIGGER aliases_version_delete AFTER DELETE ON unit_aliases BEGIN
  UPDATE register_versions SET version = version + 1 WHERE name = 'directory'; END;
CREATE TRIGGER successors_version_insert AFTER INSERT ON unit_successors BEGIN
  UPDATE register_versions SET version = version + 1 WHERE name = 'directory'; END;
CREATE TRIGGER successors_version_delete AFTER DELETE ON unit_successors BEGIN
  UPDATE register_versions SET version = version + 1 WHERE name = 'directory'; END;
CREATE TRIGGER mappings_version_insert AFTER INSERT ON name_mappings BEGIN
  UPDATE register_versions SET version = version + 1 WHERE name = 'directory'; END;
CREATE TRIGGER mappings_version_delete AFTER DELETE ON name_mappings BEGIN
  UPDATE register_versions SET version = version + 1 WHERE name = 'directory'; END;
)SQL"},
    {5, "what falls due in a window: occurrences by day with their tasks; report tasks",
     R"SQL(
DROP INDEX occurrences_due;
CREATE INDEX occurrences_due ON occurrences(due, period_label, task_id);
CREATE INDEX tasks_reports ON tasks(id)
  WHERE product LIKE '%áo cáo%' OR product LIKE '%ÁO CÁO%';
)SQL"},
    // Migration 6 (issue 8, the enforcement ledger): reminders, urging,
    // criticism and self-criticism reviews as recorded acts. Self-contained:
    // it only adds tables.
    {6, "the enforcement ledger: acts, the units they count for, their tasks", R"SQL(
CREATE TABLE enforcement_acts (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('reminder', 'urging', 'criticism', 'review')),
  number TEXT NOT NULL DEFAULT '',      -- số, ký hiệu; blank until the letter is signed
  on_date TEXT NOT NULL,
  by_unit TEXT REFERENCES units(id),
  document_id INTEGER REFERENCES documents(id),
  document_text TEXT NOT NULL DEFAULT '',  -- the carrying document when not registered
  note TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX enforcement_acts_date ON enforcement_acts(on_date, id);
-- The units an act counts for, each once: named by it (named = 1) or
-- leading or performing one of its tasks when it was recorded (named = 0).
CREATE TABLE enforcement_units (
  act_id INTEGER NOT NULL REFERENCES enforcement_acts(id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL REFERENCES units(id),
  named INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (act_id, unit_id)
);
CREATE INDEX enforcement_units_unit ON enforcement_units(unit_id, act_id);
CREATE TABLE enforcement_tasks (
  act_id INTEGER NOT NULL REFERENCES enforcement_acts(id) ON DELETE CASCADE,
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  PRIMARY KEY (act_id, task_id)
);
CREATE INDEX enforcement_tasks_task ON enforcement_tasks(task_id);
)SQL"},
    // Migration 7 (reminders, issue 8): an e-mail address per account; the
    // notices the reminder run records, one per task, occurrence, milestone,
    // day and unit, unique so that the database itself refuses a second one
    // (several servers, restarts); the in-app notifications they give each
    // user of the unit; and the e-mail owed to each of those users, with its
    // delivery state, so that a failed send is retried and a sent one never
    // again. Self-contained: it only adds a column to users.
    {7, "e-mail addresses; reminder notices, in-app notifications, e-mail deliveries", R"SQL(
ALTER TABLE users ADD COLUMN email TEXT;
CREATE TABLE notices (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  occurrence TEXT NOT NULL,         -- the occurrence's own due date (ISO): which period
  period_label TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('due_soon', 'due_today', 'overdue')),
  day TEXT NOT NULL,                -- the last day on time the notice is about (ISO)
  unit_id TEXT NOT NULL,            -- the responsible unit noticed
  noticed_on TEXT NOT NULL,         -- the as-of date of the run that recorded it
  created_at INTEGER NOT NULL,
  task_text TEXT NOT NULL,          -- what the task says, as noticed
  document TEXT NOT NULL,           -- the notation of the document that gave it
  UNIQUE (task_id, occurrence, kind, day, unit_id)
);
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  read_at INTEGER,
  UNIQUE (user_id, notice_id)
);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE TABLE mail_deliveries (
  notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  address TEXT NOT NULL,
  sent_at INTEGER,                  -- NULL until the SMTP server accepted it
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  claim TEXT,                       -- the run sending it (another run leaves it alone)
  claimed_at INTEGER,               -- since when (a claim left by a run that died expires)
  PRIMARY KEY (notice_id, user_id)
);
CREATE INDEX mail_deliveries_pending ON mail_deliveries(user_id) WHERE sent_at IS NULL;
)SQL"},
    // Migration 8 (a page of a unit's tasks at a province's scale, issue 5):
    // the active tasks of a unit, in id order, from one range of this index
    // (unit_occurrences holds each active task once per assigned unit and
    // occurrence), instead of a probe of the tasks table per task.
    // Self-contained: an index over a derived table, built in about a second
    // at 1,000,000 tasks.
    {8, "a unit's active tasks in id order", R"SQL(
CREATE INDEX unit_occurrences_unit_task ON unit_occurrences(unit_id, task_id);
)SQL"},
    // Migration 9 (the import's speed, issue 9): a task's one plain date
    // deadline may be stored as its ISO date rather than JSON (see
    // stored_deadlines in sql_repository.cpp; rows written before stay JSON
    // and read as they were): this version keeps older binaries from
    // reading such a register. Tasks with no directive (imported from a
    // sheet, most of a province's) are left out of the index by directive.
    {9, "a plain date deadline stored as its date; the index by directive without tasks of none",
     R"SQL(
DROP INDEX tasks_document;
CREATE INDEX tasks_document ON tasks(document_id) WHERE document_id IS NOT NULL;
)SQL"},
    // Migration 10 (a page of a unit's tasks, issue 5): each row of the
    // per-unit occurrence index carries its occurrence's period label, so
    // that a page shows its tasks' statuses without reading their
    // occurrences. Filled here from the occurrences that have a label (the
    // recurring reports: a few rows of a province's million).
    {10, "the period label of each row of the per-unit occurrence index", R"SQL(
ALTER TABLE unit_occurrences ADD COLUMN period_label TEXT NOT NULL DEFAULT '';
UPDATE unit_occurrences SET period_label = coalesce((SELECT o.period_label FROM occurrences o
  WHERE o.task_id = unit_occurrences.task_id
    AND o.due = date(unit_occurrences.due * 86400, 'unixepoch')), '')
WHERE due <> 0 AND task_id IN (SELECT task_id FROM occurrences WHERE period_label <> '');
)SQL"},
}};

}  // namespace dondoc::store
