// Small pieces the screens share: status badges, task tables, dates.
import { type ReactNode, useEffect, useState } from "react";
import { Alert, Badge, Button, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { Link } from "wouter";
import { useMediaQuery } from "@mantine/hooks";
import { download, type Task, type DocumentRow } from "./api";
import { isoDate, statusColor, statusLabel, stateLabel, vnDate, assignmentLabel } from "./format";
import { unitName, useSession } from "./session";

export function StatusBadge({ task }: { task: Pick<Task, "status" | "state"> }) {
  if (task.state === "proposed")
    return (
      <Badge color="violet" variant="light">
        {stateLabel.proposed}
      </Badge>
    );
  return (
    <Badge color={statusColor[task.status]} variant="light" style={{ whiteSpace: "nowrap" }}>
      {statusLabel[task.status]}
    </Badge>
  );
}

// The lead units of a task (chủ trì), else all its units.
// The viewer's own units first: a district leader reading a province task
// sent to every district sees their district, not the first in the list.
export function TaskUnits({ task, max = 3 }: { task: Task; max?: number }) {
  const { units, user } = useSession();
  const mine = (id: string | null) => {
    for (let u = id, depth = 0; u && depth < 12; u = units.get(u)?.parent ?? null, depth++)
      if (u === user.unit) return true;
    return false;
  };
  const lead = task.assignments.filter((a) => a.role === "lead");
  const pool = [...(lead.length ? lead : task.assignments)].sort(
    (a, b) => Number(mine(b.unit)) - Number(mine(a.unit)),
  );
  const shown = pool.slice(0, max);
  const rest = pool.length - shown.length;
  return (
    <Text size="sm">
      {shown.map((a, i) => (
        <span key={i}>
          {i > 0 && "; "}
          {a.unit ? (
            <Link className="row-link" href={`/don-vi/${encodeURIComponent(a.unit)}`}>
              {unitName(units, a.unit)}
            </Link>
          ) : (
            <Text span c="orange.8" size="sm" title="Chưa xác định được đơn vị">
              {a.mention}
            </Text>
          )}
        </span>
      ))}
      {rest > 0 && <Text span c="dimmed" size="sm">{` và ${rest} đơn vị khác`}</Text>}
    </Text>
  );
}

export function AssignmentList({ task }: { task: Task }) {
  const { units } = useSession();
  return (
    <Table withRowBorders={false} verticalSpacing={2}>
      <Table.Tbody>
        {task.assignments.map((a, i) => (
          <Table.Tr key={i}>
            <Table.Td w={90}>
              <Badge variant="outline" size="sm" color={a.role === "lead" ? "red" : "gray"}>
                {assignmentLabel[a.role] ?? a.role}
              </Badge>
            </Table.Td>
            <Table.Td>
              {a.unit ? (
                <Link href={`/don-vi/${encodeURIComponent(a.unit)}`}>{unitName(units, a.unit)}</Link>
              ) : (
                <Text span c="orange.8">
                  {a.mention} <Text span size="xs">(chưa xác định đơn vị)</Text>
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function docHref(notation: string) {
  return `/van-ban/${encodeURIComponent(notation)}`;
}

export function TaskTable({
  tasks,
  showDocument = true,
  selectable,
  selected,
  onSelect,
  empty = "Không có nhiệm vụ nào.",
}: {
  tasks: Task[];
  showDocument?: boolean;
  selectable?: boolean;
  selected?: Set<number>;
  onSelect?: (id: number, on: boolean) => void;
  empty?: string;
}) {
  const phone = useMediaQuery("(max-width: 48em)");
  if (!tasks.length) return <Text c="dimmed" size="sm">{empty}</Text>;
  if (phone)
    return (
      <Stack gap={12} aria-label="Danh sách nhiệm vụ">
        {tasks.map((t) => (
          <Group key={t.id} gap="xs" wrap="nowrap" align="flex-start">
            {selectable && (
              <input
                type="checkbox"
                aria-label={`Chọn nhiệm vụ ${t.id}`}
                checked={selected?.has(t.id) ?? false}
                onChange={(e) => onSelect?.(t.id, e.currentTarget.checked)}
                style={{ marginTop: 4 }}
              />
            )}
            <TaskList tasks={[t]} empty="" />
          </Group>
        ))}
      </Stack>
    );
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label="Danh sách nhiệm vụ">
        <Table.Thead>
          <Table.Tr>
            {selectable && <Table.Th w={32} />}
            <Table.Th w={56}>Mã</Table.Th>
            <Table.Th>Nội dung nhiệm vụ</Table.Th>
            <Table.Th w={200}>Đơn vị chủ trì</Table.Th>
            <Table.Th w={100}>Hạn</Table.Th>
            <Table.Th w={160}>Trạng thái</Table.Th>
            {showDocument && <Table.Th w={140}>Văn bản</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((t) => (
            <Table.Tr key={t.id}>
              {selectable && (
                <Table.Td>
                  <input
                    type="checkbox"
                    aria-label={`Chọn nhiệm vụ ${t.id}`}
                    checked={selected?.has(t.id) ?? false}
                    onChange={(e) => onSelect?.(t.id, e.currentTarget.checked)}
                  />
                </Table.Td>
              )}
              <Table.Td>
                <Link href={`/nhiem-vu/${t.id}`}>#{t.id}</Link>
              </Table.Td>
              <Table.Td>
                <Link className="row-link" href={`/nhiem-vu/${t.id}`}>
                  <Text size="sm" className="clamp2">
                    {t.clause && <b>{`Mục ${t.clause}. `}</b>}
                    {t.action}
                  </Text>
                </Link>
              </Table.Td>
              <Table.Td>
                <TaskUnits task={t} max={2} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t.due ? vnDate(t.due) : t.period || "—"}</Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge task={t} />
              </Table.Td>
              {showDocument && (
                <Table.Td>
                  <Link href={docHref(t.document)}>{t.document}</Link>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function DocumentTable({ docs }: { docs: DocumentRow[] }) {
  if (!docs.length) return <Text c="dimmed" size="sm">Không có văn bản nào.</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label="Danh sách văn bản">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>Số, ký hiệu</Table.Th>
            <Table.Th w={100}>Ngày</Table.Th>
            <Table.Th>Trích yếu</Table.Th>
            <Table.Th w={200}>Cơ quan ban hành</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {docs.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Link href={docHref(d.notation)}>{d.notation}</Link>
                {d.placeholder && (
                  <Text size="xs" c="dimmed">
                    chưa nhận văn bản
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{vnDate(d.date)}</Table.Td>
              <Table.Td>
                <Text size="sm" className="clamp2">
                  {d.subject || "—"}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{d.issuer}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

// A date typed as dd/mm/yyyy; calls onChange with yyyy-mm-dd when valid.
export function DateField({
  label,
  value,
  onChange,
  description,
  required,
  w,
  ariaLabel,
}: {
  label: string;
  ariaLabel?: string;
  value: string; // yyyy-mm-dd or ""
  onChange: (iso: string) => void;
  description?: string;
  required?: boolean;
  w?: number | string;
}) {
  const [text, setText] = useState(value ? vnDate(value) : "");
  useEffect(() => setText(value ? vnDate(value) : ""), [value]);
  const iso = text.trim() ? isoDate(text) : "";
  return (
    <TextInput
      label={label}
      description={description}
      placeholder="dd/mm/yyyy"
      value={text}
      required={required}
      w={w}
      inputMode="numeric"
      aria-label={ariaLabel}
      error={iso === null ? "Ngày không hợp lệ (dd/mm/yyyy)" : undefined}
      onChange={(e) => {
        const t = e.currentTarget.value;
        setText(t);
        const v = t.trim() ? isoDate(t) : "";
        if (v !== null) onChange(v);
      }}
    />
  );
}

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" title="Không thực hiện được" role="alert">
      {message}
    </Alert>
  );
}

export function PageTitle({ children, right }: { children: ReactNode; right?: ReactNode }) {
  return (
    <Group justify="space-between" mb="md" wrap="wrap" gap="xs">
      <Text component="h1" fw={700} fz={{ base: 20, sm: 24 }} m={0}>
        {children}
      </Text>
      {right}
    </Group>
  );
}

// A narrow list of tasks (the dashboard's half-width cards, a phone).
export function TaskList({ tasks, empty }: { tasks: Task[]; empty: string }) {
  if (!tasks.length) return <Text c="dimmed" size="sm">{empty}</Text>;
  return (
    <Stack gap={10}>
      {tasks.map((t) => (
        <div key={t.id}>
          <Link className="row-link" href={`/nhiem-vu/${t.id}`}>
            <Text size="sm" className="clamp2">
              <b>#{t.id}</b> {t.action}
            </Text>
          </Link>
          <Group gap="xs" mt={2} wrap="wrap">
            {t.due && (
              <Text size="xs" fw={600}>
                Hạn {vnDate(t.due)}
              </Text>
            )}
            <StatusBadge task={t} />
            <TaskUnits task={t} max={1} />
            <Link href={docHref(t.document)}>
              <Text size="xs">{t.document}</Text>
            </Link>
          </Group>
        </div>
      ))}
    </Stack>
  );
}

// A button that downloads a file the API makes (an Excel export, a Word
// draft); a refusal is shown under it with the server's message.
export function DownloadButton({
  path,
  children,
  disabled,
  title,
  testId,
}: {
  path: string;
  children: ReactNode;
  disabled?: boolean;
  title?: string;
  testId?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Stack gap={2} align="flex-start">
      <Button
        size="xs"
        variant="light"
        loading={busy}
        disabled={disabled}
        title={title}
        data-testid={testId}
        onClick={() => {
          setBusy(true);
          setError(null);
          download(path)
            .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
            .finally(() => setBusy(false));
        }}
      >
        {children}
      </Button>
      {error && (
        <Text size="xs" c="red.8" role="alert" maw={320}>
          {error}
        </Text>
      )}
    </Stack>
  );
}
