// Picks a unit from the directory, searching without diacritics.
import { useMemo } from "react";
import { Select, type ComboboxItem, type OptionsFilter } from "@mantine/core";
import { useSession } from "./session";
import { fold } from "./format";

// Every word typed must appear in the name, accents or not ("noi vu son tay"
// finds "Phòng Nội vụ huyện Sơn Tây"), or the text is part of the code.
export const foldFilter: OptionsFilter = ({ options, search }) => {
  const q = fold(search.trim());
  if (!q) return options;
  const words = q.split(/\s+/);
  return (options as ComboboxItem[]).filter((o) => {
    const name = fold(o.label);
    return words.every((w) => name.includes(w)) || o.value.includes(q);
  });
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
