// A document's text beside what dondoc read from it: every field and task of
// the record, each marked in the text (hover or focus one to find it); the
// tasks with their units, deadlines and state; names no unit was found for,
// which an administrator maps to units; and confirmation of proposed tasks.
import { useEffect, useMemo, useState } from "react";
import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Modal,
  MultiSelect,
  Stack,
  Textarea,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { Link } from "wouter";
import { api, type Task } from "./api";
import { HighlightedText, locate, locateInOrder, wantedFrom } from "./highlight";
import { assignmentLabel, docTypeLabel, vnDate } from "./format";
import { ErrorNote, StatusBadge, TaskUnits } from "./components";
import { canRegister, useSession } from "./session";
import { foldFilter } from "./UnitSelect";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Rec = Record<string, any>;

// What OCR said about a scan, from the record's "ocr:" warnings
// (src/read/ocr.cpp): the mean confidence and the words it was unsure of.
export function ocrNotes(warnings: string[]): { confidence: number | null; words: string[]; total: number } | null {
  const ocr = warnings.filter((w) => w.startsWith("ocr:"));
  if (ocr.length === 0) return null;
  let confidence: number | null = null;
  const words: string[] = [];
  let total = 0;
  for (const w of ocr) {
    const c = /trung bình (\d+)%/.exec(w);
    if (c) confidence = Number(c[1]);
    const n = /^ocr: (\d+) chữ đọc chưa chắc/.exec(w);
    if (n) {
      total = Number(n[1]);
      for (const m of w.matchAll(/«([^»]*)»/g)) words.push(m[1]);
    }
  }
  return { confidence, words, total };
}

function recordDate(d: Rec | null | undefined): string {
  if (!d || !d.year) return "—";
  return `${String(d.day ?? "").padStart(2, "0")}/${String(d.month ?? "").padStart(2, "0")}/${d.year}`;
}

export function DocumentReview({
  notation,
  record,
  tasks,
  unresolved,
  warnings,
  onChanged,
}: {
  notation: string;
  record: Rec;
  tasks: Task[];
  unresolved?: string[];
  warnings?: string[];
  onChanged: () => void;
}) {
  const s = useSession();
  const [text, setText] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<Task | null>(null);
  useEffect(() => {
    api
      .documentText(notation)
      .then((r) => setText(r.text))
      .catch(setError);
  }, [notation]);
  const allWarnings: string[] = (warnings ?? record.warnings ?? []) as string[];
  const ocr = ocrNotes(allWarnings);
  const otherWarnings = allWarnings.filter((w) => !w.startsWith("ocr:"));
  const unsureWords = ocr?.words.join("\u0000") ?? "";
  const found = useMemo(
    () =>
      text
        ? [...locate(text, wantedFrom(record)), ...locateInOrder(text, unsureWords ? unsureWords.split("\u0000") : [])]
        : [],
    [text, record, unsureWords],
  );
  const foundKeys = useMemo(() => new Set(found.map((f) => f.key)), [found]);
  const proposed = tasks.filter((t) => t.state === "proposed");
  const registrar = canRegister(s.user);
  const unmapped =
    unresolved ??
    Array.from(new Set(tasks.flatMap((t) => t.assignments.filter((a) => !a.unit).map((a) => a.mention))));
  const recTasks: Rec[] = record.tasks ?? [];

  // Scrolls the text box (not the page) to where a field or task is.
  const reveal = (key: string) => {
    const box = document.querySelector<HTMLElement>(".doc-text");
    const m = box?.querySelector<HTMLElement>(`mark[data-key^="${key}"]`);
    if (box && m) box.scrollTop += m.getBoundingClientRect().top - box.getBoundingClientRect().top - 60;
  };
  const focus = (key: string) => ({
    onMouseEnter: () => setActive(key),
    onFocus: () => {
      setActive(key);
      reveal(key);
    },
    onMouseLeave: () => setActive(null),
    onClick: () => {
      setActive(key);
      reveal(key);
    },
    tabIndex: 0,
    style: { cursor: "pointer" },
  });
  const isFound = (key: string) =>
    foundKeys.has(key) || Array.from(foundKeys).some((k) => k.startsWith(`${key}:`));
  const mark = (key: string) =>
    key === "field:type" || text === null || isFound(key) ? null : (
      <Text span size="xs" c="dimmed">
        {" "}
        (không thấy trong văn bản)
      </Text>
    );

  const field = (label: string, key: string, value: React.ReactNode) => (
    <Table.Tr {...focus(key)} bg={active === key ? "yellow.0" : undefined}>
      <Table.Th w={130} fw={600} fz="sm" style={{ verticalAlign: "top" }}>
        {label}
      </Table.Th>
      <Table.Td fz="sm">
        {value}
        {mark(key)}
      </Table.Td>
    </Table.Tr>
  );

  const confirmAll = () => {
    setBusy(true);
    setError(null);
    api
      .confirmDocument(notation)
      .then(onChanged)
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <Grid gap="md">
      {editing && (
        <EditTask
          task={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
        />
      )}
      <Grid.Col span={{ base: 12, md: 6 }}>
        <div className="sticky-md">
        <Group justify="space-between" mb={6}>
          <Title order={2} fz="lg">
            Văn bản gốc
          </Title>
          <Group gap={6}>
            <Badge color="yellow" variant="light">Thông tin văn bản</Badge>
            <Badge color="blue" variant="light">Nhiệm vụ</Badge>
            <Badge color="green" variant="light">Đơn vị</Badge>
            <Badge color="orange" variant="light">Thời hạn</Badge>
            {ocr && ocr.words.length > 0 && (
              <Badge color="red" variant="light">Chữ đọc chưa chắc</Badge>
            )}
          </Group>
        </Group>
        {text === null ? <Text c="dimmed">Đang tải…</Text> : <HighlightedText text={text} found={found} active={active} />}
        </div>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Stack gap="md">
          <Card withBorder padding="sm">
            <Title order={2} fz="lg" mb={6}>
              Thông tin đọc được
            </Title>
            <Table withRowBorders verticalSpacing={4} data-testid="record-fields">
              <Table.Tbody>
                {field("Cơ quan ban hành", "field:issuer", record.issuer?.name ?? "—")}
                {field("Số, ký hiệu", "field:notation", record.notation ?? notation)}
                {field("Loại văn bản", "field:type", record.type?.name ?? docTypeLabel[record.type?.code] ?? "—")}
                {field("Ngày ban hành", "field:date", recordDate(record.date))}
                {field("Trích yếu", "field:subject", record.subject || "—")}
                {(record.recipients ?? []).length > 0 &&
                  field("Kính gửi", "field:recipient", (record.recipients as string[]).join("; "))}
                {(record.references ?? []).length > 0 &&
                  field(
                    "Căn cứ, thực hiện",
                    "field:ref",
                    <Stack gap={2}>
                      {(record.references as Rec[]).map((r, i) => (
                        <Text size="sm" key={i}>
                          <Link href={`/van-ban/${encodeURIComponent(r.notation)}`}>{r.notation}</Link>
                          {r.date ? ` ngày ${vnDate(r.date)}` : ""} {r.issuer ? `của ${r.issuer}` : ""}
                          {r.relation === "implements" && (
                            <Badge ml={6} size="xs" variant="outline">
                              triển khai
                            </Badge>
                          )}
                        </Text>
                      ))}
                    </Stack>,
                  )}
                {field(
                  "Người ký",
                  "field:signer",
                  [record.signer?.title, record.signer?.name].filter(Boolean).join(" ") || "—",
                )}
              </Table.Tbody>
            </Table>
            {ocr && (
              <Alert color="orange" mt="sm" title="Văn bản đọc từ ảnh quét" data-testid="ocr-notice">
                <Stack gap={4}>
                  <Text size="sm">
                    Nội dung được nhận dạng từ ảnh
                    {ocr.confidence !== null && <>, độ tin cậy trung bình <b>{ocr.confidence}%</b></>}. Hãy đối chiếu
                    với bản gốc trước khi xác nhận.
                  </Text>
                  {ocr.words.length > 0 && (
                    <>
                      <Text size="sm">
                        {ocr.total} chữ đọc chưa chắc (tô đỏ trong văn bản)
                        {ocr.total > ocr.words.length ? `, ${ocr.words.length} chữ đầu:` : ":"}
                      </Text>
                      <Group gap={4} data-testid="ocr-words">
                        {ocr.words.map((w, i) => (
                          <Badge
                            key={i}
                            color="red"
                            variant="outline"
                            tt="none"
                            style={{ cursor: "pointer" }}
                            onClick={() => reveal(`ocr:${i}`)}
                          >
                            {w}
                          </Badge>
                        ))}
                      </Group>
                    </>
                  )}
                </Stack>
              </Alert>
            )}
            {otherWarnings.length > 0 && (
              <Alert color="yellow" mt="sm" title="Lưu ý khi đọc">
                <Stack gap={2}>
                  {otherWarnings.map((w, i) => (
                    <Text size="sm" key={i}>
                      {w}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
          </Card>

          {unmapped.length > 0 && (proposed.length > 0 || s.user.role === "admin") && (
            <UnresolvedNames names={unmapped} onMapped={onChanged} />
          )}

          <Card withBorder padding="sm">
            <Group justify="space-between" mb={6}>
              <Title order={2} fz="lg">
                Nhiệm vụ ({tasks.length})
              </Title>
              {registrar && proposed.length > 0 && (
                <Button onClick={confirmAll} loading={busy} data-testid="confirm-all">
                  Xác nhận {proposed.length} nhiệm vụ
                </Button>
              )}
            </Group>
            <ErrorNote error={error} />
            {tasks.length === 0 && (
              <Text size="sm" c="dimmed">
                Văn bản không giao nhiệm vụ nào (hoặc không có nhiệm vụ trong phạm vi của bạn).
              </Text>
            )}
            <Stack gap="sm">
              {tasks.map((t, i) => {
                const recIndex = recTasks.findIndex((r) => (r.clause ?? "") === t.clause && r.action === t.action);
                const key = `task:${recIndex >= 0 ? recIndex : i}`;
                return (
                  <Card
                    key={t.id}
                    withBorder
                    padding="xs"
                    {...focus(key)}
                    bg={active?.startsWith(key) ? "blue.0" : undefined}
                    data-testid="task-card"
                  >
                    <Group justify="space-between" gap="xs" mb={4}>
                      <Group gap="xs">
                        <Link href={`/nhiem-vu/${t.id}`}>Nhiệm vụ #{t.id}</Link>
                        {t.clause && <Text size="sm" c="dimmed">Mục {t.clause}</Text>}
                      </Group>
                      <StatusBadge task={t} />
                    </Group>
                    <Text size="sm" mb={4}>
                      {t.action}
                      {mark(key)}
                    </Text>
                    <Group gap="lg" align="flex-start">
                      <div>
                        <Text size="xs" c="dimmed">
                          Đơn vị
                        </Text>
                        <AssignmentLines task={t} />
                      </div>
                      <div>
                        <Text size="xs" c="dimmed">
                          Thời hạn
                        </Text>
                        <Text size="sm">{t.due ? vnDate(t.due) : t.period || "Không có thời hạn"}</Text>
                      </div>
                      {t.product && (
                        <div>
                          <Text size="xs" c="dimmed">
                            Sản phẩm
                          </Text>
                          <Text size="sm">{t.product}</Text>
                        </div>
                      )}
                    </Group>
                    {registrar && t.state === "proposed" && (
                      <Group justify="flex-end" mt={4}>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={(e) => {
                            e.stopPropagation();
                            setEditing(t);
                          }}
                        >
                          Sửa
                        </Button>
                        <Button
                          size="xs"
                          variant="light"
                          onClick={(e) => {
                            e.stopPropagation();
                            api.confirmTask(t.id).then(onChanged).catch(setError);
                          }}
                        >
                          Xác nhận nhiệm vụ này
                        </Button>
                      </Group>
                    )}
                  </Card>
                );
              })}
            </Stack>
          </Card>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

// Corrects a proposed task: its wording, and the units an unresolved name
// stands for.
function EditTask({ task, onClose, onSaved }: { task: Task; onClose: () => void; onSaved: () => void }) {
  const s = useSession();
  const [action, setAction] = useState(task.action);
  const mentions = Array.from(new Set(task.assignments.filter((a) => !a.unit).map((a) => a.mention)));
  const [units, setUnits] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const options = useMemo(
    () =>
      Array.from(s.units.values())
        .filter((u) => !u.valid_to || !task.due || u.valid_to >= task.due)
        .map((u) => ({ value: u.id, label: u.name })),
    [s.units, task.due],
  );
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      if (action.trim() !== task.action) await api.editTask(task.id, { action: action.trim() });
      for (const m of mentions)
        if ((units[m] ?? []).length) await api.editTask(task.id, { mention: m, units: units[m] });
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={`Sửa nhiệm vụ #${task.id} trước khi xác nhận`} size="lg">
      <Stack>
        <Textarea label="Nội dung nhiệm vụ" value={action} onChange={(e) => setAction(e.currentTarget.value)} autosize minRows={3} maxRows={10} />
        {mentions.map((m) => (
          <MultiSelect
            key={m}
            label={`Đơn vị ứng với “${m}”`}
            placeholder="Tìm đơn vị (không cần dấu)…"
            data={options}
            searchable
            filter={foldFilter}
            limit={40}
            value={units[m] ?? []}
            onChange={(v) => setUnits({ ...units, [m]: v })}
            nothingFoundMessage="Không tìm thấy đơn vị"
          />
        ))}
        <ErrorNote error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Hủy
          </Button>
          <Button onClick={save} loading={busy} disabled={!action.trim()}>
            Lưu
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

// A task's units, the first few with the rest behind a button (a directive
// to "UBND các xã" names every commune).
function AssignmentLines({ task }: { task: Task }) {
  const s = useSession();
  const [all, setAll] = useState(false);
  const shown = all ? task.assignments : task.assignments.slice(0, 6);
  return (
    <>
      {shown.map((a, k) => (
        <Text size="sm" key={k}>
          <b>{assignmentLabel[a.role] ?? a.role}:</b>{" "}
          {a.unit ? (
            <Link href={`/don-vi/${encodeURIComponent(a.unit)}`}>{s.units.get(a.unit)?.name ?? a.unit}</Link>
          ) : (
            <Text span c="orange.8">
              {a.mention} (chưa xác định)
            </Text>
          )}
        </Text>
      ))}
      {task.assignments.length > shown.length && (
        <Button size="compact-xs" variant="subtle" onClick={(e) => { e.stopPropagation(); setAll(true); }}>
          Xem thêm {task.assignments.length - shown.length} đơn vị
        </Button>
      )}
    </>
  );
}

// Names the reader found but no unit matched: an administrator says which
// units they mean, and dondoc remembers it for the next documents.
function UnresolvedNames({ names, onMapped }: { names: string[]; onMapped: () => void }) {
  const s = useSession();
  const [choice, setChoice] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Set<string>>(new Set());
  const options = useMemo(
    () =>
      Array.from(s.units.values())
        .filter((u) => !u.valid_to)
        .map((u) => ({ value: u.id, label: u.name })),
    [s.units],
  );
  const admin = s.user.role === "admin";
  return (
    <Card withBorder padding="sm" bg="orange.0">
      <Title order={2} fz="lg" mb={4}>
        Tên chưa xác định được đơn vị ({names.length})
      </Title>
      <Text size="sm" mb="xs">
        {admin
          ? "Chọn đơn vị ứng với mỗi tên để dondoc ghi nhớ cho các văn bản sau; với văn bản này, bấm “Sửa” ở nhiệm vụ."
          : "Bấm “Sửa” ở nhiệm vụ để chọn đơn vị cho văn bản này; quản trị hệ thống có thể ghi nhớ tên cho các văn bản sau."}
      </Text>
      <ErrorNote error={error} />
      <Stack gap="xs">
        {names.map((n) => (
          <Group key={n} align="flex-end" gap="xs" wrap="wrap">
            <Text size="sm" fw={600} style={{ flex: "1 1 200px" }}>
              “{n}”
            </Text>
            {admin && !done.has(n) && (
              <>
                <MultiSelect
                  aria-label={`Đơn vị ứng với ${n}`}
                  placeholder="Tìm đơn vị…"
                  data={options}
                  searchable
                  filter={foldFilter}
                  limit={30}
                  value={choice[n] ?? []}
                  onChange={(v) => setChoice({ ...choice, [n]: v })}
                  style={{ flex: "2 1 260px" }}
                />
                <Button
                  size="sm"
                  disabled={!(choice[n] ?? []).length}
                  onClick={() =>
                    api
                      .alias(n, choice[n])
                      .then(() => {
                        setDone(new Set(done).add(n));
                        onMapped();
                      })
                      .catch(setError)
                  }
                >
                  Ghi nhớ
                </Button>
              </>
            )}
            {done.has(n) && <Badge color="green">Đã ghi nhớ</Badge>}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

export { TaskUnits };
