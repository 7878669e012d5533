// Nhập sổ theo dõi: an office's existing task register (CSV or XLSX, as
// Excel or the e-office system saves it) into dondoc. The file is sent as
// it is to POST /api/tasks/import (docs/import.md): first a dry run, whose
// report says what would be created and every row that cannot be taken
// (line, column, why); columns or status words the defaults do not know can
// be mapped; then the same file and options are applied, all rows or none.
import { useState } from "react";
import { count } from "../format";
import {
  Alert,
  Badge,
  Button,
  Card,
  FileButton,
  Grid,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { Link } from "wouter";
import { api, type ImportReport } from "../api";
import { ErrorNote, PageTitle } from "../components";
import { canRegister, useSession } from "../session";

// The fields a column can be mapped to (service/task_import.h).
const fields = [
  { value: "task_id", label: "Mã nhiệm vụ (trong sổ nguồn)" },
  { value: "clause", label: "Số thứ tự" },
  { value: "title", label: "Nội dung" },
  { value: "assigned_by", label: "Đơn vị giao" },
  { value: "lead", label: "Cơ quan chủ trì" },
  { value: "coordinate", label: "Cơ quan phối hợp" },
  { value: "start", label: "Ngày giao" },
  { value: "due", label: "Thời hạn" },
  { value: "status", label: "Tình trạng" },
  { value: "percent", label: "Tiến độ (%)" },
  { value: "done_on", label: "Ngày hoàn thành" },
  { value: "directive", label: "Văn bản giao" },
];

const states = [
  { value: "open", label: "đang theo dõi theo thời hạn" },
  { value: "reported", label: "đã báo cáo, chờ xác nhận" },
  { value: "done", label: "đã hoàn thành" },
  { value: "cancelled", label: "đã hủy, không theo dõi" },
];

interface Pair {
  from: string;
  to: string | null;
}

const pairs = (list: Pair[]) =>
  list
    .filter((p) => p.from.trim() && p.to)
    .map((p) => `${p.from.trim()}=${p.to}`)
    .join(";");

const MAX_FILE = 32 * 1024 * 1024;

function PairRows({
  title,
  hint,
  list,
  setList,
  fromLabel,
  toLabel,
  options,
  testId,
}: {
  title: string;
  hint: string;
  list: Pair[];
  setList: (l: Pair[]) => void;
  fromLabel: string;
  toLabel: string;
  options: { value: string; label: string }[];
  testId: string;
}) {
  return (
    <Stack gap={4} data-testid={testId}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
      {list.map((p, i) => (
        <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={i === 0 ? fromLabel : undefined}
            aria-label={fromLabel}
            value={p.from}
            onChange={(e) => setList(list.map((q, k) => (k === i ? { ...q, from: e.currentTarget.value } : q)))}
            style={{ flex: 1 }}
            miw={0}
          />
          <Select
            label={i === 0 ? toLabel : undefined}
            aria-label={toLabel}
            data={options}
            value={p.to}
            onChange={(v) => setList(list.map((q, k) => (k === i ? { ...q, to: v } : q)))}
            style={{ flex: 1.3 }}
            miw={0}
          />
          <Button
            variant="subtle"
            color="gray"
            size="compact-sm"
            mb={4}
            onClick={() => setList(list.filter((_, k) => k !== i))}
            aria-label={`Bỏ dòng ${i + 1}`}
          >
            Bỏ
          </Button>
        </Group>
      ))}
      <Button
        variant="subtle"
        size="xs"
        onClick={() => setList([...list, { from: "", to: null }])}
        style={{ alignSelf: "flex-start" }}
      >
        + Thêm
      </Button>
    </Stack>
  );
}

export function ImportPage() {
  const s = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState("");
  const [source, setSource] = useState("");
  const [columns, setColumns] = useState<Pair[]>([]);
  const [statuses, setStatuses] = useState<Pair[]>([]);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [checked, setChecked] = useState<string | null>(null); // the options the report is for
  const [busy, setBusy] = useState<"dry" | "apply" | null>(null);
  const [error, setError] = useState<unknown>(null);

  if (!canRegister(s.user))
    return (
      <>
        <PageTitle>Nhập sổ theo dõi</PageTitle>
        <Alert color="gray">Chỉ quản trị và chuyên viên theo dõi được nhập sổ.</Alert>
      </>
    );

  const xlsx = file?.name.toLowerCase().endsWith(".xlsx") ?? false;
  const options = {
    sheet: xlsx && sheet.trim() ? sheet.trim() : undefined,
    source: source.trim() || undefined,
    map: pairs(columns) || undefined,
    status_map: pairs(statuses) || undefined,
  };
  const key = file ? JSON.stringify([file.name, file.size, file.lastModified, options]) : null;

  const run = (apply: boolean) => {
    if (!file) return;
    setBusy(apply ? "apply" : "dry");
    setError(null);
    api
      .importTasks(file, { ...options, apply })
      .then((r) => {
        setReport(r);
        setChecked(key);
      })
      .catch((e) => {
        setError(e);
        if (!apply) setReport(null);
      })
      .finally(() => setBusy(null));
  };

  const ready = report && !report.applied && checked === key && report.problems.length === 0 && report.rows > 0;
  const unresolved = report ? Array.from(new Set(report.unresolved)) : [];
  const statusRows = report ? Object.entries(report.by_status).sort((a, b) => b[1] - a[1]) : [];

  return (
    <>
      <PageTitle>Nhập sổ theo dõi từ Excel</PageTitle>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder>
            <Stack gap="sm">
              <Text size="sm">
                Chọn sổ theo dõi nhiệm vụ đang dùng: tệp Excel (.xlsx) hoặc CSV (UTF-8, dấu phẩy hoặc chấm phẩy). Các cột
                được nhận theo tiêu đề: <i>STT, Nội dung, Cơ quan chủ trì, Cơ quan phối hợp, Thời hạn, Tình trạng, Ngày
                hoàn thành, Văn bản giao…</i> Trước hết dondoc <b>chạy thử</b> và báo cáo; chỉ khi không còn lỗi mới
                nhập hẳn, tất cả các dòng một lần. Nhập lại cùng tệp không tạo thêm nhiệm vụ.
              </Text>
              <Group>
                <FileButton
                  onChange={(f) => {
                    setError(null);
                    setReport(null);
                    if (f && f.size > MAX_FILE) {
                      setError(new Error("Tệp lớn hơn 32 MB."));
                      return;
                    }
                    setFile(f);
                  }}
                  accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  inputProps={{ "aria-label": "Tệp sổ theo dõi", "data-testid": "import-file" } as Record<string, string>}
                >
                  {(props) => (
                    <Button variant="light" {...props}>
                      Chọn tệp…
                    </Button>
                  )}
                </FileButton>
                {file && (
                  <Text size="sm" data-testid="import-file-name">
                    Đã chọn: <b>{file.name}</b>
                  </Text>
                )}
              </Group>
              {xlsx && (
                <TextInput
                  label="Trang tính (sheet)"
                  description="Để trống: trang đầu tiên. Nếu gõ sai, dondoc liệt kê các trang có trong tệp."
                  placeholder="ví dụ: Sổ theo dõi"
                  value={sheet}
                  onChange={(e) => setSheet(e.currentTarget.value)}
                />
              )}
              <TextInput
                label="Tên sổ nguồn (không bắt buộc)"
                description="Giữ riêng mã nhiệm vụ của hai hệ thống khác nhau, ví dụ: excel, qlvb."
                value={source}
                onChange={(e) => setSource(e.currentTarget.value)}
                w={260}
              />
              <PairRows
                title="Cột có tên khác"
                hint="Cột mà dondoc không tự nhận ra (xem “Cột không dùng” trong báo cáo) ứng với trường nào."
                list={columns}
                setList={setColumns}
                fromLabel="Tiêu đề cột trong tệp"
                toLabel="Là trường"
                options={fields}
                testId="column-map"
              />
              <PairRows
                title="Tình trạng có tên khác"
                hint="Từ chỉ tình trạng mà dondoc chưa biết (ví dụ Pending) nghĩa là gì."
                list={statuses}
                setList={setStatuses}
                fromLabel="Từ trong tệp"
                toLabel="Nghĩa là"
                options={states}
                testId="status-map"
              />
              <Group>
                <Button onClick={() => run(false)} loading={busy === "dry"} disabled={!file || busy !== null} data-testid="import-dry-run">
                  Chạy thử
                </Button>
                <Button
                  color="green"
                  onClick={() => run(true)}
                  loading={busy === "apply"}
                  disabled={!ready || busy !== null}
                  data-testid="import-apply"
                  title={ready ? undefined : "Chạy thử không lỗi trước khi nhập"}
                >
                  Nhập {report && ready ? `${count(report.created)} nhiệm vụ` : "hẳn"}
                </Button>
              </Group>
              <ErrorNote error={error} />
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {!report && (
            <Card withBorder>
              <Text c="dimmed" size="sm">
                Báo cáo chạy thử sẽ hiện ở đây.
              </Text>
            </Card>
          )}
          {report && (
            <Card withBorder data-testid="import-report">
              <Group justify="space-between" mb="sm">
                <Title order={2} fz="lg">
                  {report.applied ? "Đã nhập vào sổ" : "Kết quả chạy thử"}
                </Title>
                {report.applied ? (
                  <Badge color="green">đã nhập</Badge>
                ) : (
                  <Badge color="gray">chưa ghi gì vào sổ</Badge>
                )}
              </Group>
              {report.applied && (
                <Alert color="green" mb="sm" data-testid="import-applied">
                  Đã nhập {count(report.created)} nhiệm vụ mới
                  {report.unchanged > 0 && `; ${count(report.unchanged)} nhiệm vụ đã có từ lần nhập trước`}.{" "}
                  <Link href="/nhiem-vu">Xem danh sách nhiệm vụ</Link>
                </Alert>
              )}
              <SimpleGrid cols={{ base: 3 }} mb="sm">
                <Stat label="Số dòng" value={report.rows} testId="import-rows" />
                <Stat label={report.applied ? "Đã tạo" : "Sẽ tạo"} value={report.created} testId="import-created" />
                <Stat label="Đã có (không đổi)" value={report.unchanged} testId="import-unchanged" />
              </SimpleGrid>
              {report.problems.length > 0 ? (
                <Alert color="red" mb="sm" title={`${count(report.problems.length)} lỗi: chưa thể nhập`}>
                  Sửa tệp hoặc khai báo cột, tình trạng có tên khác rồi chạy thử lại. Khi còn lỗi, không dòng nào được
                  nhập.
                </Alert>
              ) : (
                !report.applied && (
                  <Alert color="green" mb="sm" data-testid="import-ok">
                    Không có lỗi: có thể nhập hẳn.
                  </Alert>
                )
              )}
              {statusRows.length > 0 && (
                <>
                  <Text fw={600} size="sm" mb={4}>
                    Theo tình trạng trong tệp
                  </Text>
                  <Table withTableBorder mb="sm" data-testid="import-by-status" aria-label="Theo tình trạng">
                    <Table.Tbody>
                      {statusRows.map(([word, n]) => (
                        <Table.Tr key={word}>
                          <Table.Td fz="sm">{word || "(trống)"}</Table.Td>
                          <Table.Td fz="sm" ta="right">
                            {count(n)}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </>
              )}
              {report.ignored_columns.length > 0 && (
                <Group gap={4} mb="sm">
                  <Text size="sm" fw={600}>
                    Cột không dùng:
                  </Text>
                  {report.ignored_columns.map((c) => (
                    <Badge
                      key={c}
                      variant="outline"
                      tt="none"
                      style={{ cursor: "pointer" }}
                      title="Khai báo cột này ứng với một trường"
                      onClick={() => setColumns([...columns, { from: c, to: null }])}
                    >
                      {c}
                    </Badge>
                  ))}
                </Group>
              )}
              {unresolved.length > 0 && (
                <Stack gap={4} mb="sm" data-testid="import-unresolved">
                  <Text size="sm" fw={600}>
                    Tên đơn vị không có trong danh mục ({count(unresolved.length)})
                  </Text>
                  <Text size="xs" c="dimmed">
                    Cơ quan chủ trì, phối hợp không có trong danh mục vẫn được nhập, giữ nguyên tên trên nhiệm vụ; đơn vị
                    giao phải có trong danh mục.
                  </Text>
                  <Group gap={4}>
                    {unresolved.slice(0, 40).map((n) => (
                      <Badge key={n} color="orange" variant="light" tt="none">
                        {n}
                      </Badge>
                    ))}
                    {unresolved.length > 40 && <Text size="xs">…</Text>}
                  </Group>
                </Stack>
              )}
              {report.problems.length > 0 && (
                <Table.ScrollContainer minWidth={480}>
                  <Table striped withTableBorder data-testid="import-problems" aria-label="Các lỗi">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Dòng</Table.Th>
                        <Table.Th>Cột</Table.Th>
                        <Table.Th>Lỗi</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {report.problems.slice(0, 500).map((p, i) => (
                        <Table.Tr key={i}>
                          <Table.Td fz="sm">{p.line}</Table.Td>
                          <Table.Td fz="sm">{p.column}</Table.Td>
                          <Table.Td fz="sm">{p.message}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                  {report.problems.length > 500 && (
                    <Text size="xs" c="dimmed" mt={4}>
                      Hiện 500 lỗi đầu trong {count(report.problems.length)}.
                    </Text>
                  )}
                </Table.ScrollContainer>
              )}
            </Card>
          )}
        </Grid.Col>
      </Grid>
    </>
  );
}

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Card withBorder padding="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="xl" data-testid={testId}>
        {count(value)}
      </Text>
    </Card>
  );
}
