// One task: what, who, by when, its status; its history (progress, reports,
// reviews, extensions) and the actions the signed-in person may take.
import { useCallback, useEffect, useState } from "react";
import {
  Badge,
  Button,
  Card,
  Grid,
  Group,
  NumberInput,
  Progress,
  Stack,
  Tabs,
  Text,
  Textarea,
  Timeline,
  Title,
} from "@mantine/core";
import { Link } from "wouter";
import { api, type TaskDetail } from "../api";
import { AssignmentList, DateField, ErrorNote, PageTitle, StatusBadge, docHref } from "../components";
import { canRegister, canReview, unitName, useSession } from "../session";
import { stateLabel, vnDate } from "../format";

interface Event {
  on: string;
  kind: string;
  color: string;
  title: string;
  text: string;
}

export function TaskPageView({ id }: { id: number }) {
  const s = useSession();
  const [d, setD] = useState<TaskDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [progressText, setProgressText] = useState("");
  const [percent, setPercent] = useState<number | string>("");
  const [reportText, setReportText] = useState("");
  const [note, setNote] = useState("");
  const [newDue, setNewDue] = useState("");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    api.task(id, s.asOf).then(setD).catch(setError);
  }, [id, s.asOf]);
  useEffect(load, [load]);

  const act = (f: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    setActionError(null);
    f()
      .then(() => {
        after?.();
        load();
      })
      .catch(setActionError)
      .finally(() => setBusy(false));
  };

  if (error) return <ErrorNote error={error} />;
  if (!d) return <Text c="dimmed">Đang tải…</Text>;
  const t = d.task;
  const pendingReport = d.reports.find((r) => r.outcome === null);
  const pendingExtension = d.extensions.find((e) => e.decision === "pending");
  const lastPercent = [...d.progress].reverse().find((p) => p.percent !== null)?.percent ?? null;
  const done = t.status === "done_on_time" || t.status === "done_late";
  const active = t.state === "active";

  const events: Event[] = [
    ...d.progress.map((p) => ({
      on: p.on,
      kind: "progress",
      color: "blue",
      title: `Cập nhật tiến độ${p.percent !== null ? ` — ${p.percent}%` : ""}${p.unit ? ` (${unitName(s.units, p.unit)})` : ""}`,
      text: p.text,
    })),
    ...d.reports.flatMap((r) => {
      const list: Event[] = [{ on: r.reported_on, kind: "report", color: "grape", title: "Báo cáo hoàn thành", text: r.text }];
      if (r.outcome && r.reviewed_on)
        list.push({
          on: r.reviewed_on,
          kind: "review",
          color: r.outcome === "confirmed" ? "green" : "orange",
          title: r.outcome === "confirmed" ? "Xác nhận hoàn thành" : "Trả lại báo cáo",
          text: r.review_note,
        });
      return list;
    }),
    ...d.extensions.flatMap((e) => {
      const list: Event[] = [
        { on: e.requested_on, kind: "extension", color: "yellow", title: `Đề nghị gia hạn đến ${vnDate(e.new_due)}`, text: e.reason },
      ];
      if (e.decided_on)
        list.push({
          on: e.decided_on,
          kind: "decision",
          color: e.decision === "approved" ? "green" : "red",
          title: e.decision === "approved" ? `Đồng ý gia hạn đến ${vnDate(e.new_due)}` : "Không đồng ý gia hạn",
          text: "",
        });
      return list;
    }),
  ].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));

  return (
    <>
      <PageTitle right={<StatusBadge task={t} />}>
        Nhiệm vụ #{t.id}
        {t.clause ? ` — mục ${t.clause}` : ""} của văn bản {t.document}
      </PageTitle>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Card withBorder>
              <Text size="xs" c="dimmed">
                Nội dung nhiệm vụ
              </Text>
              <Text mb="sm" data-testid="task-action">{t.action}</Text>
              <Grid>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <Text size="xs" c="dimmed">
                    Đơn vị thực hiện
                  </Text>
                  <AssignmentList task={t} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <Stack gap={6}>
                    <div>
                      <Text size="xs" c="dimmed">
                        Thời hạn
                      </Text>
                      <Text fw={600}>{t.due ? vnDate(t.due) : "Không có thời hạn"}</Text>
                      {d.deadlines.length > 0 && (
                        <Text size="xs" c="dimmed">
                          Theo văn bản: {d.deadlines.join("; ")}
                        </Text>
                      )}
                      {t.period && <Text size="sm">Định kỳ: {t.period}</Text>}
                    </div>
                    {t.report_to && (
                      <div>
                        <Text size="xs" c="dimmed">
                          Báo cáo về
                        </Text>
                        <Text size="sm">
                          {t.report_to}
                          {t.report_via ? ` (qua ${t.report_via})` : ""}
                        </Text>
                      </div>
                    )}
                    {t.product && (
                      <div>
                        <Text size="xs" c="dimmed">
                          Sản phẩm
                        </Text>
                        <Text size="sm">{t.product}</Text>
                      </div>
                    )}
                    <div>
                      <Text size="xs" c="dimmed">
                        Văn bản giao
                      </Text>
                      <Link href={docHref(t.document)}>{t.document}</Link>{" "}
                      <Badge size="xs" variant="outline">
                        {stateLabel[t.state] ?? t.state}
                      </Badge>
                    </div>
                  </Stack>
                </Grid.Col>
              </Grid>
              {lastPercent !== null && (
                <div>
                  <Text size="xs" c="dimmed" mt="sm">
                    Tiến độ: {lastPercent}%
                  </Text>
                  <Progress value={lastPercent} aria-label={`Tiến độ ${lastPercent}%`} />
                </div>
              )}
            </Card>
            <Card withBorder>
              <Title order={2} fz="md" mb="sm">
                Quá trình thực hiện
              </Title>
              {events.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Chưa có cập nhật nào.
                </Text>
              ) : (
                <Timeline bulletSize={14} lineWidth={2} data-testid="history">
                  {events.map((e, i) => (
                    <Timeline.Item key={i} color={e.color} title={<Text size="sm" fw={600}>{e.title}</Text>}>
                      <Text size="xs" c="dimmed">
                        {vnDate(e.on)}
                      </Text>
                      {e.text && <Text size="sm">{e.text}</Text>}
                    </Timeline.Item>
                  ))}
                </Timeline>
              )}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder>
            <ErrorNote error={actionError} />
            {t.state === "proposed" && canRegister(s.user) && (
              <Stack>
                <Text size="sm">Nhiệm vụ đọc từ văn bản, chờ chuyên viên xác nhận trước khi theo dõi.</Text>
                <Button onClick={() => act(() => api.confirmTask(t.id))} loading={busy}>
                  Xác nhận nhiệm vụ
                </Button>
              </Stack>
            )}
            {active && pendingReport && canReview(s.user) && (
              <Stack mb="md" data-testid="review-box">
                <Title order={2} fz="md">
                  Xem xét báo cáo hoàn thành
                </Title>
                <Text size="sm">
                  Báo cáo ngày {vnDate(pendingReport.reported_on)}: {pendingReport.text}
                </Text>
                <Textarea label="Ý kiến (nếu trả lại, ghi rõ lý do)" value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
                <Group>
                  <Button
                    color="green"
                    loading={busy}
                    onClick={() => act(() => api.review(t.id, "confirmed", note || undefined, s.asOf), () => setNote(""))}
                  >
                    Xác nhận hoàn thành
                  </Button>
                  <Button
                    color="orange"
                    variant="light"
                    loading={busy}
                    onClick={() => act(() => api.review(t.id, "returned", note || undefined, s.asOf), () => setNote(""))}
                  >
                    Trả lại
                  </Button>
                </Group>
              </Stack>
            )}
            {active && pendingExtension && canReview(s.user) && (
              <Stack mb="md">
                <Title order={2} fz="md">
                  Đề nghị gia hạn đến {vnDate(pendingExtension.new_due)}
                </Title>
                {pendingExtension.reason && <Text size="sm">Lý do: {pendingExtension.reason}</Text>}
                <Group>
                  <Button loading={busy} onClick={() => act(() => api.decide(t.id, "approved", s.asOf))}>
                    Đồng ý gia hạn
                  </Button>
                  <Button variant="light" color="red" loading={busy} onClick={() => act(() => api.decide(t.id, "rejected", s.asOf))}>
                    Không đồng ý
                  </Button>
                </Group>
              </Stack>
            )}
            {active && !done && (
              <Tabs defaultValue="progress">
                <Tabs.List mb="sm">
                  <Tabs.Tab value="progress">Tiến độ</Tabs.Tab>
                  <Tabs.Tab value="report" disabled={Boolean(pendingReport)}>
                    Báo cáo hoàn thành
                  </Tabs.Tab>
                  <Tabs.Tab value="extension" disabled={Boolean(pendingExtension)}>
                    Xin gia hạn
                  </Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="progress">
                  <Stack gap="xs">
                    <Textarea
                      label="Nội dung đã thực hiện"
                      value={progressText}
                      onChange={(e) => setProgressText(e.currentTarget.value)}
                      autosize
                      minRows={3}
                      data-testid="progress-text"
                    />
                    <NumberInput label="Mức độ hoàn thành (%)" min={0} max={100} value={percent} onChange={setPercent} w={200} />
                    <Button
                      disabled={!progressText.trim()}
                      loading={busy}
                      data-testid="progress-submit"
                      onClick={() =>
                        act(
                          () => api.progress(t.id, progressText.trim(), percent === "" ? undefined : Number(percent), s.asOf),
                          () => {
                            setProgressText("");
                            setPercent("");
                          },
                        )
                      }
                    >
                      Ghi tiến độ
                    </Button>
                  </Stack>
                </Tabs.Panel>
                <Tabs.Panel value="report">
                  <Stack gap="xs">
                    <Textarea
                      label="Kết quả thực hiện"
                      description="Gửi để cơ quan theo dõi xác nhận hoàn thành"
                      value={reportText}
                      onChange={(e) => setReportText(e.currentTarget.value)}
                      autosize
                      minRows={3}
                      data-testid="report-text"
                    />
                    <Button
                      disabled={!reportText.trim()}
                      loading={busy}
                      data-testid="report-submit"
                      onClick={() => act(() => api.report(t.id, reportText.trim(), s.asOf), () => setReportText(""))}
                    >
                      Gửi báo cáo hoàn thành
                    </Button>
                  </Stack>
                </Tabs.Panel>
                <Tabs.Panel value="extension">
                  <Stack gap="xs">
                    <DateField label="Xin gia hạn đến ngày" value={newDue} onChange={setNewDue} required w={160} />
                    <Textarea label="Lý do" value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
                    <Button
                      disabled={!newDue}
                      loading={busy}
                      onClick={() =>
                        act(() => api.extend(t.id, newDue, reason || undefined, s.asOf), () => {
                          setNewDue("");
                          setReason("");
                        })
                      }
                    >
                      Gửi đề nghị gia hạn
                    </Button>
                  </Stack>
                </Tabs.Panel>
              </Tabs>
            )}
            {pendingReport && !canReview(s.user) && (
              <Text size="sm" mt="sm" c="grape.8">
                Đã gửi báo cáo hoàn thành ngày {vnDate(pendingReport.reported_on)}, chờ cơ quan theo dõi xác nhận.
              </Text>
            )}
            {done && (
              <Text c="green.8" fw={600} data-testid="done-note">
                Nhiệm vụ đã hoàn thành{t.status === "done_late" ? " (quá hạn)" : ""}.
              </Text>
            )}
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}
