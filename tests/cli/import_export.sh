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
"$dondoc" tasks export --as-of 2024-07-10 --output "$dir/out.csv" --db "$db" >/dev/null
grep -q "Xây dựng kế hoạch" "$dir/out.csv"
echo ok
