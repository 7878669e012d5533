import { Suspense, lazy, useEffect, useMemo, useState } from "react";
import { Card, Grid, Group, SimpleGrid, Skeleton, Stack, Text, UnstyledButton } from "@mantine/core";
import { Link, useLocation } from "wouter";
import { api, type Dashboard } from "../api";
import { useSession } from "../session";
import { addDays, count, docTypeLabel, statusHex, statusLabel, vnDate } from "../format";
import { ErrorNote, PageTitle, TaskList, docHref } from "../components";

// Chart.js (a quarter of the first bundle) loads after the figures are on
// screen: the figures are what the dashboard's first paint is for.
const BarChart = lazy(() => import("../BarChart").then((m) => ({ default: m.BarChart })));

export function DashboardPage() {
  const s = useSession();
  // The first figures may have come with the page (main.tsx, index.html).
  const [data, setData] = useState<Dashboard | null>(() => api.earlyDashboard(s.asOf) ?? null);
  const [error, setError] = useState<unknown>(null);
  const [, navigate] = useLocation();
  const shownAsOf = data?.as_of;
  useEffect(() => {
    if (shownAsOf === s.asOf) return;
    setError(null);
    api.dashboard(s.asOf).then(setData).catch(setError);
    // Asked again when the date changes, not when an answer comes.
  }, [s.asOf]);

  const chart = useMemo(() => {
    const rows = data?.overdue_by_unit ?? [];
    return {
      labels: rows.map((r) => (r.name.length > 38 ? `${r.name.slice(0, 36)}…` : r.name)),
      values: rows.map((r) => r.overdue),
      height: Math.max(140, 30 * rows.length + 40),
    };
  }, [data]);

  const monthEnd = (() => {
    const d = new Date(`${s.asOf}T00:00:00Z`);
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
  })();

  return (
    <>
      <PageTitle>Tổng quan tình hình thực hiện nhiệm vụ</PageTitle>
      <ErrorNote error={error} />
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" mb="xs" data-testid="status-cards">
        {(data?.by_status ?? []).map((b) => (
          <UnstyledButton
            key={b.status}
            component={Link}
            href={`/nhiem-vu?status=${b.status}`}
            aria-label={`${statusLabel[b.status]}: ${b.count} nhiệm vụ`}
          >
            <Card withBorder padding="sm" style={{ borderLeft: `5px solid ${statusHex[b.status]}` }}>
              <Text size="sm" c="dimmed" fw={600} lh={1.2} mih={34}>
                {statusLabel[b.status]}
              </Text>
              <Text fz={28} fw={700} lh={1.1} data-status={b.status}>
                {count(b.count)}
              </Text>
            </Card>
          </UnstyledButton>
        ))}
        {!data && Array.from({ length: 5 }, (_, i) => <Skeleton key={i} h={80} />)}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mb="md">
        Tính như bảng xếp hạng: mỗi nhiệm vụ (mỗi kỳ báo cáo) được đếm cho từng đơn vị chủ trì hoặc thực
        hiện, đến ngày {vnDate(s.asOf)}.
      </Text>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Card withBorder h="100%">
            <Text fw={700} mb={4}>
              Nhiệm vụ quá hạn theo đơn vị
            </Text>
            <Text size="xs" c="dimmed" mb="xs">
              Số nhiệm vụ quá hạn mà đơn vị chủ trì hoặc thực hiện (không tính phối hợp), tính đến ngày{" "}
              {vnDate(s.asOf)}; bấm vào một cột để xem các nhiệm vụ đó
            </Text>
            {data && data.overdue_by_unit.length === 0 && (
              <Text c="green.8" size="sm">
                Không có đơn vị nào có nhiệm vụ quá hạn.
              </Text>
            )}
            {data && data.overdue_by_unit.length > 0 && (
              <Suspense fallback={<Skeleton h={chart.height} />}>
                <BarChart
                  label="Số nhiệm vụ quá hạn"
                  labels={chart.labels}
                  values={chart.values}
                  colors={statusHex.overdue}
                  height={chart.height}
                  onClick={(i) =>
                    navigate(`/nhiem-vu?status=overdue&unit=${encodeURIComponent(data.overdue_by_unit[i].unit)}`)
                  }
                />
              </Suspense>
            )}
            {data && data.overdue_by_unit.length > 0 && (
              <Group gap="xs" mt="xs" aria-label="Các đơn vị có nhiệm vụ quá hạn">
                <Text size="xs" c="dimmed">
                  Xem đơn vị:
                </Text>
                {data.overdue_by_unit.slice(0, 5).map((r) => (
                  <Link key={r.unit} href={`/don-vi/${encodeURIComponent(r.unit)}`}>
                    <Text size="xs">{r.name}</Text>
                  </Link>
                ))}
              </Group>
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Card withBorder h="100%" data-testid="due-this-week">
            <Text fw={700} mb={4}>
              Đến hạn trong 7 ngày tới
            </Text>
            <Text size="xs" c="dimmed" mb="xs">
              Từ {vnDate(s.asOf)} đến {vnDate(addDays(s.asOf, 6))}
            </Text>
            {data && <TaskList tasks={data.due_this_week} empty="Không có nhiệm vụ nào đến hạn trong tuần tới." />}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Card withBorder h="100%">
            <Text fw={700} mb="xs">
              Văn bản mới đến
            </Text>
            {data && data.recent_documents.length === 0 && (
              <Text size="sm" c="dimmed">
                Chưa có văn bản nào.
              </Text>
            )}
            <Stack gap={8}>
              {data?.recent_documents.map((d) => (
                <div key={d.id}>
                  <Group gap={6} wrap="nowrap">
                    <Link href={docHref(d.notation)} style={{ whiteSpace: "nowrap" }}>
                      {d.notation}
                    </Link>
                    <Text size="sm" c="dimmed" truncate>
                      {docTypeLabel[d.type] ?? d.type}
                      {d.date ? ` ngày ${vnDate(d.date)}` : ""} · {d.issuer}
                    </Text>
                  </Group>
                  <Text size="sm" className="clamp2">
                    {d.subject}
                  </Text>
                </div>
              ))}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Card withBorder h="100%">
            <Text fw={700} mb={4}>
              Báo cáo đến hạn trong tháng
            </Text>
            <Text size="xs" c="dimmed" mb="xs">
              Báo cáo định kỳ và báo cáo kết quả chưa gửi, hạn đến {vnDate(monthEnd)}
            </Text>
            {data && (
              <TaskList tasks={data.reports_due} empty="Không có báo cáo nào đến hạn trong tháng." />
            )}
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}
