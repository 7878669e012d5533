import { useCallback, useEffect, useMemo, useState } from "react";
import { Alert, Anchor, Button, Card, Group, SegmentedControl, Text } from "@mantine/core";
import { Link } from "wouter";
import { api, query, type ScoreRow } from "../api";
import { DateField, DownloadButton, ErrorNote, PageTitle } from "../components";
import { ScoreTable } from "../ScoreTable";
import { UnitSelect } from "../UnitSelect";
import { canReview, useSession } from "../session";
import { periodOf, saveFile, vnDate } from "../format";

const hasFigures = (x: ScoreRow) =>
  x.assigned > 0 || x.enforcement.reminder + x.enforcement.urging + x.enforcement.criticism + x.enforcement.review > 0;

export function ScoreboardPage() {
  const s = useSession();
  const [kind, setKind] = useState("year");
  const [custom, setCustom] = useState<[string, string]>(["", ""]);
  const [unit, setUnit] = useState("");
  const [rows, setRows] = useState<ScoreRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [urging, setUrging] = useState(false);
  const [notice, setNotice] = useState("");
  const [from, to] = useMemo(() => (kind === "custom" ? custom : periodOf(s.asOf, kind)), [kind, custom, s.asOf]);
  const load = useCallback(() => {
    setError(null);
    api
      .scoreboard({ as_of: s.asOf, from: from || undefined, to: to || undefined, unit: unit || undefined })
      .then((r) => setRows(r.filter(hasFigures)))
      .catch(setError);
  }, [s.asOf, from, to, unit]);
  const period = query({ from: from || undefined, to: to || undefined, as_of: s.asOf, unit: unit || undefined });
  // The units with overdue tasks, for the urging letter (at most 30: one letter).
  const overdueUnits = (rows ?? [])
    .filter((r) => r.overdue > 0)
    .map((r) => r.unit)
    .slice(0, 30);
  useEffect(load, [load]);
  const late = (rows ?? []).filter((r) => r.overdue > 0).map((r) => r.unit);
  // One urging dispatch to every unit with an overdue task: the DOCX is
  // saved and the act recorded in the ledger, then counted here.
  const urge = () => {
    setUrging(true);
    setError(null);
    setNotice("");
    api
      .urgeAndRecord(late, s.asOf)
      .then(({ blob, name, act }) => {
        saveFile(blob, name);
        setNotice(`Đã tải dự thảo ${name} và ghi biện pháp số ${act} vào sổ theo dõi đôn đốc (${late.length} đơn vị).`);
        load();
      })
      .catch(setError)
      .finally(() => setUrging(false));
  };
  return (
    <>
      <PageTitle
        right={
          <Group gap="xs" align="flex-start" data-testid="score-exports">
            <DownloadButton
              path={`/api/exports/scorecard.xlsx${period}`}
              disabled={!from || !to}
              title={from ? "Kết quả của kỳ, tệp Excel" : "Chọn một kỳ để tải"}
              testId="export-scorecard-xlsx"
            >
              Tải kết quả (Excel)
            </DownloadButton>
            <DownloadButton
              path={`/api/drafts/report.docx${period}`}
              disabled={!from || !to}
              title={from ? "Dự thảo báo cáo kết quả thực hiện của kỳ (Word)" : "Chọn một kỳ để tải"}
              testId="export-report-docx"
            >
              Dự thảo báo cáo (Word)
            </DownloadButton>
            {canReview(s.user) && (
              <DownloadButton
                path={`/api/drafts/urge.docx${query({ units: overdueUnits.join(","), as_of: s.asOf })}`}
                disabled={overdueUnits.length === 0}
                title={
                  overdueUnits.length
                    ? `Công văn đôn đốc ${overdueUnits.length} đơn vị có nhiệm vụ quá hạn`
                    : "Không có đơn vị nào có nhiệm vụ quá hạn"
                }
                testId="export-urge-docx"
              >
                Dự thảo công văn đôn đốc (Word)
              </DownloadButton>
            )}
            {canReview(s.user) && (
              <Button onClick={urge} loading={urging} disabled={!late.length} data-testid="urge-late">
                Đôn đốc các đơn vị chậm
              </Button>
            )}
          </Group>
        }
      >
        Kết quả thực hiện nhiệm vụ theo đơn vị
      </PageTitle>
      {notice && (
        <Alert color="green" mb="md" data-testid="urge-notice">
          {notice}{" "}
          <Anchor component={Link} href="/so-don-doc">
            Xem sổ theo dõi đôn đốc
          </Anchor>
        </Alert>
      )}
      <Card withBorder mb="md" padding="sm">
        <Group align="flex-end" wrap="wrap">
          <div>
            <Text size="sm" fw={500} mb={4}>
              Kỳ đánh giá
            </Text>
            <SegmentedControl
              value={kind}
              onChange={setKind}
              data={[
                { value: "month", label: "Tháng" },
                { value: "quarter", label: "Quý" },
                { value: "half", label: "6 tháng" },
                { value: "year", label: "Năm" },
                { value: "all", label: "Tất cả" },
                { value: "custom", label: "Tùy chọn" },
              ]}
            />
          </div>
          {kind === "custom" && (
            <>
              <DateField label="Từ ngày" value={custom[0]} onChange={(v) => setCustom([v, custom[1]])} w={130} />
              <DateField label="Đến ngày" value={custom[1]} onChange={(v) => setCustom([custom[0], v])} w={130} />
            </>
          )}
          <UnitSelect label="Đơn vị" value={unit} onChange={setUnit} w={260} />
        </Group>
        <Text size="xs" c="dimmed" mt={6}>
          Nhiệm vụ có hạn {from ? `từ ${vnDate(from)} đến ${vnDate(to)}` : "bất kỳ"}; trạng thái tính đến {vnDate(s.asOf)}.
          Tỷ lệ hoàn thành = số đã hoàn thành / số có thời hạn. Nhắc nhở, đôn đốc, phê bình, kiểm điểm: số lần
          đơn vị được nêu (trực tiếp hoặc qua nhiệm vụ) trong các biện pháp của kỳ.
        </Text>
      </Card>
      <Card withBorder padding="sm">
        <ErrorNote error={error} />
        {rows && <ScoreTable rows={rows} />}
      </Card>
    </>
  );
}
