// Quản trị đơn vị: the directory as a tree, names remembered for documents
// (aliases), and mergers (sáp nhập) that move open tasks to the successor.
import { useEffect, useMemo, useState } from "react";
import { Button, Card, Grid, Stack, Text, TextInput, Title, UnstyledButton, Badge, Group } from "@mantine/core";
import { Link } from "wouter";
import { api, type UnitNode } from "../api";
import { DateField, ErrorNote, PageTitle } from "../components";
import { UnitSelect } from "../UnitSelect";
import { fold, unitKindLabel, vnDate } from "../format";
import { useSession } from "../session";

// Every word typed appears in the name (without diacritics), or in the code.
function matches(n: UnitNode, q: string): boolean {
  const name = fold(n.name);
  return (
    q.split(/\s+/).every((w) => name.includes(w)) || n.id.includes(q) || n.children.some((c) => matches(c, q))
  );
}

function Node({ n, q, depth }: { n: UnitNode; q: string; depth: number }) {
  const [open, setOpen] = useState(depth < 1);
  if (q && !matches(n, q)) return null;
  const expanded = open || Boolean(q);
  return (
    <li>
      <Group gap={6} wrap="nowrap">
        {n.children.length > 0 ? (
          <UnstyledButton
            onClick={() => setOpen(!open)}
            aria-expanded={expanded}
            aria-label={`${expanded ? "Thu gọn" : "Mở"} ${n.name}`}
            w={18}
            fw={700}
          >
            {expanded ? "−" : "+"}
          </UnstyledButton>
        ) : (
          <span style={{ width: 18 }} />
        )}
        <Link href={`/don-vi/${encodeURIComponent(n.id)}`}>{n.name}</Link>
        <Text size="xs" c="dimmed">
          {n.id} · {unitKindLabel[n.kind] ?? n.kind}
        </Text>
        {n.valid_to && (
          <Badge size="xs" color="gray" variant="light" style={{ flexShrink: 0 }}>
            thôi hoạt động từ {vnDate(n.valid_to)}
          </Badge>
        )}
      </Group>
      {expanded && n.children.length > 0 && (
        <ul>
          {n.children.map((c) => (
            <Node key={c.id} n={c} q={q} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function AdminUnitsPage() {
  const s = useSession();
  const [tree, setTree] = useState<UnitNode[] | null>(null);
  const [q, setQ] = useState("");
  const [mention, setMention] = useState("");
  const [aliasUnit, setAliasUnit] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [on, setOn] = useState(s.asOf);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState("");
  const load = () => api.unitTree().then(setTree).catch(setError);
  useEffect(() => {
    load();
  }, []);
  const folded = useMemo(() => fold(q.trim()), [q]);
  return (
    <>
      <PageTitle>Quản trị đơn vị</PageTitle>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder>
            <Title order={2} fz="md" mb="xs">
              Cây đơn vị ({s.units.size} đơn vị)
            </Title>
            <TextInput
              placeholder="Tìm đơn vị (không cần dấu), ví dụ: son tay"
              aria-label="Tìm đơn vị"
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              mb="sm"
            />
            <div className="tree" style={{ maxHeight: "65vh", overflow: "auto" }}>
              <ul>{tree?.map((n) => <Node key={n.id} n={n} q={folded} depth={0} />)}</ul>
            </div>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            {notice && (
              <Text c="green.8" role="status">
                {notice}
              </Text>
            )}
            <ErrorNote error={error} />
            <Card withBorder>
              <Title order={2} fz="md" mb={4}>
                Ghi nhớ tên gọi trong văn bản
              </Title>
              <Text size="xs" c="dimmed" mb="xs">
                Khi văn bản gọi một đơn vị bằng tên khác (“Phòng TC-KH huyện”), chỉ rõ đó là đơn vị nào.
              </Text>
              <Stack gap="xs">
                <TextInput label="Tên trong văn bản" value={mention} onChange={(e) => setMention(e.currentTarget.value)} />
                <UnitSelect label="Là đơn vị" value={aliasUnit} onChange={setAliasUnit} placeholder="Chọn đơn vị" />
                <Button
                  disabled={!mention.trim() || !aliasUnit}
                  onClick={() =>
                    api
                      .alias(mention.trim(), [aliasUnit])
                      .then(() => {
                        setNotice(`Đã ghi nhớ “${mention.trim()}”.`);
                        setMention("");
                        s.reloadUnits();
                      })
                      .catch(setError)
                  }
                >
                  Ghi nhớ
                </Button>
              </Stack>
            </Card>
            <Card withBorder>
              <Title order={2} fz="md" mb={4}>
                Sáp nhập đơn vị
              </Title>
              <Text size="xs" c="dimmed" mb="xs">
                Đơn vị cũ thôi hoạt động từ ngày sáp nhập; nhiệm vụ chưa hoàn thành chuyển sang đơn vị kế thừa.
              </Text>
              <Stack gap="xs">
                <UnitSelect label="Đơn vị bị sáp nhập" value={from} onChange={setFrom} placeholder="Chọn đơn vị" />
                <UnitSelect label="Đơn vị kế thừa" value={to} onChange={setTo} placeholder="Chọn đơn vị" />
                <DateField label="Ngày sáp nhập" value={on} onChange={setOn} w={160} />
                <Button
                  color="orange"
                  disabled={!from || !to || !on || from === to}
                  onClick={() =>
                    api
                      .merge(from, to, on)
                      .then((r) => {
                        setNotice(`Đã sáp nhập; chuyển ${r.moved} nhiệm vụ chưa hoàn thành.`);
                        s.reloadUnits();
                        load();
                      })
                      .catch(setError)
                  }
                >
                  Sáp nhập
                </Button>
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
