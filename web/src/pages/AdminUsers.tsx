// Quản trị tài khoản: accounts (role, unit, e-mail for reminders, lock) and the change log.
import { useEffect, useState } from "react";
import { Badge, Button, Card, Grid, PasswordInput, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { api, type AuditLine, type Role, type User } from "../api";
import { ErrorNote, PageTitle } from "../components";
import { UnitSelect } from "../UnitSelect";
import { roleLabel, vnDate } from "../format";
import { unitName, useSession } from "../session";

const actionLabel: Record<string, string> = {
  "document.ingest": "Vào sổ văn bản",
  "document.confirm_tasks": "Xác nhận nhiệm vụ của văn bản",
  "task.confirm": "Xác nhận nhiệm vụ",
  "task.progress": "Cập nhật tiến độ",
  "task.report": "Báo cáo hoàn thành",
  "task.review": "Xem xét báo cáo",
  "task.extension_request": "Đề nghị gia hạn",
  "task.extension_decision": "Quyết định gia hạn",
  "task.edit": "Sửa nhiệm vụ chờ xác nhận",
  "task.import": "Nhập sổ theo dõi",
  "enforcement.add": "Ghi biện pháp đôn đốc",
  "enforcement.edit": "Sửa biện pháp đôn đốc",
  "unit.import": "Nhập danh mục đơn vị",
  "token.create": "Tạo mã truy cập (API)",
  "user.add": "Tạo tài khoản",
  "user.change": "Sửa tài khoản",
  "unit.alias": "Ghi nhớ tên đơn vị",
  "unit.merge": "Sáp nhập đơn vị",
  login: "Đăng nhập",
  "login.failed": "Đăng nhập sai",
};

export function AdminUsersPage() {
  const s = useSession();
  const [users, setUsers] = useState<User[] | null>(null);
  const [audit, setAudit] = useState<AuditLine[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [form, setForm] = useState({
    login: "",
    display_name: "",
    role: "unit_officer" as Role,
    unit: "",
    password: "",
    email: "",
  });
  const load = () => {
    api.users().then(setUsers).catch(setError);
    api.audit(15).then(setAudit).catch(() => {});
  };
  useEffect(load, []);
  return (
    <>
      <PageTitle>Quản trị tài khoản</PageTitle>
      <ErrorNote error={error} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Card withBorder mb="md">
            <Title order={2} fz="md" mb="xs">
              Tài khoản ({users?.length ?? "…"})
            </Title>
            <Table.ScrollContainer minWidth={780}>
              <Table striped verticalSpacing={6}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Tên đăng nhập</Table.Th>
                    <Table.Th>Họ tên</Table.Th>
                    <Table.Th>Vai trò</Table.Th>
                    <Table.Th>Đơn vị</Table.Th>
                    <Table.Th>Thư điện tử (nhắc hạn)</Table.Th>
                    <Table.Th>Trạng thái</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {users?.map((u) => (
                    <Table.Tr key={u.login}>
                      <Table.Td>{u.login}</Table.Td>
                      <Table.Td>{u.display_name}</Table.Td>
                      <Table.Td>{roleLabel[u.role]}</Table.Td>
                      <Table.Td>{unitName(s.units, u.unit)}</Table.Td>
                      <Table.Td>
                        <TextInput
                          key={`${u.login}:${u.email ?? ""}`}
                          size="xs"
                          type="email"
                          aria-label={`Thư điện tử của ${u.login}`}
                          placeholder="chưa có"
                          defaultValue={u.email ?? ""}
                          onBlur={(e) => {
                            const email = e.currentTarget.value.trim();
                            if (email !== (u.email ?? ""))
                              api.patchUser(u.login, { email: email || null }).then(load).catch(setError);
                          }}
                        />
                      </Table.Td>
                      <Table.Td>
                        {u.disabled ? (
                          <Badge color="gray">Đã khóa</Badge>
                        ) : u.expires_on ? (
                          <Badge color="yellow" variant="light">
                            Đến {vnDate(u.expires_on)}
                          </Badge>
                        ) : (
                          <Badge color="green" variant="light">
                            Đang dùng
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {u.login !== s.user.login && (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            onClick={() => api.patchUser(u.login, { disabled: !u.disabled }).then(load).catch(setError)}
                          >
                            {u.disabled ? "Mở khóa" : "Khóa"}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
          <Card withBorder>
            <Title order={2} fz="md" mb="xs">
              Nhật ký thay đổi gần đây
            </Title>
            <Table.ScrollContainer minWidth={520}>
              <Table verticalSpacing={4} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Thời điểm</Table.Th>
                    <Table.Th>Người thực hiện</Table.Th>
                    <Table.Th>Việc</Table.Th>
                    <Table.Th>Đối tượng</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {audit.map((a, i) => (
                    <Table.Tr key={i}>
                      <Table.Td data-testid="audit-at" style={{ whiteSpace: "nowrap" }}>
                        {new Date(a.at * 1000).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" })}
                      </Table.Td>
                      <Table.Td>{a.actor}</Table.Td>
                      <Table.Td>{actionLabel[a.action] ?? a.action}</Table.Td>
                      <Table.Td>{a.target}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Card withBorder component="form" onSubmit={(e: React.FormEvent) => {
            e.preventDefault();
            api
              .addUser(form)
              .then(() => {
                setForm({ ...form, login: "", display_name: "", password: "", email: "" });
                load();
              })
              .catch(setError);
          }}>
            <Title order={2} fz="md" mb="xs">
              Tạo tài khoản
            </Title>
            <Stack gap="xs">
              <TextInput label="Tên đăng nhập" required value={form.login} onChange={(e) => setForm({ ...form, login: e.currentTarget.value })} />
              <TextInput label="Họ và tên" value={form.display_name} onChange={(e) => setForm({ ...form, display_name: e.currentTarget.value })} />
              <Select
                label="Vai trò"
                data={(Object.keys(roleLabel) as Role[]).map((r) => ({ value: r, label: roleLabel[r] }))}
                value={form.role}
                onChange={(v) => v && setForm({ ...form, role: v as Role })}
                allowDeselect={false}
              />
              <UnitSelect label="Đơn vị" value={form.unit} onChange={(v) => setForm({ ...form, unit: v })} placeholder="Chọn đơn vị" />
              <TextInput
                label="Thư điện tử"
                description="Nhận thư nhắc hạn nhiệm vụ của đơn vị"
                type="email"
                value={form.email}
                onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
              />
              <PasswordInput label="Mật khẩu ban đầu" required value={form.password} onChange={(e) => setForm({ ...form, password: e.currentTarget.value })} />
              <Button type="submit" disabled={!form.login || !form.unit || !form.password}>
                Tạo tài khoản
              </Button>
              <Text size="xs" c="dimmed">
                Người dùng nên đổi mật khẩu sau lần đăng nhập đầu tiên.
              </Text>
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}
