#!/bin/sh
# The enforcement ledger from the command line: an urging dispatch drafted
# and recorded, a reminder and a criticism added by hand, the acts listed
# for a district with its offices, numbered once signed, counted on the
# scorecard once per unit, logged in the audit log; and the errors, each
# naming what is wrong.
#   enforcement.sh DONDOC TEST_DATA
set -eu
dondoc=$1
data=$2
work=$(mktemp -d)
dir=$work
. "$(dirname "$0")/fresh_register.sh"
trap drop_registers EXIT
DONDOC_DB=$(fresh_register ledger)
export DONDOC_DB
"$dondoc" init --demo >/dev/null
"$dondoc" ingest --confirm "$data"/read/seeds/*.txt >/dev/null

expect_failure() {  # expect_failure PATTERN COMMAND...: fails, and says PATTERN
  pattern=$1
  shift
  if "$@" >"$dir/out" 2>"$dir/err"; then
    echo "accepted: $*" >&2
    exit 1
  fi
  grep -q -- "$pattern" "$dir/err" || { echo "no '$pattern' in:" >&2; cat "$dir/err" >&2; exit 1; }
}

# The urging dispatch, drafted and recorded in one go.
"$dondoc" draft urge --unit 530 --as-of 2024-07-01 --record --output "$dir/urge.docx" >"$dir/out"
grep -q "Đã ghi $dir/urge.docx" "$dir/out"
urge=$(sed -n 's/.*biện pháp số \([0-9]*\).*/\1/p' "$dir/out")
[ -n "$urge" ]
"$dondoc" parse "$dir/urge.docx" | grep -q "đôn đốc thực hiện các nhiệm vụ quá hạn"

"$dondoc" enforce add --kind nhac-nho --date 02/05/2024 --by 530 --unit 530-tckh \
  --number 12/UBND-VP --note "nhắc qua điện thoại" | grep -q "Đã ghi biện pháp số"
"$dondoc" enforce add --kind criticize --date 2024-08-10 --unit 530-nv --document 88/TB-UBND \
  >/dev/null

# Listed for the district (its offices included), by kind, by period.
"$dondoc" enforce list --unit 530 --period 2024 --json >"$dir/list.json"
[ "$(grep -o '"kind":' "$dir/list.json" | wc -l)" = 3 ]
[ "$("$dondoc" enforce list --unit 530 --kind review --json)" = "[]" ]
"$dondoc" enforce list --unit 530 --period 2024-Q2 --json | grep -q '"number":"12/UBND-VP"'
"$dondoc" enforce list --unit 530-tckh | grep -q "Nhắc nhở"
"$dondoc" enforce list --unit 530 | grep -q "(chưa có số)"

# Numbered once signed.
"$dondoc" enforce edit "$urge" --number 215/UBND-VP --date 2024-07-02 | grep -q "215/UBND-VP"
"$dondoc" enforce list --kind urge --json | grep -q '"number":"215/UBND-VP","date":"2024-07-02"'

# The scorecard: the district once for the urging (named, and performing its
# tasks), its finance office once for the reminder; the criticism of August
# only once counted by then.
row() {  # row UNIT < scorecard JSON: the unit's row on one line
  tr '{' '\n' | grep -A1 "\"unit\":\"$1\"" | tr -d '\n'
}
"$dondoc" scorecard --period 2024 --unit 530 --as-of 2024-07-31 --json >"$dir/card.json"
row 530 <"$dir/card.json" | grep -q '"reminder":0,"urging":1,"criticism":0,"review":0'
row 530-tckh <"$dir/card.json" | grep -q '"reminder":1,"urging":0,"criticism":0,"review":0'
if row 530-nv <"$dir/card.json" | grep -q '"criticism":1'; then exit 1; fi
"$dondoc" scorecard --period 2024 --unit 530 --as-of 2024-12-31 --json >"$dir/card.json"
row 530-nv <"$dir/card.json" | grep -q '"reminder":0,"urging":0,"criticism":1,"review":0'
"$dondoc" scorecard --period 2024 --unit 530 --as-of 2024-12-31 | grep -q "Phê bình"
"$dondoc" scorecard --period 2024 --unit 530 --as-of 2024-12-31 --output "$dir/kq.xlsx" >/dev/null
"$dondoc" audit --json | grep -q '"action":"enforcement.edit"'
[ "$("$dondoc" audit --json | grep -o '"action":"enforcement.add"' | wc -l)" = 3 ]

# Errors name what and where.
expect_failure "--kind: 'khien-trach'" "$dondoc" enforce add --kind khien-trach --date 2024-07-01 --unit 530
expect_failure "--date: '31/02/2024'" "$dondoc" enforce add --kind urge --date 31/02/2024 --unit 530
expect_failure "999-x" "$dondoc" enforce add --kind urge --date 2024-07-01 --unit 530 --unit 999-x
expect_failure "nhiệm vụ 99999" "$dondoc" enforce add --kind urge --date 2024-07-01 --task 99999
expect_failure "'abc'" "$dondoc" enforce add --kind urge --date 2024-07-01 --task abc
expect_failure "cần --kind" "$dondoc" enforce add --unit 530
expect_failure "ít nhất một đơn vị" "$dondoc" enforce add --kind urge --date 2024-07-01
expect_failure "số 9999" "$dondoc" enforce edit 9999 --number 1/X
expect_failure "--period: '2024-Q5'" "$dondoc" enforce list --period 2024-Q5
expect_failure "--number chỉ dùng với --record" "$dondoc" draft urge --unit 530 --number 1/X \
  --as-of 2024-07-01 --output "$dir/x.docx"
# Nothing was recorded by the refusals.
[ "$("$dondoc" enforce list --json | grep -o '"kind":' | wc -l)" = 3 ]
echo ok
