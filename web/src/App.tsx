import { useCallback, useEffect, useMemo, useState } from "react";
import { Center, Loader } from "@mantine/core";
import { Route, Switch, useLocation } from "wouter";
import { api, whenSignedOut, type Unit, type User } from "./api";
import { SessionContext, type Session } from "./session";
import { todayIso } from "./format";
import { Layout } from "./Layout";
import { Login } from "./pages/Login";
import { DashboardPage } from "./pages/Dashboard";
import { InboxPage } from "./pages/Inbox";
import { DocumentsPage } from "./pages/Documents";
import { DocumentPage } from "./pages/DocumentPage";
import { TasksPage } from "./pages/Tasks";
import { TaskPageView } from "./pages/TaskPage";
import { UnitPage } from "./pages/UnitPage";
import { ScoreboardPage } from "./pages/Scoreboard";
import { AdminUnitsPage } from "./pages/AdminUnits";
import { AdminUsersPage } from "./pages/AdminUsers";
import { NotFound } from "./pages/NotFound";

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
        <Switch>
          <Route path="/" component={DashboardPage} />
          <Route path="/tiep-nhan" component={InboxPage} />
          <Route path="/van-ban" component={DocumentsPage} />
          <Route path="/van-ban/:notation">{(p) => <DocumentPage notation={decodeURIComponent(p.notation)} />}</Route>
          <Route path="/nhiem-vu" component={TasksPage} />
          <Route path="/nhiem-vu/:id">{(p) => <TaskPageView id={Number(p.id)} />}</Route>
          <Route path="/don-vi/:id">{(p) => <UnitPage id={decodeURIComponent(p.id)} />}</Route>
          <Route path="/ket-qua" component={ScoreboardPage} />
          <Route path="/quan-tri/don-vi" component={AdminUnitsPage} />
          <Route path="/quan-tri/tai-khoan" component={AdminUsersPage} />
          <Route component={NotFound} />
        </Switch>
      </Layout>
    </SessionContext.Provider>
  );
}
