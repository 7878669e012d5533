#!/bin/sh
# dondoc user … and dondoc audit on a fresh register: accounts are created,
# changed and listed, bad input is refused, and every change (register and
# accounts) is in the audit log.
set -eu
dondoc=$1
root=$2
work=$(mktemp -d)
. "$(dirname "$0")/fresh_register.sh"
trap drop_registers EXIT
DONDOC_DB=$(fresh_register t)
export DONDOC_DB DONDOC_TEST_FAST_HASH=1 USER=tester
"$dondoc" init --demo --units-dir "$root/data/quang-ngai" >/dev/null
"$dondoc" ingest --confirm "$root/tests/data/read/seeds/seed_000.txt" >/dev/null
"$dondoc" task progress 2 "Đang làm" --on 2024-06-01 >/dev/null
echo "mat-khau-123" | "$dondoc" user add hoa --role unit_officer --unit 530-tckh --password-stdin >/dev/null
"$dondoc" user add lan --role leader --unit 530 --expires 2030-12-31 | grep -q "với mật khẩu"
"$dondoc" user disable hoa >/dev/null
"$dondoc" user list --json | grep -q '"disabled":true,"display_name":"hoa"'
"$dondoc" user token hoa --name "script" | grep -q '^ddt_'
if "$dondoc" user add bad --role boss --unit 51 2>/dev/null; then exit 1; fi
if echo "short" | "$dondoc" user add bad --role leader --unit 51 --password-stdin 2>/dev/null; then exit 1; fi
if echo "mat-khau-123" | "$dondoc" user add hoa --role leader --unit 51 --password-stdin 2>/dev/null; then exit 1; fi
audit=$("$dondoc" audit --json)
for action in unit.import document.ingest task.progress user.add user.change token.create; do
  echo "$audit" | grep -q "\"action\":\"$action\"" || { echo "missing $action"; exit 1; }
done
echo "$audit" | grep -q '"actor":"cli:tester"'
if echo "$audit" | grep -q argon2; then exit 1; fi
"$dondoc" audit | grep -q "task.progress"
