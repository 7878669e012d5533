import { useEffect, useState } from "react";
import { Anchor, Badge, Card, Grid, Group, Stack, Text, Title } from "@mantine/core";
import { Link } from "wouter";
import { api, query, type ScoreRow, type TaskPage } from "../api";
import { DownloadButton, ErrorNote, PageTitle, TaskTable } from "../components";
import { ScoreTable } from "../ScoreTable";
import { unitName, useSession } from "../session";
import { unitKindLabel, vnDate } from "../format";

export function UnitPage({ id }: { id: string }) {
  const s = useSession();
  const unit = s.units.get(id);
  const [rows, setRows] = useState<ScoreRow[] | null>(null);
  const [tasks, setTasks] = useState<TaskPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setError(null);
    api
      .scoreboard({ as_of: s.asOf, unit: id })
      .then((r) =>
        setRows(
          r.filter(
            (x) =>
              x.assigned > 0 ||
              x.enforcement.reminder + x.enforcement.urging + x.enforcement.criticism + x.enforcement.review > 0,
          ),
        ),
      )
      .catch(setError);
    api.tasks({ unit: id, as_of: s.asOf, sort: "due", limit: 50 }).then(setTasks).catch(setError);
  }, [id, s.asOf]);
  const children = Array.from(s.units.values()).filter((u) => u.parent === id && !u.valid_to);
  const own = rows?.find((r) => r.unit === id);
  return (
    <>
      <PageTitle>{unit?.name ?? id}</PageTitle>
      <Grid gap="md" mb="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder h="100%">
            <Stack gap={6}>
              <Text size="sm">
                <b>Mã đơn vị:</b> {id}
              </Text>
              {unit && (
                <Text size="sm">
                  <b>Cấp:</b> {unitKindLabel[unit.kind] ?? unit.kind}
                </Text>
              )}
              {unit?.parent && (
                <Text size="sm">
                  <b>Trực thuộc:</b>{" "}
                  <Link href={`/don-vi/${encodeURIComponent(unit.parent)}`}>{unitName(s.units, unit.parent)}</Link>
                </Text>
              )}
              {unit?.valid_to && (
                <Text size="sm" c="orange.8">
                  Đã thôi hoạt động từ {vnDate(unit.valid_to)}
                  {unit.successors.length > 0 && `; kế thừa: ${unit.successors.map((x) => unitName(s.units, x)).join(", ")}`}
                </Text>
              )}
              {unit && unit.aliases.length > 0 && (
                <Group gap={4}>
                  <Text size="sm" fw={700}>
                    Tên gọi khác:
                  </Text>
                  {unit.aliases.slice(0, 8).map((a) => (
                    <Badge key={a} variant="outline" size="sm" tt="none">
                      {a}
                    </Badge>
                  ))}
                </Group>
              )}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder h="100%">
            <Title order={2} fz="md" mb="xs">
              Kết quả thực hiện (tính đến {vnDate(s.asOf)})
            </Title>
            {own && (
              <Group gap="xl" mb="sm">
                <Text size="sm">Được giao: <b>{own.assigned}</b></Text>
                <Text size="sm">Đã hoàn thành: <b>{own.done_on_time + own.done_late}</b></Text>
                <Text size="sm" c={own.overdue ? "red.8" : undefined}>Quá hạn: <b>{own.overdue}</b></Text>
                <Text size="sm" data-testid="unit-enforcement">
                  Đã đôn đốc, nhắc nhở:{" "}
                  <b>{own.enforcement.reminder + own.enforcement.urging + own.enforcement.criticism + own.enforcement.review}</b>{" "}
                  <Anchor component={Link} href={`/so-don-doc?unit=${encodeURIComponent(id)}`} size="sm">
                    (sổ theo dõi)
                  </Anchor>
                </Text>
              </Group>
            )}
            <ErrorNote error={error} />
            {rows && <ScoreTable rows={rows.slice(0, 12)} />}
          </Card>
        </Grid.Col>
      </Grid>
      <Card withBorder mb="md">
        <Group justify="space-between" mb="xs">
          <Title order={2} fz="md">
            Nhiệm vụ của đơn vị ({tasks?.total ?? "…"})
          </Title>
          <Group gap="sm">
            <DownloadButton
              path={`/api/exports/unit-tasks.xlsx${query({ unit: id, as_of: s.asOf })}`}
              title="Nhiệm vụ của đơn vị và các đơn vị trực thuộc, tệp Excel"
              testId="export-unit-xlsx"
            >
              Tải danh sách nhiệm vụ (Excel)
            </DownloadButton>
            <Anchor component={Link} href={`/nhiem-vu?unit=${encodeURIComponent(id)}`} size="sm">
              Xem tất cả, lọc và thao tác
            </Anchor>
          </Group>
        </Group>
        {tasks && <TaskTable tasks={tasks.items} />}
      </Card>
      {children.length > 0 && (
        <Card withBorder>
          <Title order={2} fz="md" mb="xs">
            Đơn vị trực thuộc ({children.length})
          </Title>
          <Group gap="xs">
            {children.map((c) => (
              <Anchor key={c.id} component={Link} href={`/don-vi/${encodeURIComponent(c.id)}`} size="sm">
                {c.name}
              </Anchor>
            ))}
          </Group>
        </Card>
      )}
    </>
  );
}
