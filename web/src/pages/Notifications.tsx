// Thông báo: the reminders the server recorded for the signed-in person
// (sắp đến hạn, đến hạn hôm nay, quá hạn), newest first, each linking to
// its task; opening one marks it read.
import { useEffect, useState } from "react";
import { Badge, Button, Card, Group, Stack, Text } from "@mantine/core";
import { Link } from "wouter";
import { api, type NoticeKind, type Notification } from "../api";
import { ErrorNote, PageTitle } from "../components";
import { vnDate } from "../format";
import { unitName, useSession } from "../session";

export const noticeLabel: Record<NoticeKind, string> = {
  due_soon: "Sắp đến hạn",
  due_today: "Đến hạn hôm nay",
  overdue: "Quá hạn",
};
const noticeColor: Record<NoticeKind, string> = { due_soon: "yellow", due_today: "orange", overdue: "red" };

// Tells the bell in the header to count again.
export const notificationsChanged = () => window.dispatchEvent(new Event("dondoc:notifications"));

export function NotificationsPage() {
  const s = useSession();
  const [data, setData] = useState<{ unread: number; items: Notification[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    api.notifications(200).then(setData).catch(setError);
  };
  useEffect(load, []);
  const markRead = (n: Notification) => {
    if (!n.read) api.readNotification(n.id).then(notificationsChanged).catch(() => {});
  };
  return (
    <>
      <PageTitle
        right={
          <Button
            variant="light"
            size="xs"
            disabled={!data?.unread}
            onClick={() =>
              api
                .readAllNotifications()
                .then(() => {
                  notificationsChanged();
                  load();
                })
                .catch(setError)
            }
          >
            Đánh dấu tất cả đã đọc
          </Button>
        }
      >
        Thông báo
      </PageTitle>
      <ErrorNote error={error} />
      <Text size="sm" c="dimmed" mb="sm">
        {data ? `${data.unread} thông báo chưa đọc` : "Đang tải…"} · nhắc hạn các nhiệm vụ đơn vị chủ trì hoặc thực hiện
      </Text>
      {data && data.items.length === 0 && <Text>Chưa có thông báo nào.</Text>}
      <Stack gap="xs" data-testid="notifications">
        {data?.items.map((n) => (
          <Card
            key={n.id}
            withBorder
            padding="sm"
            component={Link}
            href={`/nhiem-vu/${n.task}`}
            onClick={() => markRead(n)}
            className="row-link"
            style={{ borderLeft: `4px solid var(--mantine-color-${noticeColor[n.kind]}-6)`, opacity: n.read ? 0.75 : 1 }}
          >
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div>
                <Group gap="xs" mb={4}>
                  <Badge color={noticeColor[n.kind]} variant={n.read ? "outline" : "filled"}>
                    {noticeLabel[n.kind]}
                  </Badge>
                  {!n.read && (
                    <Text size="xs" fw={700} c="blue.8">
                      Mới
                    </Text>
                  )}
                </Group>
                <Text fw={n.read ? 400 : 600} lineClamp={2}>
                  {n.task_text}
                </Text>
                <Text size="sm" c="dimmed">
                  Thời hạn {vnDate(n.day)}
                  {n.period ? ` (kỳ ${n.period})` : ""}
                  {n.document ? ` · ${n.document}` : ""} · {unitName(s.units, n.unit)}
                </Text>
              </div>
              <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                {vnDate(n.noticed_on)}
              </Text>
            </Group>
          </Card>
        ))}
      </Stack>
    </>
  );
}
