// Who is signed in, the date the figures are computed at ("số liệu tính đến
// ngày", today unless the user picks another), and the unit directory that
// every screen names units from.
import { createContext, useContext } from "react";
import type { Unit, User } from "./api";

export interface Session {
  user: User;
  asOf: string; // yyyy-mm-dd
  setAsOf: (iso: string) => void;
  units: Map<string, Unit>;
  reloadUnits: () => void;
  signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside a signed-in screen");
  return s;
}

export function unitName(units: Map<string, Unit>, id: string | null | undefined): string {
  if (!id) return "—";
  return units.get(id)?.name ?? id;
}

export const canRegister = (u: User) => u.role === "admin" || u.role === "tracker";
export const canReview = (u: User) => u.role !== "unit_officer";
