import { Suspense, lazy, useCallback, useEffect, useMemo, useState, type ComponentType } from "react";
import { Center, Loader } from "@mantine/core";
import { Route, Switch, useLocation } from "wouter";
import { api, whenSignedOut, type Unit, type User } from "./api";
import { SessionContext, type Session } from "./session";
import { todayIso } from "./format";
import { Layout } from "./Layout";
import { loadAllStyles } from "./styles";
import { Login } from "./pages/Login";
import { DashboardPage } from "./pages/Dashboard";

// The dashboard is in the first bundle (its first paint matters); the other
// screens load when first opened, with the rest of Mantine's styles.
function screen<K extends string, M extends Record<K, ComponentType<any>>>(load: () => Promise<M>, name: K) {
  return lazy(() => Promise.all([load(), loadAllStyles()]).then(([m]) => ({ default: m[name] })));
}
const InboxPage = screen(() => import("./pages/Inbox"), "InboxPage");
const DocumentsPage = screen(() => import("./pages/Documents"), "DocumentsPage");
const DocumentPage = screen(() => import("./pages/DocumentPage"), "DocumentPage");
const TasksPage = screen(() => import("./pages/Tasks"), "TasksPage");
const TaskPageView = screen(() => import("./pages/TaskPage"), "TaskPageView");
const UnitPage = screen(() => import("./pages/UnitPage"), "UnitPage");
const ScoreboardPage = screen(() => import("./pages/Scoreboard"), "ScoreboardPage");
const LedgerPage = screen(() => import("./pages/Ledger"), "LedgerPage");
const AdminUnitsPage = screen(() => import("./pages/AdminUnits"), "AdminUnitsPage");
const AdminUsersPage = screen(() => import("./pages/AdminUsers"), "AdminUsersPage");
const ImportPage = screen(() => import("./pages/Import"), "ImportPage");
const NotificationsPage = screen(() => import("./pages/Notifications"), "NotificationsPage");
const NotFound = screen(() => import("./pages/NotFound"), "NotFound");

const AS_OF_KEY = "dondoc.asOf";

export function App() {
  // Known at once when index.html's early request has answered (main.tsx).
  const [user, setUser] = useState<User | null | undefined>(() => api.earlyMe());
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

  const knownAtStart = user !== undefined;
  useEffect(() => {
    whenSignedOut(() => setUser(null));
    if (knownAtStart) return;
    api
      .me()
      .then((u) => setUser(u))
      .catch(() => setUser(null));
  }, [knownAtStart]);

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
