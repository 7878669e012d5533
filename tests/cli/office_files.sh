#!/bin/sh
# The office files from the command line: the register exported to XLSX
# imported into a fresh register (same tasks), a unit's list and the
# scorecard as XLSX, the three drafts as DOCX read back by `dondoc parse`.
#   office_files.sh DONDOC TEST_DATA
set -eu
dondoc=$1
data=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export DONDOC_DB="$dir/register.db"
"$dondoc" init --demo >/dev/null
"$dondoc" ingest --confirm "$data"/read/seeds/*.txt >/dev/null
"$dondoc" tasks import "$data/office/son-tay-2024.csv" --apply --source son-tay >/dev/null

"$dondoc" tasks export --as-of 2024-07-01 --output "$dir/so.xlsx" | grep -q "Đã ghi"
"$dondoc" tasks export --as-of 2024-07-01 --output "$dir/so.csv" >/dev/null
DONDOC_DB="$dir/other.db" "$dondoc" init --demo >/dev/null
DONDOC_DB="$dir/other.db" "$dondoc" tasks import "$dir/so.xlsx" --apply | grep -q "23 nhiệm vụ đã nhập"
DONDOC_DB="$dir/other.db" "$dondoc" tasks export --as-of 2024-07-01 --output "$dir/back.csv" >/dev/null
# The same rows came back except the keys and document notations: the seeds'
# tasks were the register's own, now keyed by their ids from the first register.
[ "$(wc -l <"$dir/so.csv")" = "$(wc -l <"$dir/back.csv")" ]
for n in "Hoàn thành" "Đang thực hiện" "Quá hạn chưa hoàn thành"; do
  [ "$(grep -c "$n" "$dir/so.csv")" = "$(grep -c "$n" "$dir/back.csv")" ]
done

"$dondoc" tasks list --unit 530-tckh --as-of 2024-07-01 --output "$dir/tckh.xlsx" >/dev/null
"$dondoc" scorecard --period 2024-H1 --unit 530 --as-of 2024-07-01 --output "$dir/kq.xlsx" >/dev/null
"$dondoc" scorecard --period 2024-H1 --unit 530 --as-of 2024-07-01 --json | grep -q '"overdue":5'
if "$dondoc" scorecard --period 2024-Q5 2>/dev/null; then echo "a bad period was accepted" >&2; exit 1; fi

"$dondoc" draft urge --unit 530-nv --unit 530-tckh --as-of 2024-07-01 --output "$dir/urge.docx" >/dev/null
"$dondoc" parse "$dir/urge.docx" | grep -q "đôn đốc thực hiện các nhiệm vụ quá hạn"
"$dondoc" draft implement 6321/UBND-TH --as 530 --on 2020-12-20 --output "$dir/impl.docx" >/dev/null
"$dondoc" parse --json "$dir/impl.docx" | grep -q '"notation":"6321/UBND-TH"'
"$dondoc" draft report --period 2024-H1 --unit 530 --as-of 2024-07-01 --output "$dir/bc.docx" >/dev/null
"$dondoc" parse "$dir/bc.docx" | grep -q "BÁO CÁO\|Báo cáo"
if "$dondoc" draft urge --unit 530-nv --as-of 2020-01-01 --output "$dir/none.docx" 2>/dev/null; then
  echo "an urging letter with nothing overdue was written" >&2
  exit 1
fi
echo ok
