import { useEffect, useMemo, useState } from "react";
import { Card, Group, SegmentedControl, Text } from "@mantine/core";
import { api, query, type ScoreRow } from "../api";
import { DateField, DownloadButton, ErrorNote, PageTitle } from "../components";
import { ScoreTable } from "../ScoreTable";
import { UnitSelect } from "../UnitSelect";
import { canReview, useSession } from "../session";
import { vnDate } from "../format";

function periodOf(asOf: string, kind: string): [string, string] {
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

export function ScoreboardPage() {
  const s = useSession();
  const [kind, setKind] = useState("year");
  const [custom, setCustom] = useState<[string, string]>(["", ""]);
  const [unit, setUnit] = useState("");
  const [rows, setRows] = useState<ScoreRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [from, to] = useMemo(() => (kind === "custom" ? custom : periodOf(s.asOf, kind)), [kind, custom, s.asOf]);
  useEffect(() => {
    setError(null);
    api
      .scoreboard({ as_of: s.asOf, from: from || undefined, to: to || undefined, unit: unit || undefined })
      .then((r) => setRows(r.filter((x) => x.assigned > 0)))
      .catch(setError);
  }, [s.asOf, from, to, unit]);
  const period = query({ from: from || undefined, to: to || undefined, as_of: s.asOf, unit: unit || undefined });
  // The units with overdue tasks, for the urging letter (at most 30: one letter).
  const overdueUnits = (rows ?? [])
    .filter((r) => r.overdue > 0)
    .map((r) => r.unit)
    .slice(0, 30);
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
          </Group>
        }
      >
        Kết quả thực hiện nhiệm vụ theo đơn vị
      </PageTitle>
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
          Tỷ lệ hoàn thành = số đã hoàn thành / số có thời hạn.
        </Text>
      </Card>
      <Card withBorder padding="sm">
        <ErrorNote error={error} />
        {rows && <ScoreTable rows={rows} />}
      </Card>
    </>
  );
}
