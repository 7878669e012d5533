// Shows a document's text with what the reader extracted from it marked in
// place: the header's fields, each task's text, the units and deadlines
// inside it. The record carries values, not offsets, so each value is found
// in the text again, ignoring case, whitespace and line breaks (a subject
// wraps over lines) and Markdown emphasis ('*').
import { Fragment, useMemo } from "react";

export type MarkKind = "field" | "task" | "unit" | "deadline" | "unsure";

export interface Wanted {
  key: string; // what it belongs to: "field:subject", "task:2", "unit:2:0"
  kind: MarkKind;
  value: string;
  within?: string; // search inside the range found for this key first
  label: string; // shown as the mark's title
}

interface Index {
  norm: string; // lower case, NFC, no whitespace, no '*'
  map: number[]; // norm position → text position
}

function index(text: string): Index {
  const map: number[] = [];
  let norm = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "*" || /\s/.test(c)) continue;
    const lower = c.toLowerCase();
    for (let k = 0; k < lower.length; k++) map.push(i);
    norm += lower;
  }
  return { norm, map };
}

function needle(value: string): string {
  return value.normalize("NFC").replace(/[\s*]/g, "").toLowerCase();
}

export interface Found {
  key: string;
  kind: MarkKind;
  label: string;
  start: number;
  end: number;
}

// Where each wanted value is in the text (first occurrence, or first inside
// its `within` range); values not found are left out.
export function locate(text: string, wanted: Wanted[]): Found[] {
  const ix = index(text);
  const ranges = new Map<string, [number, number]>(); // key → norm range
  const found: Found[] = [];
  for (const w of wanted) {
    const n = needle(w.value);
    if (n.length < 2) continue;
    let at = -1;
    const inside = w.within ? ranges.get(w.within) : undefined;
    if (inside) {
      // A task's units are named just before its action ("Phòng X chủ trì,
      // phối hợp với …"), its deadline inside it: look there first.
      const before = ix.norm.lastIndexOf(n, inside[0]);
      const near = before >= 0 && inside[0] - before <= 400 ? before : -1;
      const within = ix.norm.indexOf(n, inside[0]);
      const inRange = within >= 0 && within <= inside[1] ? within : -1;
      at = w.kind === "unit" ? (near >= 0 ? near : inRange) : inRange >= 0 ? inRange : near;
    }
    if (at < 0) at = ix.norm.indexOf(n);
    if (at < 0) continue;
    const end = at + n.length;
    if (!ranges.has(w.key)) ranges.set(w.key, [at, end]);
    found.push({ key: w.key, kind: w.kind, label: w.label, start: ix.map[at], end: ix.map[end - 1] + 1 });
  }
  return found;
}

// Where OCR's uncertain words are: each looked for after the previous one
// (Tesseract lists them in reading order), so that a common word ("UBND")
// is marked where it was misread rather than at its first occurrence.
export function locateInOrder(text: string, words: string[]): Found[] {
  const ix = index(text);
  const found: Found[] = [];
  let from = 0;
  words.forEach((word, i) => {
    const n = needle(word);
    if (!n) return;
    const at = ix.norm.indexOf(n, from);
    if (at < 0) return;
    from = at + n.length;
    found.push({
      key: `ocr:${i}`,
      kind: "unsure",
      label: "Chữ nhận dạng chưa chắc chắn: đối chiếu bản gốc",
      start: ix.map[at],
      end: ix.map[at + n.length - 1] + 1,
    });
  });
  return found;
}

const priority: Record<MarkKind, number> = { task: 1, field: 2, deadline: 3, unit: 4, unsure: 5 };

export function HighlightedText({
  text,
  found,
  active,
}: {
  text: string;
  found: Found[];
  active?: string | null;
}) {
  const pieces = useMemo(() => {
    // Per character, the most specific mark covering it.
    const owner: (Found | null)[] = new Array(text.length).fill(null);
    for (const f of found)
      for (let i = f.start; i < f.end; i++) {
        const cur = owner[i];
        if (!cur || priority[f.kind] >= priority[cur.kind]) owner[i] = f;
      }
    const out: { text: string; mark: Found | null }[] = [];
    let i = 0;
    while (i < text.length) {
      let j = i + 1;
      while (j < text.length && owner[j] === owner[i]) j++;
      out.push({ text: text.slice(i, j), mark: owner[i] });
      i = j;
    }
    return out;
  }, [text, found]);
  return (
    <div className="doc-text" tabIndex={0} aria-label="Toàn văn văn bản" data-testid="doc-text">
      {pieces.map((p, i) =>
        p.mark ? (
          <mark
            key={i}
            className={`hl hl-${p.mark.kind}${active && p.mark.key.startsWith(active) ? " hl-active" : ""}`}
            title={p.mark.label}
            data-key={p.mark.key}
          >
            {p.text.replace(/\*/g, "")}
          </mark>
        ) : (
          // Markdown emphasis marks are not shown (they are not in the paper),
          // nor the blank lines before the first line.
          <Fragment key={i}>{(i === 0 ? p.text.trimStart() : p.text).replace(/\*/g, "")}</Fragment>
        ),
      )}
    </div>
  );
}

interface RecordLike {
  issuer?: { name?: string };
  notation?: string;
  number?: string;
  symbol?: string;
  date?: { year?: number; month?: number; day?: number } | null;
  subject?: string;
  recipients?: string[];
  references?: { text?: string; notation?: string }[];
  tasks?: {
    clause?: string | null;
    action?: string;
    assignees?: { name: string; role: string }[];
    deadlines?: { text?: string }[];
  }[];
  signer?: { title?: string | null; name?: string | null };
}

// What to look for, from a dondoc.record/1.
export function wantedFrom(rec: RecordLike): Wanted[] {
  const w: Wanted[] = [];
  if (rec.issuer?.name) w.push({ key: "field:issuer", kind: "field", value: rec.issuer.name, label: "Cơ quan ban hành" });
  if (rec.number && rec.symbol)
    w.push({ key: "field:notation", kind: "field", value: `Số: ${rec.number}/${rec.symbol}`, label: "Số, ký hiệu" });
  if (rec.notation) w.push({ key: "field:notation", kind: "field", value: rec.notation, label: "Số, ký hiệu" });
  if (rec.date?.day && rec.date.month && rec.date.year)
    w.push({
      key: "field:date",
      kind: "field",
      value: `ngày ${rec.date.day} tháng ${rec.date.month} năm ${rec.date.year}`,
      label: "Ngày ban hành",
    });
  if (rec.subject) w.push({ key: "field:subject", kind: "field", value: rec.subject, label: "Trích yếu" });
  (rec.recipients ?? []).forEach((r, i) =>
    w.push({ key: `field:recipient:${i}`, kind: "field", value: r, label: "Kính gửi" }),
  );
  (rec.references ?? []).forEach((r, i) => {
    if (r.text) w.push({ key: `field:ref:${i}`, kind: "field", value: r.text, label: `Văn bản liên quan ${r.notation ?? ""}` });
  });
  (rec.tasks ?? []).forEach((t, i) => {
    const key = `task:${i}`;
    if (t.action) w.push({ key, kind: "task", value: t.action, label: `Nhiệm vụ ${t.clause ?? i + 1}` });
    (t.assignees ?? []).forEach((a, k) =>
      w.push({ key: `${key}:unit:${k}`, kind: "unit", value: a.name, within: key, label: `Đơn vị: ${a.name}` }),
    );
    (t.deadlines ?? []).forEach((d, k) => {
      if (d.text) w.push({ key: `${key}:deadline:${k}`, kind: "deadline", value: d.text, within: key, label: "Thời hạn" });
    });
  });
  if (rec.signer?.name) w.push({ key: "field:signer", kind: "field", value: rec.signer.name, label: "Người ký" });
  if (rec.signer?.title) w.push({ key: "field:signer-title", kind: "field", value: rec.signer.title, label: "Chức vụ người ký" });
  return w;
}
