// Tiếp nhận văn bản: a document arrives (a file dropped in, or its text
// pasted), dondoc reads it, the clerk checks the reading beside the text,
// maps unknown names, and confirms the proposed tasks.
import { useCallback, useEffect, useRef, useState } from "react";
import { Alert, Button, Card, FileButton, Group, Stack, Tabs, Text, Textarea, TextInput } from "@mantine/core";
import { Link } from "wouter";
import { api, type Task, type Upload } from "../api";
import { DateField, ErrorNote, PageTitle, docHref } from "../components";
import { DocumentReview } from "../DocumentReview";
import { useSession } from "../session";
import { vnDate } from "../format";

export function InboxPage() {
  const s = useSession();
  const [text, setText] = useState("");
  const [name, setName] = useState("");
  const [received, setReceived] = useState(s.asOf);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [doc, setDoc] = useState<{ record: Record<string, unknown>; tasks: Task[] } | null>(null);
  const [waiting, setWaiting] = useState<Task[]>([]);
  const [dragging, setDragging] = useState(false);
  const resetRef = useRef<() => void>(null);

  const loadWaiting = useCallback(() => {
    api
      .tasks({ proposed: true, limit: 500, sort: "document", as_of: s.asOf })
      .then((p) => setWaiting(p.items.filter((t) => t.state === "proposed")))
      .catch(() => {});
  }, [s.asOf]);
  useEffect(loadWaiting, [loadWaiting]);

  const reload = useCallback(
    (notation: string) => {
      api
        .document(notation, s.asOf)
        .then((d) => setDoc({ record: d.record, tasks: d.tasks }))
        .catch(setError);
      loadWaiting();
    },
    [s.asOf, loadWaiting],
  );

  const readFile = (file: File | null) => {
    if (!file) return;
    setError(null);
    if (file.size > 4 * 1024 * 1024) {
      setError(new Error("Tệp lớn hơn 4 MB."));
      return;
    }
    file.text().then((t) => {
      setText(t);
      setName(file.name);
    });
  };

  const submit = () => {
    setBusy(true);
    setError(null);
    api
      .upload(text, name || "van-ban.txt", received || undefined)
      .then((u) => {
        setUpload(u);
        reload(u.notation);
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };

  if (upload && doc)
    return (
      <>
        <PageTitle
          right={
            <Group gap="xs">
              <Button component={Link} href={docHref(upload.notation)} variant="light">
                Mở trang văn bản
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  setUpload(null);
                  setDoc(null);
                  setText("");
                  setName("");
                  resetRef.current?.();
                }}
              >
                Tiếp nhận văn bản khác
              </Button>
            </Group>
          }
        >
          Kiểm tra văn bản {upload.notation}
        </PageTitle>
        {upload.already_registered && (
          <Alert color="blue" mb="md">
            Văn bản này đã được vào sổ trước đây; không tạo thêm nhiệm vụ.
          </Alert>
        )}
        {upload.filled_placeholder && (
          <Alert color="blue" mb="md">
            Văn bản này đã được các văn bản khác dẫn chiếu trước khi đến; nay đã đủ nội dung.
          </Alert>
        )}
        {doc.tasks.length > 0 && doc.tasks.every((t) => t.state !== "proposed") && (
          <Alert color="green" mb="md" data-testid="all-confirmed">
            Tất cả nhiệm vụ của văn bản đã được xác nhận và đang được theo dõi.
          </Alert>
        )}
        <DocumentReview
          notation={upload.notation}
          record={doc.record}
          tasks={doc.tasks}
          unresolved={upload.unresolved}
          warnings={upload.warnings}
          onChanged={() => reload(upload.notation)}
        />
      </>
    );

  return (
    <>
      <PageTitle>Tiếp nhận văn bản đến</PageTitle>
      <Card
        withBorder
        mb="md"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          readFile(e.dataTransfer.files[0] ?? null);
        }}
        style={dragging ? { outline: "3px dashed var(--mantine-color-red-6)" } : undefined}
      >
        <Tabs defaultValue="file">
          <Tabs.List mb="sm">
            <Tabs.Tab value="file">Chọn hoặc kéo thả tệp</Tabs.Tab>
            <Tabs.Tab value="paste">Dán nội dung</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="file">
            <Stack gap="xs">
              <Text size="sm">
                Kéo thả tệp văn bản (.txt, .md) vào khung này, hoặc chọn tệp từ máy. Nội dung sẽ hiện ở thẻ “Dán nội
                dung” để kiểm tra trước khi gửi.
              </Text>
              <Group>
                <FileButton onChange={readFile} accept=".txt,.md,text/plain,text/markdown" resetRef={resetRef}>
                  {(props) => (
                    <Button variant="light" {...props}>
                      Chọn tệp…
                    </Button>
                  )}
                </FileButton>
                {name && <Text size="sm">Đã chọn: {name}</Text>}
              </Group>
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="paste">
            <Text size="sm" mb="xs">
              Dán toàn văn công văn, kế hoạch, quyết định… (từ phần quốc hiệu đến nơi nhận).
            </Text>
          </Tabs.Panel>
        </Tabs>
        <Textarea
          mt="sm"
          label="Nội dung văn bản"
          autosize
          minRows={8}
          maxRows={18}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          data-testid="upload-text"
        />
        <Group mt="sm" align="flex-end" wrap="wrap">
          <TextInput label="Tên tệp" value={name} onChange={(e) => setName(e.currentTarget.value)} w={220} />
          <DateField label="Ngày đến" value={received} onChange={setReceived} w={140} />
          <Button onClick={submit} loading={busy} disabled={!text.trim()} data-testid="upload-submit">
            Đọc và vào sổ
          </Button>
        </Group>
        <ErrorNote error={error} />
      </Card>

      <Card withBorder>
        <Text fw={700} mb="xs">
          Nhiệm vụ đang chờ xác nhận ({waiting.length})
        </Text>
        {waiting.length === 0 && (
          <Text size="sm" c="dimmed">
            Không có nhiệm vụ nào chờ xác nhận.
          </Text>
        )}
        <Stack gap={4}>
          {Array.from(new Set(waiting.map((t) => t.document))).map((n) => (
            <Group key={n} gap="xs">
              <Link href={docHref(n)}>{n}</Link>
              <Text size="sm" c="dimmed">
                {waiting.filter((t) => t.document === n).length} nhiệm vụ chờ xác nhận
              </Text>
            </Group>
          ))}
        </Stack>
        <Text size="xs" c="dimmed" mt="xs">
          Ngày đến mặc định là ngày xem số liệu ({vnDate(s.asOf)}).
        </Text>
      </Card>
    </>
  );
}
