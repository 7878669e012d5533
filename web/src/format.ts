// Dates as offices write them (dd/mm/yyyy) and the register's words in the
// administration's own terms.
import type { Role, Status } from "./api";

export function vnDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

// "01/07/2024", "1/7/2024" or "2024-07-01" → "2024-07-01"; null if not a date.
export function isoDate(text: string): string | null {
  const t = text.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

// Today in Vietnam (UTC+7), as yyyy-mm-dd.
export function todayIso(): string {
  return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const statusLabel: Record<Status, string> = {
  overdue: "Quá hạn",
  due_soon: "Sắp đến hạn",
  in_progress: "Đang thực hiện",
  done_on_time: "Hoàn thành đúng hạn",
  done_late: "Hoàn thành quá hạn",
  no_deadline: "Không thời hạn",
};

export const statusColor: Record<Status, string> = {
  overdue: "red",
  due_soon: "orange",
  in_progress: "blue",
  done_on_time: "green",
  done_late: "teal",
  no_deadline: "gray",
};

// Chart colours matching the badges (Mantine's palette, shade 6).
export const statusHex: Record<Status, string> = {
  overdue: "#fa5252",
  due_soon: "#fd7e14",
  in_progress: "#228be6",
  done_on_time: "#40c057",
  done_late: "#12b886",
  no_deadline: "#868e96",
};

export const statusOrder: Status[] = [
  "overdue",
  "due_soon",
  "in_progress",
  "done_on_time",
  "done_late",
  "no_deadline",
];

export const roleLabel: Record<Role, string> = {
  admin: "Quản trị hệ thống",
  leader: "Lãnh đạo",
  tracker: "Chuyên viên theo dõi",
  unit_officer: "Cán bộ đơn vị",
};

export const assignmentLabel: Record<string, string> = {
  lead: "Chủ trì",
  coordinate: "Phối hợp",
  perform: "Thực hiện",
};

export const stateLabel: Record<string, string> = {
  proposed: "Chờ xác nhận",
  active: "Đang theo dõi",
  cancelled: "Đã hủy",
};

export const docTypeLabel: Record<string, string> = {
  CV: "Công văn",
  KH: "Kế hoạch",
  QĐ: "Quyết định",
  NQ: "Nghị quyết",
  CT: "Chỉ thị",
  TB: "Thông báo",
  KL: "Kết luận",
  BC: "Báo cáo",
  TTr: "Tờ trình",
  HD: "Hướng dẫn",
  ND: "Nghị định",
  TT: "Thông tư",
  L: "Luật",
};

export const unitKindLabel: Record<string, string> = {
  province: "Cấp tỉnh",
  district: "Cấp huyện",
  commune: "Cấp xã",
  department: "Sở, ban, ngành",
  district_office: "Phòng chuyên môn",
  commune_office: "Bộ phận cấp xã",
  police: "Công an",
  military: "Quân sự, biên phòng",
  association: "Hội, đoàn thể",
  party: "Cơ quan Đảng",
  other: "Khác",
};

// A count as Vietnamese write it: 1.234.567. By hand rather than through
// toLocaleString("vi-VN"), whose first call loads the locale's data: about a
// tenth of a second on an office PC, on the dashboard's first paint.
export function count(n: number): string {
  const sign = n < 0 ? "-" : "";
  const digits = String(Math.trunc(Math.abs(n)));
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ".";
    out += digits[i];
  }
  return sign + out;
}

// A rate as a percentage with at most one decimal, a comma before it: 12,5%.
export function percent(rate: number): string {
  const tenths = Math.round(rate * 1000);
  const whole = count(Math.trunc(tenths / 10));
  const decimal = Math.abs(tenths % 10);
  return `${tenths < 0 && whole === "0" ? "-" : ""}${whole}${decimal ? `,${decimal}` : ""}%`;
}

// Folds Vietnamese diacritics away for matching: "Quảng Ngãi" → "quang ngai".
export function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}

// The four kinds of enforcement act, in the ledger's order.
export const enforcementKinds: { value: "reminder" | "urging" | "criticism" | "review"; label: string }[] = [
  { value: "reminder", label: "Nhắc nhở" },
  { value: "urging", label: "Đôn đốc" },
  { value: "criticism", label: "Phê bình" },
  { value: "review", label: "Kiểm điểm" },
];

// The window of a period containing `asOf`: a month, quarter, half-year or year.
export function periodOf(asOf: string, kind: string): [string, string] {
  const y = Number(asOf.slice(0, 4));
  const m = Number(asOf.slice(5, 7));
  if (kind === "month") {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return [`${asOf.slice(0, 7)}-01`, `${asOf.slice(0, 7)}-${String(last).padStart(2, "0")}`];
  }
  if (kind === "quarter") {
    const q = Math.floor((m - 1) / 3);
    const endMonth = q * 3 + 3;
    const last = new Date(Date.UTC(y, endMonth, 0)).getUTCDate();
    return [`${y}-${String(q * 3 + 1).padStart(2, "0")}-01`, `${y}-${String(endMonth).padStart(2, "0")}-${last}`];
  }
  if (kind === "half") return m <= 6 ? [`${y}-01-01`, `${y}-06-30`] : [`${y}-07-01`, `${y}-12-31`];
  if (kind === "year") return [`${y}-01-01`, `${y}-12-31`];
  return ["", ""];
}

// Saves a downloaded file under its name.
export function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
