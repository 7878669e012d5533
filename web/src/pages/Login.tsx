import { useState } from "react";
import { Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { api, type User } from "../api";
import { ErrorNote } from "../components";

export function Login({ onSignedIn }: { onSignedIn: (u: User) => void }) {
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Center mih="100vh" p="md" bg="gray.1">
      <Paper
        component="form"
        shadow="sm"
        p="xl"
        w={380}
        maw="100%"
        withBorder
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          api
            .login(login.trim(), password)
            .then((r) => onSignedIn(r.user))
            .catch(setError)
            .finally(() => setBusy(false));
        }}
      >
        <Stack>
          <div>
            <Title order={1} fz={26} c="red.9">
              dondoc
            </Title>
            <Text c="dimmed" size="sm">
              Theo dõi việc thực hiện văn bản chỉ đạo, điều hành
            </Text>
          </div>
          <TextInput
            label="Tên đăng nhập"
            autoComplete="username"
            value={login}
            onChange={(e) => setLogin(e.currentTarget.value)}
            required
            data-autofocus
            autoFocus
          />
          <PasswordInput
            label="Mật khẩu"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            required
          />
          <ErrorNote error={error} />
          <Button type="submit" loading={busy}>
            Đăng nhập
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
