// Danh sách nhiệm vụ: filters in the address (so a list can be bookmarked or
// sent), pages of 50, and actions on the selected tasks.
import { useCallback, useEffect, useMemo, useState } from "react";
import { Button, Card, Group, Modal, NumberInput, Pagination, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useLocation, useSearch } from "wouter";
import { api, query, type Task, type TaskPage } from "../api";
import { DateField, DownloadButton, ErrorNote, PageTitle, TaskTable } from "../components";
import { UnitSelect } from "../UnitSelect";
import { canRegister, unitName, useSession } from "../session";
import { count, statusLabel, statusOrder, vnDate, stateLabel } from "../format";

const PAGE = 50;

function csvCell(v: string) {
  return /[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function TasksPage() {
  const s = useSession();
  const search = useSearch();
  const [, navigate] = useLocation();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const unit = params.get("unit") ?? "";
  const status = params.get("status") ?? "";
  const directive = params.get("directive") ?? "";
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const proposed = params.get("proposed") === "true";
  const page = Number(params.get("page") ?? "1");
  const [data, setData] = useState<TaskPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [bulk, setBulk] = useState<"progress" | null>(null);
  const [bulkText, setBulkText] = useState("");
  const [bulkPercent, setBulkPercent] = useState<number | string>("");
  const [notice, setNotice] = useState("");
  const [directiveText, setDirectiveText] = useState(directive);

  const set = (changes: Record<string, string>) => {
    const p = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) (v ? p.set(k, v) : p.delete(k));
    if (!("page" in changes)) p.delete("page");
    const q = p.toString();
    navigate(q ? `/nhiem-vu?${q}` : "/nhiem-vu");
  };

  // A due-date period is filtered here over up to 500 tasks sorted by due
  // date (the API filters by unit, status and directive).
  const ranged = Boolean(from || to);
  const load = useCallback(() => {
    setError(null);
    api
      .tasks({
        unit: unit || undefined,
        status: status || undefined,
        directive: directive || undefined,
        as_of: s.asOf,
        proposed: proposed || undefined,
        sort: "due",
        limit: ranged ? 500 : PAGE,
        offset: ranged ? 0 : (page - 1) * PAGE,
      })
      .then((r) => {
        if (ranged) {
          const items = r.items.filter((t) => t.due && (!from || t.due >= from) && (!to || t.due <= to));
          setData({ ...r, total: items.length, items: items.slice((page - 1) * PAGE, page * PAGE) });
        } else setData(r);
      })
      .catch(setError);
  }, [unit, status, directive, s.asOf, proposed, ranged, from, to, page]);
  useEffect(load, [load]);
  useEffect(() => setSelected(new Set()), [search]);

  const chosen = (data?.items ?? []).filter((t) => selected.has(t.id));
  const runAll = async (f: (t: Task) => Promise<unknown>, done: string) => {
    setError(null);
    let ok = 0;
    for (const t of chosen) {
      try {
        await f(t);
        ok++;
      } catch (e) {
        setError(e);
      }
    }
    setNotice(`${done}: ${ok}/${chosen.length} nhiệm vụ.`);
    setSelected(new Set());
    load();
  };
  const exportCsv = () => {
    const rows = [["Mã", "Văn bản", "Mục", "Nội dung", "Đơn vị", "Hạn", "Trạng thái"]];
    for (const t of chosen.length ? chosen : data?.items ?? [])
      rows.push([
        String(t.id),
        t.document,
        t.clause,
        t.action,
        t.assignments.map((a) => (a.unit ? unitName(s.units, a.unit) : a.mention)).join("; "),
        vnDate(t.due),
        t.state === "proposed" ? stateLabel.proposed : statusLabel[t.status],
      ]);
    const blob = new Blob(["\ufeff" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n")], {
      type: "text/csv;charset=utf-8",
    });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `nhiem-vu-${s.asOf}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  return (
    <>
      <PageTitle
        right={
          <Group gap="xs" align="flex-start" data-testid="task-exports">
            <DownloadButton
              path={`/api/exports/unit-tasks.xlsx${query({ unit: unit || undefined, status: status || undefined, as_of: s.asOf })}`}
              title="Nhiệm vụ theo đơn vị và trạng thái đang lọc, tệp Excel"
            >
              Tải danh sách (Excel)
            </DownloadButton>
            {canRegister(s.user) && (
              <>
                <DownloadButton
                  path={`/api/exports/tasks.xlsx${query({ as_of: s.asOf })}`}
                  title="Cả sổ theo dõi, các cột nhập lại được"
                  testId="export-register-xlsx"
                >
                  Sổ theo dõi (Excel)
                </DownloadButton>
                <DownloadButton
                  path={`/api/exports/tasks.csv${query({ as_of: s.asOf })}`}
                  title="Cả sổ theo dõi, tệp CSV mở được bằng Excel"
                  testId="export-register-csv"
                >
                  Sổ theo dõi (CSV)
                </DownloadButton>
              </>
            )}
          </Group>
        }
      >
        Nhiệm vụ
      </PageTitle>
      <Card withBorder mb="md" padding="sm">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <UnitSelect label="Đơn vị" value={unit} onChange={(v) => set({ unit: v })} w={260} />
          <Select
            label="Trạng thái"
            placeholder="Tất cả"
            data={statusOrder.map((k) => ({ value: k, label: statusLabel[k] }))}
            value={status || null}
            onChange={(v) => set({ status: v ?? "" })}
            clearable
            w={210}
          />
          <TextInput
            label="Văn bản (số ký hiệu)"
            placeholder="ví dụ 981/UBND"
            value={directiveText}
            onChange={(e) => setDirectiveText(e.currentTarget.value)}
            onBlur={() => set({ directive: directiveText.trim() })}
            onKeyDown={(e) => e.key === "Enter" && set({ directive: directiveText.trim() })}
            w={170}
          />
          <DateField label="Hạn từ ngày" value={from} onChange={(v) => set({ from: v })} w={130} />
          <DateField label="đến ngày" value={to} onChange={(v) => set({ to: v })} w={130} />
          <Select
            label="Gồm"
            data={[
              { value: "", label: "Đang theo dõi" },
              { value: "true", label: "Cả nhiệm vụ chờ xác nhận" },
            ]}
            value={proposed ? "true" : ""}
            onChange={(v) => set({ proposed: v ?? "" })}
            w={200}
            allowDeselect={false}
          />
          <Button variant="subtle" onClick={() => { setDirectiveText(""); navigate("/nhiem-vu"); }}>
            Bỏ lọc
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mt={6}>
          Trạng thái tính đến ngày {vnDate(s.asOf)} (đổi ở đầu trang).
        </Text>
      </Card>
      <Card withBorder padding="sm">
        <Group justify="space-between" mb="xs" wrap="wrap">
          <Text fw={600} data-testid="task-total">
            {data ? `${count(data.total)} nhiệm vụ` : "Đang tải…"}
          </Text>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              Đã chọn {selected.size}
            </Text>
            <Button
              size="xs"
              variant="default"
              onClick={() => setSelected(new Set((data?.items ?? []).map((t) => t.id)))}
              disabled={!data?.items.length}
            >
              Chọn cả trang
            </Button>
            {canRegister(s.user) && (
              <Button
                size="xs"
                variant="light"
                disabled={!chosen.some((t) => t.state === "proposed")}
                onClick={() =>
                  runAll((t) => (t.state === "proposed" ? api.confirmTask(t.id) : Promise.resolve()), "Đã xác nhận")
                }
              >
                Xác nhận
              </Button>
            )}
            <Button size="xs" variant="light" disabled={!chosen.length} onClick={() => setBulk("progress")}>
              Cập nhật tiến độ
            </Button>
            <Button size="xs" variant="light" onClick={exportCsv} disabled={!data?.items.length}>
              Xuất các dòng đang xem (CSV)
            </Button>
          </Group>
        </Group>
        {notice && (
          <Text size="sm" c="green.8" mb="xs" role="status">
            {notice}
          </Text>
        )}
        <ErrorNote error={error} />
        {data && (
          <TaskTable
            tasks={data.items}
            selectable
            selected={selected}
            onSelect={(id, on) => {
              const n = new Set(selected);
              if (on) n.add(id);
              else n.delete(id);
              setSelected(n);
            }}
          />
        )}
        {data && data.total > PAGE && (
          <Group justify="center" mt="md">
            <Pagination
              total={Math.ceil(data.total / PAGE)}
              value={page}
              onChange={(p) => set({ page: String(p) })}
              getControlProps={(c) => ({ "aria-label": c === "previous" ? "Trang trước" : c === "next" ? "Trang sau" : c })}
            />
          </Group>
        )}
      </Card>
      <Modal opened={bulk === "progress"} onClose={() => setBulk(null)} title={`Cập nhật tiến độ ${chosen.length} nhiệm vụ`}>
        <Stack>
          <Textarea label="Nội dung" value={bulkText} onChange={(e) => setBulkText(e.currentTarget.value)} required autosize minRows={3} />
          <NumberInput label="Mức độ hoàn thành (%)" min={0} max={100} value={bulkPercent} onChange={setBulkPercent} />
          <Button
            disabled={!bulkText.trim()}
            onClick={() => {
              setBulk(null);
              const p = bulkPercent === "" ? undefined : Number(bulkPercent);
              runAll((t) => api.progress(t.id, bulkText.trim(), p, s.asOf), "Đã cập nhật tiến độ");
            }}
          >
            Ghi tiến độ
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
