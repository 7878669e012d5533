// The JSON API of `dondoc serve` (docs/server.md): session cookie + CSRF
// header on every change, errors as {"error": {code, message, field}} with
// Vietnamese messages that the screens show as they are.

export type Role = "admin" | "leader" | "tracker" | "unit_officer";
export type Status =
  | "done_on_time"
  | "done_late"
  | "in_progress"
  | "due_soon"
  | "overdue"
  | "no_deadline";

export interface User {
  login: string;
  display_name: string;
  role: Role;
  unit: string;
  expires_on: string | null;
  disabled: boolean;
  email: string | null;
}

// A reminder in the app (GET /api/notifications): a milestone of a task's deadline.
export type NoticeKind = "due_soon" | "due_today" | "overdue";
export interface Notification {
  id: number;
  kind: NoticeKind;
  label: string;
  task: number;
  task_text: string;
  document: string;
  day: string;
  period: string;
  unit: string;
  noticed_on: string;
  created_at: number;
  read: boolean;
}

export interface Assignment {
  unit: string | null;
  mention: string;
  role: "lead" | "coordinate" | "perform" | string;
}

export interface Task {
  id: number;
  document: string;
  clause: string;
  action: string;
  assignments: Assignment[];
  state: "active" | "proposed" | "cancelled" | string;
  status: Status;
  due: string | null;
  period: string;
  report_to: string | null;
  report_via: string | null;
  product: string | null;
  version: number;
}

export interface DocumentRow {
  id: number;
  notation: string;
  placeholder: boolean;
  date: string | null;
  type: string;
  issuer: string;
  subject: string;
}

export interface Unit {
  id: string;
  name: string;
  kind: string;
  parent: string | null;
  aliases: string[];
  valid_from: string | null;
  valid_to: string | null;
  successors: string[];
}

export interface UnitNode extends Unit {
  children: UnitNode[];
}

export interface CascadeNode {
  document: DocumentRow;
  relation: "implements" | "cites";
  children: CascadeNode[];
}

export interface ScoreRow {
  unit: string;
  name: string;
  assigned: number;
  done_on_time: number;
  done_late: number;
  in_progress: number;
  overdue: number;
  no_deadline: number;
  completion_rate: number;
  enforcement: EnforcementCounts;
}

export type EnforcementKind = "reminder" | "urging" | "criticism" | "review";

export interface EnforcementCounts {
  reminder: number;
  urging: number;
  criticism: number;
  review: number;
}

// One act of the enforcement ledger (sổ theo dõi đôn đốc).
export interface EnforcementAct {
  id: number;
  kind: EnforcementKind;
  kind_label: string;
  number: string;
  date: string;
  by: string | null;
  document: number | null;
  document_text: string;
  units: string[];
  tasks: number[];
  concerned: string[];
  note: string;
  recorded_by: string;
  recorded_at: number;
}

export interface NewEnforcement {
  kind: EnforcementKind;
  date: string;
  number?: string;
  by?: string;
  units?: string[];
  tasks?: number[];
  document?: string;
  note?: string;
}

export interface Dashboard {
  as_of: string;
  total: number;
  by_status: { status: Status; count: number }[];
  overdue_by_unit: { unit: string; name: string; overdue: number }[];
  due_this_week: Task[];
  reports_due: Task[];
  recent_documents: DocumentRow[];
}

export interface TaskPage {
  total: number;
  offset: number;
  limit: number;
  as_of: string;
  items: Task[];
}

export interface TaskDetail {
  task: Task;
  deadlines: string[];
  progress: { on: string; unit: string | null; text: string; percent: number | null }[];
  reports: {
    id: number;
    reported_on: string;
    text: string;
    outcome: "confirmed" | "returned" | null;
    reviewed_on: string | null;
    review_note: string;
  }[];
  extensions: {
    id: number;
    requested_on: string;
    new_due: string;
    reason: string;
    decision: "pending" | "approved" | "rejected";
    decided_on: string | null;
  }[];
}

export interface Upload {
  document: number;
  notation: string;
  already_registered: boolean;
  filled_placeholder: boolean;
  tasks: Task[];
  references: number;
  placeholders_created: number;
  unresolved: string[];
  warnings: string[];
}

// The report of a task sheet import (docs/import.md): a dry run unless applied.
export interface ImportReport {
  rows: number;
  created: number;
  unchanged: number;
  applied: boolean;
  by_status: Record<string, number>;
  ignored_columns: string[];
  unresolved: string[];
  problems: { line: number; column: string; message: string }[];
}

export interface ImportOptions {
  apply?: boolean;
  sheet?: string;
  source?: string;
  map?: string; // "Tiêu đề=trường;…"
  status_map?: string; // "Từ=open|reported|done|cancelled;…"
}

export interface AuditLine {
  at: number; // Unix seconds
  actor: string;
  action: string;
  target: string;
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public field?: string,
  ) {
    super(message);
  }
}

function csrf(): string {
  const m = document.cookie.match(/(?:^|;\s*)dondoc_csrf=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : "";
}

let onUnauthenticated: () => void = () => {};
export function whenSignedOut(f: () => void) {
  onUnauthenticated = f;
}

// The answers index.html's inline script asked for before the bundle ran, by path: each
// is taken once, by the first GET of that path, and all are dropped at a
// sign-in (an answer asked for while signed out would be a 401).
type Early = Record<string, Promise<Response> | undefined>;
function takeEarly(path: string): Promise<Response> | undefined {
  const early = (window as unknown as { __dondocEarly?: Early }).__dondocEarly;
  const answer = early?.[path];
  if (early) delete early[path];
  return answer;
}
function dropEarly() {
  (window as unknown as { __dondocEarly?: Early }).__dondocEarly = undefined;
  settled.clear();
}

// Early answers already read (successful ones only), by path: what the first
// render shows without a render of its own for each answer (a loader, then
// the frame with empty cards, then the figures).
const settled = new Map<string, unknown>();

// Reads the early answers that are in within `waitMs`; any later one, or any
// refusal (a 401 signs out as usual), stays for the first GET of its path.
export async function settleEarly(waitMs: number): Promise<void> {
  const early = (window as unknown as { __dondocEarly?: Early }).__dondocEarly;
  if (!early) return;
  let timer = 0;
  const late = new Promise<undefined>((resolve) => {
    timer = window.setTimeout(() => resolve(undefined), waitMs);
  });
  await Promise.all(
    Object.entries(early).map(async ([path, answer]) => {
      if (!answer) return;
      const r = await Promise.race([answer.catch(() => undefined), late]);
      if (!r || !r.ok) return;
      delete early[path];
      try {
        settled.set(path, await r.json());
      } catch {
        // Unreadable: the page asks again.
      }
    }),
  );
  window.clearTimeout(timer);
}

// The early answer of a GET of `path`, if it was read by settleEarly; taken once.
export function earlyAnswer<T>(path: string): T | undefined {
  const answer = settled.get(path) as T | undefined;
  settled.delete(path);
  return answer;
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  contentType = "application/json",
): Promise<T> {
  if (path === "/api/login") dropEarly();
  const early = method === "GET" ? takeEarly(path) : undefined;
  const headers: Record<string, string> = {};
  if (method !== "GET") headers["X-CSRF-Token"] = csrf();
  let payload: BodyInit | undefined;
  if (body !== undefined) {
    headers["Content-Type"] = contentType;
    // A file goes as its own bytes (DOCX, PDF, a scan, a sheet), not as text.
    payload = typeof body === "string" || body instanceof Blob ? body : JSON.stringify(body);
  }
  const r = await (early ?? fetch(path, { method, headers, body: payload, credentials: "same-origin" }));
  const text = await r.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!r.ok) {
    const e = (json as { error?: { code: string; message: string; field?: string } })?.error;
    if (r.status === 401 && path !== "/api/login") onUnauthenticated();
    throw new ApiError(r.status, e?.code ?? "http", e?.message ?? `Lỗi ${r.status}`, e?.field);
  }
  return json as T;
}

export function query(params: Record<string, string | number | boolean | undefined | null>) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

const enc = encodeURIComponent;

// The media type a file is sent with. The server tells formats by content;
// the type only has to be one it accepts as a file, and browsers differ
// (Windows calls a .csv "application/vnd.ms-excel"): by extension first,
// then the browser's type if the server knows it, else octet-stream.
const typeByExt: Record<string, string> = {
  txt: "text/plain",
  md: "text/plain",
  csv: "text/csv",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  tif: "image/tiff",
  tiff: "image/tiff",
};
export function fileType(file: File): string {
  const ext = file.name.toLowerCase().split(".").pop() ?? "";
  if (typeByExt[ext]) return typeByExt[ext];
  if (file.type.startsWith("text/") || Object.values(typeByExt).includes(file.type)) return file.type;
  return "application/octet-stream";
}

// Fetches a file the API makes (an export, a draft) and hands it to the
// browser as a download under the server's file name. Errors are thrown as
// ApiError with the server's message, like every other call.
export async function download(path: string): Promise<string> {
  const r = await fetch(path, { credentials: "same-origin" });
  if (!r.ok) {
    let e: { code?: string; message?: string; field?: string } | undefined;
    try {
      e = ((await r.json()) as { error?: typeof e }).error;
    } catch {
      e = undefined;
    }
    if (r.status === 401) onUnauthenticated();
    throw new ApiError(r.status, e?.code ?? "http", e?.message ?? `Lỗi ${r.status}`, e?.field);
  }
  const blob = await r.blob();
  const m = /filename="([^"]+)"/.exec(r.headers.get("Content-Disposition") ?? "");
  const name = m ? m[1] : path.split("?")[0].split("/").pop() ?? "tep";
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  return name;
}

export const api = {
  login: (login: string, password: string) =>
    request<{ user: User; csrf: string }>("POST", "/api/login", { login, password }),
  logout: () => request<unknown>("POST", "/api/logout"),
  me: () => request<User>("GET", "/api/me"),
  earlyMe: () => earlyAnswer<User>("/api/me"),
  dashboard: (as_of: string) => request<Dashboard>("GET", `/api/dashboard${query({ as_of })}`),
  earlyDashboard: (as_of: string) => earlyAnswer<Dashboard>(`/api/dashboard${query({ as_of })}`),
  tasks: (p: Record<string, string | number | boolean | undefined>) =>
    request<TaskPage>("GET", `/api/tasks${query(p)}`),
  task: (id: number | string, as_of: string) =>
    request<TaskDetail>("GET", `/api/tasks/${enc(String(id))}${query({ as_of })}`),
  confirmTask: (id: number) => request<Task>("POST", `/api/tasks/${id}/confirm`),
  editTask: (id: number, edit: { action?: string; mention?: string; units?: string[] }) =>
    request<Task>("POST", `/api/tasks/${id}/edit`, edit),
  progress: (id: number, text: string, percent?: number, on?: string) =>
    request<Task>("POST", `/api/tasks/${id}/progress`, { text, percent, on }),
  report: (id: number, text: string, on?: string) =>
    request<Task>("POST", `/api/tasks/${id}/report`, { text, on }),
  review: (id: number, outcome: "confirmed" | "returned", note?: string, on?: string) =>
    request<Task>("POST", `/api/tasks/${id}/review`, { outcome, note, on }),
  extend: (id: number, new_due: string, reason?: string, on?: string) =>
    request<Task>("POST", `/api/tasks/${id}/extensions`, { new_due, reason, on }),
  decide: (id: number, decision: "approved" | "rejected", on?: string) =>
    request<Task>("POST", `/api/tasks/${id}/extensions/decision`, { decision, on }),
  upload: (text: string, name: string, received?: string) =>
    request<Upload>(
      "POST",
      `/api/documents${query({ name, received })}`,
      text,
      "text/plain; charset=utf-8",
    ),
  uploadFile: (file: File, received?: string) =>
    request<Upload>("POST", `/api/documents${query({ name: file.name, received })}`, file, fileType(file)),
  importTasks: (file: File, o: ImportOptions) =>
    request<ImportReport>(
      "POST",
      `/api/tasks/import${query({ name: file.name, apply: o.apply || undefined, sheet: o.sheet, source: o.source, map: o.map, status_map: o.status_map })}`,
      file,
      fileType(file),
    ),
  documents: (q: string, limit = 50, offset = 0) =>
    request<DocumentRow[]>("GET", `/api/documents${query({ q, limit, offset })}`),
  document: (notation: string, as_of: string) =>
    request<{ document: DocumentRow; record: Record<string, unknown>; tasks: Task[] }>(
      "GET",
      `/api/documents/${enc(notation)}${query({ as_of })}`,
    ),
  documentText: (notation: string) =>
    request<{ notation: string; source_name: string; text: string }>(
      "GET",
      `/api/documents/${enc(notation)}/text`,
    ),
  cascade: (notation: string) =>
    request<{ upward: DocumentRow[]; downward: CascadeNode }>(
      "GET",
      `/api/documents/${enc(notation)}/cascade`,
    ),
  confirmDocument: (notation: string) =>
    request<{ confirmed: number }>("POST", `/api/documents/${enc(notation)}/confirm`),
  units: () => request<Unit[]>("GET", "/api/units"),
  unitTree: () => request<UnitNode[]>("GET", "/api/units/tree"),
  alias: (mention: string, units: string[]) =>
    request<{ ok: boolean }>("POST", "/api/units/aliases", { mention, units }),
  merge: (from: string, to: string, on: string) =>
    request<{ moved: number }>("POST", "/api/units/merge", { from, to, on }),
  scoreboard: (p: Record<string, string | undefined>) =>
    request<ScoreRow[]>("GET", `/api/scoreboard${query(p)}`),
  users: () => request<User[]>("GET", "/api/users"),
  addUser: (u: { login: string; display_name: string; role: Role; unit: string; password: string; email: string }) =>
    request<User>("POST", "/api/users", u),
  patchUser: (login: string, patch: Record<string, unknown>) =>
    request<User>("PATCH", `/api/users/${enc(login)}`, patch),
  audit: (limit = 20) => request<AuditLine[]>("GET", `/api/audit${query({ limit })}`),
  enforcement: (p: Record<string, string | undefined>) =>
    request<EnforcementAct[]>("GET", `/api/enforcement${query(p)}`),
  recordEnforcement: (act: NewEnforcement) => request<EnforcementAct>("POST", "/api/enforcement", act),
  editEnforcement: (id: number, edit: { number?: string; date?: string; note?: string }) =>
    request<EnforcementAct>("PATCH", `/api/enforcement/${id}`, edit),
  // The urging dispatch for these units, drafted and recorded in the ledger:
  // the file to save and the act's id.
  urgeAndRecord: async (units: string[], as_of: string) => {
    const r = await fetch("/api/drafts/urge", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
      body: JSON.stringify({ units, as_of, record: true }),
      credentials: "same-origin",
    });
    if (!r.ok) {
      const json = await r.json().catch(() => null);
      const e = (json as { error?: { code: string; message: string; field?: string } } | null)?.error;
      if (r.status === 401) onUnauthenticated();
      throw new ApiError(r.status, e?.code ?? "http", e?.message ?? `Lỗi ${r.status}`, e?.field);
    }
    const disposition = r.headers.get("Content-Disposition") ?? "";
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? "cv-don-doc.docx";
    return { blob: await r.blob(), name, act: Number(r.headers.get("X-Dondoc-Enforcement") ?? 0) };
  },
  notifications: (limit = 50) =>
    request<{ unread: number; items: Notification[] }>("GET", `/api/notifications${query({ limit })}`),
  readNotification: (id: number) => request<{ ok: boolean }>("POST", `/api/notifications/${id}/read`),
  readAllNotifications: () => request<{ ok: boolean }>("POST", "/api/notifications/read-all"),
};
