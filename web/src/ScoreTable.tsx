import { useState } from "react";
import { Button, Progress, Table, Text } from "@mantine/core";
import { Link } from "wouter";
import type { ScoreRow } from "./api";
import { enforcementKinds, percent } from "./format";

// Units worst first: most overdue, then lowest completion rate; the first
// 25 until asked for all. Beside the statuses, how many times each unit was
// reminded, urged, criticised or made to review itself in the period.
export function ScoreTable({ rows }: { rows: ScoreRow[] }) {
  const [all, setAll] = useState(false);
  if (!rows.length) return <Text c="dimmed" size="sm">Không có nhiệm vụ nào trong kỳ.</Text>;
  const sorted = [...rows].sort(
    (a, b) => b.overdue - a.overdue || a.completion_rate - b.completion_rate || a.name.localeCompare(b.name, "vi"),
  );
  const shown = all ? sorted : sorted.slice(0, 25);
  return (
    <>
    <Table.ScrollContainer minWidth={1000}>
      <Table striped highlightOnHover verticalSpacing={6} aria-label="Kết quả thực hiện theo đơn vị">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Đơn vị</Table.Th>
            <Table.Th ta="right">Được giao</Table.Th>
            <Table.Th ta="right">Đúng hạn</Table.Th>
            <Table.Th ta="right">Quá hạn đã xong</Table.Th>
            <Table.Th ta="right">Đang làm</Table.Th>
            <Table.Th ta="right">Quá hạn</Table.Th>
            <Table.Th ta="right">Thường xuyên</Table.Th>
            <Table.Th w={170}>Tỷ lệ hoàn thành</Table.Th>
            {enforcementKinds.map((k) => (
              <Table.Th key={k.value} ta="right">
                {k.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((r) => (
            <Table.Tr key={r.unit}>
              <Table.Td>
                <Link href={`/don-vi/${encodeURIComponent(r.unit)}`}>{r.name}</Link>
              </Table.Td>
              <Table.Td ta="right">{r.assigned}</Table.Td>
              <Table.Td ta="right">{r.done_on_time}</Table.Td>
              <Table.Td ta="right">{r.done_late}</Table.Td>
              <Table.Td ta="right">{r.in_progress}</Table.Td>
              <Table.Td ta="right" c={r.overdue ? "red.8" : undefined} fw={r.overdue ? 700 : undefined}>
                {r.overdue}
              </Table.Td>
              <Table.Td ta="right">{r.no_deadline}</Table.Td>
              <Table.Td>
                <Text size="xs">{percent(r.completion_rate)}</Text>
                <Progress value={r.completion_rate * 100} color={r.completion_rate >= 0.8 ? "green" : r.completion_rate >= 0.5 ? "yellow" : "red"} size="sm" />
              </Table.Td>
              {enforcementKinds.map((k) => (
                <Table.Td key={k.value} ta="right" data-kind={k.value}>
                  {r.enforcement[k.value]}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
    {shown.length < sorted.length && (
      <Button variant="subtle" size="xs" mt="xs" onClick={() => setAll(true)}>
        Xem tất cả {sorted.length} đơn vị
      </Button>
    )}
    </>
  );
}
