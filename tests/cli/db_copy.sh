#!/bin/sh
# `dondoc db copy`: an office register (SQLite, with documents, tasks,
# progress, a completion report, a user and its audit lines) moved up to a
# provincial register and back down to a new file. Each copy prints every
# table's counts and checksums matching; the registers then answer alike
# (task list, scoreboard, search, audit log); a copy into a register that
# is not empty is refused. The provincial side is PostgreSQL when
# DONDOC_TEST_PG_HOST names the test cluster, another SQLite file otherwise.
#   db_copy.sh DONDOC TEST_DATA
set -eu
dondoc=$1
data=$2
work=$(mktemp -d)
. "$(dirname "$0")/fresh_register.sh"
trap drop_registers EXIT
export DONDOC_TEST_FAST_HASH=1 USER=tester
office=$work/office.db
"$dondoc" init --demo --db "$office" >/dev/null
"$dondoc" ingest --confirm --db "$office" "$data"/read/seeds/seed_00*.txt >/dev/null
"$dondoc" task progress 1 "Đã giao phòng chuyên môn" --on 2023-06-01 --percent 40 --db "$office" >/dev/null
"$dondoc" task done 2 "Đã báo cáo" --on 2023-06-05 --db "$office" >/dev/null
printf 'mat-khau-an-toan-1\n' | "$dondoc" user add hoa --role tracker --unit 51 --password-stdin \
  --db "$office" >/dev/null

province=$(fresh_register province)
"$dondoc" db copy --from "$office" --to "$province" >"$work/up"
grep -q "mọi bảng khớp" "$work/up"
if grep -q "KHÁC" "$work/up"; then cat "$work/up" >&2; exit 1; fi
grep -Eq "^tasks +[1-9][0-9]* +[1-9]" "$work/up"
grep -Eq "^audit_log +[1-9]" "$work/up"

same() {
  "$dondoc" "$@" --db "$office" >"$work/a"
  "$dondoc" "$@" --db "$province" >"$work/b"
  if ! cmp -s "$work/a" "$work/b"; then
    echo "differs: $*" >&2
    diff "$work/a" "$work/b" >&2 || true
    exit 1
  fi
}
same tasks list --as-of 2023-07-01
same scoreboard --as-of 2023-07-01
# Search results alike; their order by relevance is each engine's own.
"$dondoc" docs search "nghi quyet 53" --db "$office" | sort >"$work/a"
"$dondoc" docs search "nghi quyet 53" --db "$province" | sort >"$work/b"
cmp -s "$work/a" "$work/b"
same audit --limit 50
same task show 1 --as-of 2023-07-01
"$dondoc" docs search "nghi quyet 53" --db "$province" | grep -q "981/UBND"

# The province's register keeps working: a change there, then down to a new file.
"$dondoc" task progress 3 "Tỉnh đôn đốc" --on 2023-06-10 --db "$province" >/dev/null
back=$work/back.db
"$dondoc" db copy --from "$province" --to "$back" >"$work/down"
grep -q "mọi bảng khớp" "$work/down"
"$dondoc" task show 3 --db "$back" | grep -q "Tỉnh đôn đốc"

# A register that already holds records is never overwritten.
if "$dondoc" db copy --from "$office" --to "$province" 2>"$work/err" >/dev/null; then
  echo "a copy into a register that is not empty was accepted" >&2
  exit 1
fi
grep -q "not empty" "$work/err"
echo ok
