import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from "react";
import { Center, Loader } from "@mantine/core";
import { Route, Switch, useLocation } from "wouter";
import { api, whenSignedOut, type Unit, type User } from "./api";
import { SessionContext, type Session } from "./session";
import { todayIso } from "./format";
import { Layout } from "./Layout";
import { Login } from "./pages/Login";
import { DashboardPage } from "./pages/Dashboard";

// The dashboard is in the first bundle (its first paint matters); the other
// screens load when first opened.
const InboxPage = lazy(() => import("./pages/Inbox").then((m) => ({ default: m.InboxPage })));
const DocumentsPage = lazy(() => import("./pages/Documents").then((m) => ({ default: m.DocumentsPage })));
const DocumentPage = lazy(() => import("./pages/DocumentPage").then((m) => ({ default: m.DocumentPage })));
const TasksPage = lazy(() => import("./pages/Tasks").then((m) => ({ default: m.TasksPage })));
const TaskPageView = lazy(() => import("./pages/TaskPage").then((m) => ({ default: m.TaskPageView })));
const UnitPage = lazy(() => import("./pages/UnitPage").then((m) => ({ default: m.UnitPage })));
const ScoreboardPage = lazy(() => import("./pages/Scoreboard").then((m) => ({ default: m.ScoreboardPage })));
const LedgerPage = lazy(() => import("./pages/Ledger").then((m) => ({ default: m.LedgerPage })));
const AdminUnitsPage = lazy(() => import("./pages/AdminUnits").then((m) => ({ default: m.AdminUnitsPage })));
const AdminUsersPage = lazy(() => import("./pages/AdminUsers").then((m) => ({ default: m.AdminUsersPage })));
const ImportPage = lazy(() => import("./pages/Import").then((m) => ({ default: m.ImportPage })));
const NotificationsPage = lazy(() =>
  import("./pages/Notifications").then((m) => ({ default: m.NotificationsPage })),
);
const NotFound = lazy(() => import("./pages/NotFound").then((m) => ({ default: m.NotFound })));

const AS_OF_KEY = "dondoc.asOf";

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [units, setUnits] = useState<Map<string, Unit>>(new Map());
  const [asOf, setAsOfState] = useState<string>(
    () => sessionStorage.getItem(AS_OF_KEY) ?? todayIso(),
  );
  const [, navigate] = useLocation();

  const loadUnits = useCallback(() => {
    api
      .units()
      .then((list) => setUnits(new Map(list.map((u) => [u.id, u]))))
      .catch(() => {});
  }, []);

  useEffect(() => {
    whenSignedOut(() => setUser(null));
    api
      .me()
      .then((u) => setUser(u))
      .catch(() => setUser(null));
  }, []);

  useEffect(() => {
    if (user) loadUnits();
  }, [user, loadUnits]);

  const session = useMemo<Session | null>(
    () =>
      user
        ? {
            user,
            asOf,
            setAsOf: (iso: string) => {
              sessionStorage.setItem(AS_OF_KEY, iso);
              setAsOfState(iso);
            },
            units,
            reloadUnits: loadUnits,
            signOut: () => {
              api.logout().finally(() => {
                setUser(null);
                navigate("/");
              });
            },
          }
        : null,
    [user, asOf, units, loadUnits, navigate],
  );

  if (user === undefined)
    return (
      <Center h="100vh">
        <Loader aria-label="Đang tải" />
      </Center>
    );
  if (!user || !session) return <Login onSignedIn={setUser} />;

  return (
    <SessionContext.Provider value={session}>
      <Layout>
        <Suspense fallback={<Loader aria-label="Đang tải" />}>
        <Switch>
          <Route path="/" component={DashboardPage} />
          <Route path="/tiep-nhan" component={InboxPage} />
          <Route path="/van-ban" component={DocumentsPage} />
          <Route path="/van-ban/:notation">{(p) => <DocumentPage notation={decodeURIComponent(p.notation)} />}</Route>
          <Route path="/nhiem-vu" component={TasksPage} />
          <Route path="/nhiem-vu/:id">{(p) => <TaskPageView id={Number(p.id)} />}</Route>
          <Route path="/don-vi/:id">{(p) => <UnitPage id={decodeURIComponent(p.id)} />}</Route>
          <Route path="/ket-qua" component={ScoreboardPage} />
          <Route path="/so-don-doc" component={LedgerPage} />
          <Route path="/nhap-so" component={ImportPage} />
          <Route path="/quan-tri/don-vi" component={AdminUnitsPage} />
          <Route path="/quan-tri/tai-khoan" component={AdminUsersPage} />
          <Route path="/thong-bao" component={NotificationsPage} />
          <Route component={NotFound} />
        </Switch>
        </Suspense>
      </Layout>
    </SessionContext.Provider>
  );
}
