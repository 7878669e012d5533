import { useCallback, useEffect, useState } from "react";
import { Badge, Card, Grid, Stack, Tabs, Text, Title } from "@mantine/core";
import { Link } from "wouter";
import { api, query, type CascadeNode, type DocumentRow, type Task } from "../api";
import { DownloadButton, ErrorNote, PageTitle, TaskTable, docHref } from "../components";
import { DocumentReview } from "../DocumentReview";
import { canReview, unitName, useSession } from "../session";
import { docTypeLabel, vnDate } from "../format";

function DocLine({ d, current }: { d: DocumentRow; current?: boolean }) {
  return (
    <Text size="sm" fw={current ? 700 : 400}>
      {current ? d.notation : <Link href={docHref(d.notation)}>{d.notation}</Link>}{" "}
      <Text span c="dimmed" size="sm">
        {docTypeLabel[d.type] ?? d.type}
        {d.date ? ` ngày ${vnDate(d.date)}` : ""}
        {d.issuer ? ` · ${d.issuer}` : ""}
      </Text>
      {d.placeholder && (
        <Badge ml={6} size="xs" color="gray" variant="outline">
          chưa nhận văn bản
        </Badge>
      )}
      {d.subject && (
        <Text size="xs" c="dimmed" className="clamp2">
          {d.subject}
        </Text>
      )}
    </Text>
  );
}

function Tree({ node, root }: { node: CascadeNode; root?: boolean }) {
  return (
    <li>
      <DocLine d={node.document} current={root} />
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c) => (
            <Tree key={c.document.id} node={c} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function DocumentPage({ notation }: { notation: string }) {
  const s = useSession();
  const [doc, setDoc] = useState<{ document: DocumentRow; record: Record<string, unknown>; tasks: Task[] } | null>(null);
  const [cascade, setCascade] = useState<{ upward: DocumentRow[]; downward: CascadeNode } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    api.document(notation, s.asOf).then(setDoc).catch(setError);
    api.cascade(notation).then(setCascade).catch(() => {});
  }, [notation, s.asOf]);
  useEffect(load, [load]);
  if (error) return <ErrorNote error={error} />;
  if (!doc) return <Text c="dimmed">Đang tải…</Text>;
  const d = doc.document;
  return (
    <>
      <PageTitle
        right={
          canReview(s.user) &&
          !d.placeholder && (
            <DownloadButton
              path={`/api/drafts/implement.docx${query({ document: d.notation, on: s.asOf, as: s.user.unit })}`}
              title={`Dự thảo công văn của ${unitName(s.units, s.user.unit)} triển khai văn bản này xuống các đơn vị trực thuộc (Word)`}
              testId="export-implement-docx"
            >
              Dự thảo công văn triển khai (Word)
            </DownloadButton>
          )
        }
      >
        {docTypeLabel[d.type] ?? "Văn bản"} số {d.notation}
      </PageTitle>
      <Text mb="md" c="dimmed">
        {d.issuer}
        {d.date ? `, ngày ${vnDate(d.date)}` : ""}
        {d.subject ? ` — ${d.subject}` : ""}
      </Text>
      <Tabs defaultValue="tasks" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="tasks">Nhiệm vụ ({doc.tasks.length})</Tabs.Tab>
          <Tabs.Tab value="cascade">Văn bản cấp trên và triển khai</Tabs.Tab>
          {!d.placeholder && <Tabs.Tab value="text">Toàn văn và thông tin đọc được</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="tasks">
          <Card withBorder>
            <TaskTable tasks={doc.tasks} showDocument={false} empty="Văn bản không có nhiệm vụ trong phạm vi của bạn." />
          </Card>
        </Tabs.Panel>
        <Tabs.Panel value="cascade">
          <Grid>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Card withBorder h="100%">
                <Title order={2} fz="md" mb="xs">
                  Văn bản này thực hiện
                </Title>
                {cascade && cascade.upward.length === 0 && (
                  <Text size="sm" c="dimmed">
                    Không dẫn chiếu văn bản cấp trên nào.
                  </Text>
                )}
                <Stack gap={6} data-testid="cascade-up">
                  {cascade?.upward.map((u, i) => (
                    <div key={u.id} style={{ paddingLeft: (cascade.upward.length - 1 - i) * 14 }}>
                      <DocLine d={u} />
                    </div>
                  ))}
                </Stack>
              </Card>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Card withBorder h="100%">
                <Title order={2} fz="md" mb="xs">
                  Các văn bản triển khai văn bản này
                </Title>
                {cascade && (
                  <div className="tree" data-testid="cascade-down">
                    <ul>
                      <Tree node={cascade.downward} root />
                    </ul>
                  </div>
                )}
                {cascade && cascade.downward.children.length === 0 && (
                  <Text size="sm" c="dimmed">
                    Chưa có văn bản nào triển khai văn bản này.
                  </Text>
                )}
              </Card>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        {!d.placeholder && (
          <Tabs.Panel value="text">
            <DocumentReview notation={d.notation} record={doc.record} tasks={doc.tasks} onChanged={load} />
          </Tabs.Panel>
        )}
      </Tabs>
    </>
  );
}
