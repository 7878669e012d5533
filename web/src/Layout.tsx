// The frame of every signed-in screen: the header (the date the figures are
// computed at, who is signed in), the menu (a drawer on a phone), the page.
import { useEffect, useState, type ReactNode } from "react";
import { ActionIcon, AppShell, Burger, Button, Group, Indicator, NavLink, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Link, useLocation } from "wouter";
import { useSession, unitName, canRegister } from "./session";
import { roleLabel, todayIso } from "./format";
import { DateField } from "./components";
import { api } from "./api";

// The bell: how many reminders are unread, counted again every minute, on
// each page change and when the notifications page reads some.
function NotificationBell() {
  const [location] = useLocation();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    const count = () =>
      api
        .notifications(1)
        .then((n) => setUnread(n.unread))
        .catch(() => {});
    count();
    const timer = window.setInterval(count, 60_000);
    window.addEventListener("dondoc:notifications", count);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("dondoc:notifications", count);
    };
  }, [location]);
  const label = unread > 0 ? `Thông báo: ${unread} chưa đọc` : "Thông báo";
  // The header's hints are the browser's own (title): Mantine's Tooltip
  // would bring its positioning library into the first screen's script.
  return (
    <Indicator label={unread > 99 ? "99+" : unread} size={18} color="red" disabled={unread === 0} offset={4}>
      <ActionIcon
        component={Link}
        href="/thong-bao"
        variant="subtle"
        size="lg"
        aria-label={label}
        title={label}
        data-testid="bell"
      >
        <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
      </ActionIcon>
    </Indicator>
  );
}

interface Item {
  href: string;
  label: string;
  show: boolean;
}

export function Layout({ children }: { children: ReactNode }) {
  const s = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const [location] = useLocation();
  const admin = s.user.role === "admin";
  const items: Item[] = [
    { href: "/", label: "Tổng quan", show: true },
    { href: "/tiep-nhan", label: "Tiếp nhận văn bản", show: canRegister(s.user) },
    { href: "/van-ban", label: "Văn bản", show: true },
    { href: "/nhiem-vu", label: "Nhiệm vụ", show: true },
    { href: `/don-vi/${encodeURIComponent(s.user.unit)}`, label: "Đơn vị của tôi", show: true },
    { href: "/ket-qua", label: "Kết quả thực hiện", show: true },
    { href: "/thong-bao", label: "Thông báo", show: true },
    { href: "/so-don-doc", label: "Sổ theo dõi đôn đốc", show: true },
    { href: "/nhap-so", label: "Nhập sổ theo dõi", show: canRegister(s.user) },
    { href: "/quan-tri/don-vi", label: "Quản trị đơn vị", show: admin },
    { href: "/quan-tri/tai-khoan", label: "Quản trị tài khoản", show: admin },
  ];
  const active = (href: string) =>
    href === "/" ? location === "/" : location === href || location.startsWith(`${href}/`);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: "md", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label="Mở menu" />
            <Link href="/" className="row-link">
              <Group gap={6} wrap="nowrap">
                <img src="/favicon.svg" alt="" width={28} height={28} />
                <div>
                  <Text fw={800} c="red.9" lh={1}>
                    dondoc
                  </Text>
                  <Text size="xs" c="dimmed" visibleFrom="sm" lh={1.2}>
                    Theo dõi thực hiện văn bản chỉ đạo
                  </Text>
                </div>
              </Group>
            </Link>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Group gap={4} wrap="nowrap" align="center" title="Trạng thái nhiệm vụ được tính đến ngày này">
              <Text size="sm" visibleFrom="sm">
                Số liệu đến ngày
              </Text>
              <DateField
                label=""
                ariaLabel="Số liệu đến ngày"
                value={s.asOf}
                onChange={(v) => v && s.setAsOf(v)}
                w={112}
              />
            </Group>
            {s.asOf !== todayIso() && (
              <Button size="compact-xs" variant="subtle" onClick={() => s.setAsOf(todayIso())} visibleFrom="sm">
                Hôm nay
              </Button>
            )}
            <NotificationBell />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Menu chính">
        <Stack gap={2} style={{ flex: 1 }}>
          {items
            .filter((i) => i.show)
            .map((i) => (
              <NavLink
                key={i.href}
                component={Link}
                href={i.href}
                label={i.label}
                active={active(i.href)}
                onClick={close}
                fw={500}
              />
            ))}
        </Stack>
        <Stack gap={4} p="xs" style={{ borderTop: "1px solid var(--mantine-color-gray-3)" }}>
          <Text size="sm" fw={600} data-testid="who">
            {s.user.display_name || s.user.login}
          </Text>
          <Text size="xs" c="dimmed">
            {roleLabel[s.user.role]} · {unitName(s.units, s.user.unit)}
          </Text>
          <Button variant="light" size="xs" onClick={s.signOut}>
            Đăng xuất
          </Button>
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
