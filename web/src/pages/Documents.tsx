import { useEffect, useState } from "react";
import { Button, Card, Group, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useSearch, useLocation } from "wouter";
import { api, type DocumentRow } from "../api";
import { DocumentTable, ErrorNote, PageTitle } from "../components";

const PAGE = 25;

export function DocumentsPage() {
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const [q, setQ] = useState(params.get("q") ?? "");
  const [debounced] = useDebouncedValue(q, 250);
  const [page, setPage] = useState(0);
  const [docs, setDocs] = useState<DocumentRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setError(null);
    api
      .documents(debounced.trim(), PAGE + 1, page * PAGE)
      .then(setDocs)
      .catch(setError);
    navigate(debounced.trim() ? `/van-ban?q=${encodeURIComponent(debounced.trim())}` : "/van-ban", { replace: true });
  }, [debounced, page, navigate]);
  return (
    <>
      <PageTitle>Văn bản</PageTitle>
      <Card withBorder>
        <TextInput
          label="Tìm văn bản"
          description="Theo số ký hiệu, trích yếu, nội dung; gõ có dấu hay không dấu đều được (ví dụ: nghi quyet 53)"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(0);
          }}
          mb="md"
          data-testid="doc-search"
          type="search"
        />
        <ErrorNote error={error} />
        {docs && <DocumentTable docs={docs.slice(0, PAGE)} />}
        <Group justify="space-between" mt="sm">
          <Text size="sm" c="dimmed">
            Trang {page + 1}
          </Text>
          <Group gap="xs">
            <Button size="xs" variant="default" disabled={page === 0} onClick={() => setPage(page - 1)}>
              Trang trước
            </Button>
            <Button size="xs" variant="default" disabled={!docs || docs.length <= PAGE} onClick={() => setPage(page + 1)}>
              Trang sau
            </Button>
          </Group>
        </Group>
      </Card>
    </>
  );
}
