// Sổ theo dõi đôn đốc: the reminders, urging dispatches, criticisms and
// self-criticism reviews recorded for the units in the user's scope, with
// filters (unit with its sub-units, kind, period) in the address, a form to
// record an act (trackers, leaders, admins) and the number and date filled
// in once the letter is signed.
import { useCallback, useEffect, useMemo, useState } from "react";
import {
  Anchor,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import { Link, useLocation, useSearch } from "wouter";
import { api, type EnforcementAct, type EnforcementKind } from "../api";
import { DateField, ErrorNote, PageTitle } from "../components";
import { UnitSelect, foldFilter } from "../UnitSelect";
import { canReview, unitName, useSession } from "../session";
import { enforcementKinds, periodOf, vnDate } from "../format";

const kindColor: Record<EnforcementKind, string> = {
  reminder: "blue.8",
  urging: "orange.8",
  criticism: "red.8",
  review: "grape.8",
};

function RecordForm({ onDone }: { onDone: (act: EnforcementAct) => void }) {
  const s = useSession();
  const [kind, setKind] = useState<EnforcementKind>("urging");
  const [date, setDate] = useState(s.asOf);
  const [number, setNumber] = useState("");
  const [units, setUnits] = useState<string[]>([]);
  const [tasks, setTasks] = useState("");
  const [document, setDocument] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The units in force on the act's date (a 2024 act may name a district
  // office that the 2025 reorganization removed).
  const unitOptions = useMemo(
    () =>
      Array.from(s.units.values())
        .filter((u) => (!u.valid_to || !date || u.valid_to >= date) && (!u.valid_from || !date || u.valid_from <= date))
        .map((u) => ({ value: u.id, label: u.name })),
    [s.units, date],
  );
  const taskIds = tasks
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number);
  const badTasks = taskIds.some((n) => !Number.isInteger(n) || n <= 0);
  const submit = () => {
    setBusy(true);
    setError(null);
    api
      .recordEnforcement({
        kind,
        date,
        number: number.trim() || undefined,
        units,
        tasks: taskIds,
        document: document.trim() || undefined,
        note: note.trim() || undefined,
      })
      .then((act) => {
        setNumber("");
        setUnits([]);
        setTasks("");
        setDocument("");
        setNote("");
        onDone(act);
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };
  return (
    <Stack gap="sm">
      <Group grow align="flex-start">
        <Select
          label="Biện pháp"
          data={enforcementKinds}
          value={kind}
          onChange={(v) => v && setKind(v as EnforcementKind)}
          allowDeselect={false}
        />
        <DateField label="Ngày" value={date} onChange={setDate} required />
        <TextInput
          label="Số, ký hiệu"
          description="Để trống khi văn bản chưa ký"
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
        />
      </Group>
      <MultiSelect
        label="Đơn vị được đôn đốc"
        data={unitOptions}
        value={units}
        onChange={setUnits}
        searchable
        filter={foldFilter}
        limit={50}
        nothingFoundMessage="Không tìm thấy đơn vị"
      />
      <TextInput
        label="Nhiệm vụ liên quan (mã, cách nhau bởi dấu phẩy)"
        description="Đơn vị chủ trì, thực hiện các nhiệm vụ này cũng được tính"
        value={tasks}
        onChange={(e) => setTasks(e.currentTarget.value)}
        error={badTasks ? "Mã nhiệm vụ là số nguyên dương" : undefined}
      />
      <TextInput
        label="Văn bản"
        description="Số, ký hiệu hoặc mã văn bản trong sổ; văn bản chưa vào sổ ghi như trên văn bản"
        value={document}
        onChange={(e) => setDocument(e.currentTarget.value)}
      />
      <Textarea label="Ghi chú" value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} />
      <ErrorNote error={error} />
      <Group>
        <Button
          onClick={submit}
          loading={busy}
          disabled={!date || badTasks || (!units.length && !taskIds.length)}
          data-testid="ledger-submit"
        >
          Ghi vào sổ
        </Button>
      </Group>
    </Stack>
  );
}

function NumberForm({ act, onDone }: { act: EnforcementAct; onDone: () => void }) {
  const [number, setNumber] = useState(act.number);
  const [date, setDate] = useState(act.date);
  const [error, setError] = useState<unknown>(null);
  return (
    <Stack gap="sm">
      <TextInput label="Số, ký hiệu" value={number} onChange={(e) => setNumber(e.currentTarget.value)} data-autofocus />
      <DateField label="Ngày ký" value={date} onChange={setDate} required />
      <ErrorNote error={error} />
      <Group justify="flex-end">
        <Button
          disabled={!date}
          onClick={() =>
            api
              .editEnforcement(act.id, { number: number.trim(), date })
              .then(onDone)
              .catch(setError)
          }
        >
          Lưu
        </Button>
      </Group>
    </Stack>
  );
}

// The units an act counts for: those it names (bold), then those reached
// through its tasks (which may be every district of a province); the first
// four until asked for all.
function ConcernedUnits({ act }: { act: EnforcementAct }) {
  const s = useSession();
  const [all, setAll] = useState(false);
  const ordered = [...act.units, ...act.concerned.filter((u) => !act.units.includes(u))];
  const shown = all ? ordered : ordered.slice(0, 4);
  return (
    <Stack gap={0}>
      {shown.map((u) => (
        <Anchor
          key={u}
          component={Link}
          href={`/don-vi/${encodeURIComponent(u)}`}
          size="sm"
          fw={act.units.includes(u) ? 600 : undefined}
        >
          {unitName(s.units, u)}
        </Anchor>
      ))}
      {shown.length < ordered.length && (
        <Anchor component="button" size="xs" c="dimmed" ta="left" onClick={() => setAll(true)}>
          và {ordered.length - shown.length} đơn vị khác
        </Anchor>
      )}
    </Stack>
  );
}

export function LedgerPage() {
  const s = useSession();
  const search = useSearch();
  const [, navigate] = useLocation();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const unit = params.get("unit") ?? "";
  const kind = params.get("kind") ?? "";
  const period = params.get("period") ?? "year";
  const [acts, setActs] = useState<EnforcementAct[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<EnforcementAct | null>(null);
  const [notice, setNotice] = useState("");
  const [from, to] = periodOf(s.asOf, period);

  const set = (changes: Record<string, string>) => {
    const p = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) (v ? p.set(k, v) : p.delete(k));
    const q = p.toString();
    navigate(q ? `/so-don-doc?${q}` : "/so-don-doc");
  };
  const load = useCallback(() => {
    setError(null);
    api
      .enforcement({ unit: unit || undefined, kind: kind || undefined, from: from || undefined, to: to || undefined })
      .then(setActs)
      .catch(setError);
  }, [unit, kind, from, to]);
  useEffect(load, [load]);

  const reviewer = canReview(s.user);
  return (
    <>
      <PageTitle
        right={
          reviewer && (
            <Button onClick={() => setAdding(true)} data-testid="ledger-add">
              Ghi biện pháp đôn đốc
            </Button>
          )
        }
      >
        Sổ theo dõi đôn đốc
      </PageTitle>
      <Card withBorder mb="md" padding="sm">
        <Group align="flex-end" wrap="wrap">
          <UnitSelect label="Đơn vị (cả đơn vị trực thuộc)" value={unit} onChange={(v) => set({ unit: v })} w={280} />
          <Select
            label="Biện pháp"
            placeholder="Tất cả"
            data={enforcementKinds}
            value={kind || null}
            onChange={(v) => set({ kind: v ?? "" })}
            clearable
            w={160}
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              Kỳ
            </Text>
            <SegmentedControl
              value={period}
              onChange={(v) => set({ period: v })}
              data={[
                { value: "quarter", label: "Quý" },
                { value: "half", label: "6 tháng" },
                { value: "year", label: "Năm" },
                { value: "all", label: "Tất cả" },
              ]}
            />
          </div>
        </Group>
        <Text size="xs" c="dimmed" mt={6}>
          {from ? `Từ ${vnDate(from)} đến ${vnDate(to)}` : "Mọi thời gian"}; mỗi biện pháp tính cho đơn vị được nêu và đơn vị
          chủ trì, thực hiện các nhiệm vụ liên quan.
        </Text>
      </Card>
      {notice && (
        <Text c="green.8" mb="sm" data-testid="ledger-notice">
          {notice}
        </Text>
      )}
      <Card withBorder padding="sm">
        <ErrorNote error={error} />
        {acts && !acts.length && (
          <Text c="dimmed" size="sm">
            Chưa có biện pháp đôn đốc nào trong kỳ.
          </Text>
        )}
        {acts && acts.length > 0 && (
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing={6} aria-label="Sổ theo dõi đôn đốc">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Ngày</Table.Th>
                  <Table.Th>Biện pháp</Table.Th>
                  <Table.Th>Số, ký hiệu</Table.Th>
                  <Table.Th>Đơn vị liên quan</Table.Th>
                  <Table.Th>Nhiệm vụ</Table.Th>
                  <Table.Th>Văn bản, ghi chú</Table.Th>
                  <Table.Th>Đơn vị thực hiện</Table.Th>
                  {reviewer && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {acts.map((a) => (
                  <Table.Tr key={a.id} data-act={a.id}>
                    <Table.Td>{vnDate(a.date)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600} c={kindColor[a.kind]} style={{ whiteSpace: "nowrap" }}>
                        {a.kind_label}
                      </Text>
                    </Table.Td>
                    <Table.Td>{a.number || <Text size="sm" c="dimmed">chưa có số</Text>}</Table.Td>
                    <Table.Td>
                      <ConcernedUnits act={a} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {a.tasks.map((t) => (
                          <Anchor key={t} component={Link} href={`/nhiem-vu/${t}`} size="sm">
                            #{t}
                          </Anchor>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{a.document_text}</Text>
                      {a.note && (
                        <Text size="xs" c="dimmed">
                          {a.note}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{a.by ? unitName(s.units, a.by) : "—"}</Text>
                    </Table.Td>
                    {reviewer && (
                      <Table.Td>
                        <Button size="compact-xs" variant="subtle" onClick={() => setEditing(a)}>
                          {a.number ? "Sửa số" : "Điền số"}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <Modal opened={adding} onClose={() => setAdding(false)} title="Ghi biện pháp đôn đốc" size="lg">
        <RecordForm
          onDone={(act) => {
            setAdding(false);
            setNotice(`Đã ghi biện pháp số ${act.id}: ${act.kind_label.toLowerCase()} ngày ${vnDate(act.date)}.`);
            load();
          }}
        />
      </Modal>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title="Số, ký hiệu của văn bản đã ký">
        {editing && (
          <NumberForm
            act={editing}
            onDone={() => {
              setEditing(null);
              load();
            }}
          />
        )}
      </Modal>
    </>
  );
}
