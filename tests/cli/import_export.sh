#!/bin/sh
# tasks import from the command line: a dry run, an XLSX sheet by name,
# --apply, a second import that changes nothing, and export back to CSV.
#   import_export.sh DONDOC TEST_DATA
set -eu
dondoc=$1
data=$2
dir=$(mktemp -d)
work=$dir
. "$(dirname "$0")/fresh_register.sh"
trap drop_registers EXIT
db=$(fresh_register register)
"$dondoc" init --db "$db" >/dev/null
"$dondoc" units import "$data/import/units-200.csv" --db "$db" >/dev/null
if "$dondoc" tasks import "$data/import/so_theo_doi.xlsx" --sheet "Không có" --db "$db" 2>"$dir/err"; then
  echo "an unknown sheet was accepted" >&2
  exit 1
fi
grep -q "Sổ theo dõi" "$dir/err"
"$dondoc" tasks import "$data/import/so_theo_doi.xlsx" --sheet "Sổ theo dõi" --db "$db" | grep -q "3 nhiệm vụ sẽ được nhập"
"$dondoc" tasks import "$data/import/so_theo_doi.xlsx" --sheet "Sổ theo dõi" --apply --db "$db" | grep -q "3 nhiệm vụ đã nhập"
"$dondoc" tasks import "$data/import/so_theo_doi.xlsx" --sheet "Sổ theo dõi" --apply --db "$db" | grep -q "3 đã có trong sổ"
# The audit log is opened after the import (the register alone open for a
# large one on SQLite, see docs/import.md) and still records each applied one.
test "$("$dondoc" audit --db "$db" | grep -c "task.import")" -eq 2
# A large import into a register with only its units (on SQLite through a
# rollback journal): all of it in, logged, and nothing left beside the file.
big=$(fresh_register big)
"$dondoc" init --db "$big" >/dev/null
"$dondoc" units import "$data/import/units-200.csv" --db "$big" >/dev/null
"$dondoc" tasks import "$data/import/tasks-10000.csv" --apply --db "$big" | grep -q "10000 nhiệm vụ đã nhập"
"$dondoc" audit --db "$big" | grep -q "task.import"
"$dondoc" tasks import "$data/import/tasks-10000.csv" --apply --db "$big" | grep -q "10000 đã có trong sổ"
if [ -e "$big-journal" ]; then
  echo "a journal was left beside the register" >&2
  exit 1
fi
"$dondoc" tasks export --as-of 2024-07-10 --output "$dir/out.csv" --db "$db" >/dev/null
grep -q "Xây dựng kế hoạch" "$dir/out.csv"
echo ok
