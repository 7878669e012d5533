// Tiếp nhận văn bản: a document arrives (a file dropped in, or its text
// pasted), dondoc reads it, the clerk checks the reading beside the text,
// maps unknown names, and confirms the proposed tasks. A file is sent as it
// is (DOCX, PDF, a scan, text in TCVN3/VNI): the server tells the format by
// content, and a scan's OCR warnings come back with the record.
import { useCallback, useEffect, useRef, useState } from "react";
import { Alert, Button, Card, FileButton, Group, Stack, Tabs, Text, Textarea, TextInput } from "@mantine/core";
import { Link } from "wouter";
import { api, type Task, type Upload } from "../api";

// The server's limit (api.h max_upload).
const MAX_FILE = 32 * 1024 * 1024;

function sizeLabel(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function kindOf(file: File): string {
  const ext = file.name.toLowerCase().split(".").pop() ?? "";
  if (ext === "docx") return "Word (DOCX)";
  if (ext === "pdf") return "PDF (có lớp chữ, hoặc bản quét: nhận dạng chữ)";
  if (["png", "jpg", "jpeg", "tif", "tiff"].includes(ext)) return "ảnh quét (nhận dạng chữ)";
  return "văn bản (Unicode, TCVN3 hoặc VNI)";
}
import { DateField, ErrorNote, PageTitle, docHref } from "../components";
import { DocumentReview } from "../DocumentReview";
import { useSession } from "../session";
import { vnDate } from "../format";

export function InboxPage() {
  const s = useSession();
  const [text, setText] = useState("");
  const [name, setName] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [tab, setTab] = useState<string>("file");
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

  const chooseFile = (f: File | null) => {
    if (!f) return;
    setError(null);
    if (f.size > MAX_FILE) {
      setError(new Error("Tệp lớn hơn 32 MB."));
      return;
    }
    setFile(f);
    setTab("file");
  };

  const sendingFile = tab === "file" && file !== null;
  const submit = () => {
    setBusy(true);
    setError(null);
    (file && tab === "file"
      ? api.uploadFile(file, received || undefined)
      : api.upload(text, name || "van-ban.txt", received || undefined)
    )
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
                  setFile(null);
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
          chooseFile(e.dataTransfer.files[0] ?? null);
        }}
        style={dragging ? { outline: "3px dashed var(--mantine-color-red-6)" } : undefined}
      >
        <Tabs value={tab} onChange={(v) => setTab(v ?? "file")}>
          <Tabs.List mb="sm">
            <Tabs.Tab value="file">Chọn hoặc kéo thả tệp</Tabs.Tab>
            <Tabs.Tab value="paste">Dán nội dung</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="file">
            <Stack gap="xs">
              <Text size="sm">
                Kéo thả tệp vào khung này, hoặc chọn tệp từ máy: Word (.docx), PDF (kể cả bản quét), ảnh quét (.png,
                .jpg, .tif nhiều trang), hoặc văn bản (.txt, kể cả gõ bằng phông TCVN3/ABC hay VNI). dondoc tự nhận
                biết loại tệp; bản quét được nhận dạng chữ (vài giây mỗi trang) và những chữ đọc chưa chắc sẽ được chỉ
                ra để đối chiếu.
              </Text>
              <Group>
                <FileButton
                  onChange={chooseFile}
                  accept=".docx,.pdf,.png,.jpg,.jpeg,.tif,.tiff,.txt,.md,text/plain,application/pdf,image/*"
                  resetRef={resetRef}
                  inputProps={{ "aria-label": "Tệp văn bản", "data-testid": "upload-file" } as Record<string, string>}
                >
                  {(props) => (
                    <Button variant="light" {...props}>
                      Chọn tệp…
                    </Button>
                  )}
                </FileButton>
                {file && (
                  <Text size="sm" data-testid="upload-file-name">
                    Đã chọn: <b>{file.name}</b> ({sizeLabel(file.size)}, {kindOf(file)})
                  </Text>
                )}
              </Group>
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="paste">
            <Text size="sm" mb="xs">
              Dán toàn văn công văn, kế hoạch, quyết định… (từ phần quốc hiệu đến nơi nhận).
            </Text>
            <Textarea
              label="Nội dung văn bản"
              autosize
              minRows={8}
              maxRows={18}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              data-testid="upload-text"
            />
          </Tabs.Panel>
        </Tabs>
        <Group mt="sm" align="flex-end" wrap="wrap">
          {!sendingFile && (
            <TextInput label="Tên tệp" value={name} onChange={(e) => setName(e.currentTarget.value)} w={220} />
          )}
          <DateField label="Ngày đến" value={received} onChange={setReceived} w={140} />
          <Button
            onClick={submit}
            loading={busy}
            disabled={sendingFile ? false : !text.trim()}
            data-testid="upload-submit"
          >
            Đọc và vào sổ
          </Button>
          {busy && sendingFile && (
            <Text size="sm" c="dimmed">
              Đang đọc tệp…
            </Text>
          )}
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
