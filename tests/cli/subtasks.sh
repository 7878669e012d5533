#!/bin/sh
# A commune's plan carries out the district's 981/UBND: its tasks become
# sub-tasks of the one task 981/UBND gave the communes, `task show` rolls
# them up, and a link that would make a cycle is refused.
#   subtasks.sh DONDOC TEST_DATA
set -eu
dondoc=$1
data=$2
work=$(mktemp -d)
. "$(dirname "$0")/fresh_register.sh"
trap drop_registers EXIT
db=$(fresh_register register)
"$dondoc" init --demo --db "$db" >/dev/null
"$dondoc" ingest --confirm --db "$db" "$data/read/seeds/seed_000.txt" >/dev/null
"$dondoc" ingest --confirm --db "$db" "$data/register/xa_son_tan_kh_45.txt" | grep -q "triển khai nhiệm vụ 1 "
show=$("$dondoc" task show 1 --as-of 2023-07-05 --db "$db")
echo "$show" | grep -q "Nhiệm vụ con: 2 .*đang thực hiện 1, quá hạn 1"
"$dondoc" task show 1 --as-of 2023-07-05 --json --db "$db" | grep -q '"rollup":{"descendants":2'
if "$dondoc" task link 1 3 --db "$db" 2>/dev/null; then
  echo "a cycle was accepted" >&2
  exit 1
fi
# A link by hand is kept and shown.
"$dondoc" task link 2 1 --db "$db" | grep -q "nhiệm vụ con của nhiệm vụ 1"
"$dondoc" task show 2 --db "$db" | grep -q "Thuộc nhiệm vụ: 1"
echo ok
