// Picks a unit from the directory, searching without diacritics.
import { useMemo } from "react";
import { Select, type ComboboxItem, type OptionsFilter } from "@mantine/core";
import { useSession } from "./session";
import { fold } from "./format";

export const foldFilter: OptionsFilter = ({ options, search }) => {
  const q = fold(search.trim());
  if (!q) return options;
  return (options as ComboboxItem[]).filter((o) => fold(o.label).includes(q) || o.value.includes(q));
};

export function UnitSelect({
  label,
  value,
  onChange,
  w,
  placeholder = "Tất cả đơn vị trong phạm vi",
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  w?: number | string;
  placeholder?: string;
}) {
  const { units } = useSession();
  const data = useMemo(
    () => Array.from(units.values()).map((u) => ({ value: u.id, label: u.name })),
    [units],
  );
  return (
    <Select
      label={label}
      placeholder={placeholder}
      data={data}
      value={value || null}
      onChange={(v) => onChange(v ?? "")}
      searchable
      clearable
      filter={foldFilter}
      limit={50}
      w={w}
      nothingFoundMessage="Không tìm thấy đơn vị"
    />
  );
}
