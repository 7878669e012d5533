#!/bin/sh
# dondoc remind and the reminder scheduler of dondoc serve against a real
# SMTP server (Debian's aiosmtpd, delivering into a Maildir): each reminder
# is mailed once whatever is run again; a server that is down makes the run
# fail (exit code 7) and the next run delivers; serve reminds at start and
# stops cleanly on SIGTERM. Then the period's follow-up (issue 8): the late
# unit is urged by a dispatch drafted and recorded in the ledger, and the
# scorecard of the year counts both the overdue task and the urging.
#   reminders.sh DONDOC ROOT
set -eu
dondoc=$1
root=$2
work=$(mktemp -d)
smtp_pid=""
serve_pid=""
. "$(dirname "$0")/fresh_register.sh"
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null || true
  [ -n "$smtp_pid" ] && kill "$smtp_pid" 2>/dev/null || true
  drop_registers
}
trap cleanup EXIT
DONDOC_DB=$(fresh_register remind)
export DONDOC_DB DONDOC_TEST_FAST_HASH=1 USER=tester
unset DONDOC_SMTP DONDOC_MAIL_FROM DONDOC_BASE_URL 2>/dev/null || true
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
maildir="$work/maildir"
start_smtp() {
  /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$maildir" &
  smtp_pid=$!
  for _ in $(seq 100); do
    /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "aiosmtpd did not start"; exit 1
}
mails() { find "$maildir/new" -type f 2>/dev/null | wc -l; }
smtp="smtp://127.0.0.1:$port"
from="dondoc@ubnd.quangngai.gov.vn"

"$dondoc" init --demo --units-dir "$root/data/quang-ngai" >/dev/null
"$dondoc" ingest --confirm "$root/tests/data/read/seeds/seed_004.txt" >/dev/null
# The plan's lead (Sở Kế hoạch và Đầu tư), with an address; one without.
"$dondoc" user add kh --role unit_officer --unit 51-so-ke-hoach-va-dau-tu --email kh@skhdt.quangngai.gov.vn >/dev/null
"$dondoc" user add tc --role unit_officer --unit 51-so-tai-chinh >/dev/null
"$dondoc" user email tc tc@stc.quangngai.gov.vn | grep -q "tc@stc.quangngai.gov.vn"
if "$dondoc" user email tc "khong phai dia chi" 2>/dev/null; then exit 1; fi
"$dondoc" user list --json | grep -q '"email":"kh@skhdt.quangngai.gov.vn"'

# A dry run records nothing; without --smtp the notices are in the app only.
"$dondoc" remind --as-of 2020-12-22 --dry-run --json | grep -q '"recorded":0'
if "$dondoc" remind --smtp "$smtp" 2>/dev/null; then exit 1; fi  # no --mail-from
if "$dondoc" remind --smtp "http://x" --mail-from "$from" 2>/dev/null; then exit 1; fi

# The SMTP server is down: the run fails with exit code 7 and says so.
status=0
"$dondoc" remind --as-of 2020-12-16 --smtp "$smtp" --mail-from "$from" >"$work/down" 2>&1 || status=$?
[ "$status" -eq 7 ] || { echo "expected exit 7, got $status"; cat "$work/down"; exit 1; }
grep -q "Lỗi gửi thư tới kh@skhdt.quangngai.gov.vn" "$work/down"

start_smtp
# The next run (even of another day) delivers what failed.
DONDOC_SMTP=$smtp DONDOC_MAIL_FROM=$from "$dondoc" remind --as-of 2020-12-17 >"$work/up"
grep -q "Đã gửi thư tới kh@skhdt.quangngai.gov.vn" "$work/up"
[ "$(mails)" -eq 2 ] || { echo "expected 2 mails, got $(mails)"; exit 1; }
# Day by day: each new milestone once; the same day again mails nothing.
for day in 2020-12-18 2020-12-21 2020-12-21 2020-12-22 2020-12-22 2020-12-23; do
  "$dondoc" remind --as-of "$day" --smtp "$smtp" --mail-from "$from" --json >"$work/run.json"
done
# kh: 16/12 due soon, 21/12 due today, 22/12 overdue + plan due soon; tc: the first three.
[ "$(mails)" -eq 6 ] || { echo "expected 6 mails, got $(mails)"; exit 1; }
grep -q '"failed":0' "$work/run.json"
grep -l "X-RcptTo: kh@skhdt.quangngai.gov.vn" "$maildir"/new/* | wc -l | grep -qx 3
grep -q "^Subject: =?UTF-8?B?" "$maildir"/new/*
grep -q "^Message-ID: <.*@ubnd.quangngai.gov.vn>" "$maildir"/new/*

# The server reminds at start (on its own thread) and stops on SIGTERM. Its
# date is today: the plan is overdue since 28/12/2020, a milestone not
# noticed yet: one more mail, to kh. Restarted, it mails nothing.
serve_once() {
  "$dondoc" serve --listen 127.0.0.1:0 --no-web --smtp "$smtp" --mail-from "$from" --remind-at 06:30 \
    --db-memory 16 >"$work/serve.out" 2>&1 &
  serve_pid=$!
  for _ in $(seq 100); do
    grep -q "^Nhắc hạn [0-9]" "$work/serve.out" && break
    sleep 0.1
  done
  grep -q "mỗi ngày lúc 06:30" "$work/serve.out" || { cat "$work/serve.out"; exit 1; }
  grep -q "^Nhắc hạn .*, 0 thư lỗi" "$work/serve.out" || { cat "$work/serve.out"; exit 1; }
  kill -TERM "$serve_pid"
  wait "$serve_pid"
  serve_pid=""
  grep -q "Máy chủ đã dừng" "$work/serve.out"
}
serve_once
grep -q "1 thư đã gửi" "$work/serve.out" || { cat "$work/serve.out"; exit 1; }
[ "$(mails)" -eq 7 ] || { echo "expected 7 mails, got $(mails)"; exit 1; }
serve_once
grep -q "0 thông báo mới" "$work/serve.out" || { cat "$work/serve.out"; exit 1; }
[ "$(mails)" -eq 7 ] || { echo "the restarted server mailed again: $(mails)"; exit 1; }
if "$dondoc" serve --listen 127.0.0.1:0 --no-web --remind-at 25:00 2>/dev/null; then exit 1; fi
# The register's page caches: at least 8 MiB.
if "$dondoc" serve --listen 127.0.0.1:0 --no-web --db-memory 4 2>"$work/serve.err"; then exit 1; fi
grep -q -- "--db-memory" "$work/serve.err"

# The deadlines have passed: the tracking office urges the late unit. The
# draft lists its overdue task, is recorded as an urging act, and the
# year's scorecard counts the overdue task and the urging for that unit.
kh=51-so-ke-hoach-va-dau-tu
"$dondoc" scoreboard --as-of 2020-12-29 --json | tr '{' '\n' | grep "\"unit\":\"$kh\"" | grep -q '"overdue":[1-9]'
"$dondoc" draft urge --unit "$kh" --as-of 2020-12-29 --record --output "$work/urge.docx" >"$work/urge.out"
grep -q "biện pháp số [0-9]" "$work/urge.out" || { cat "$work/urge.out"; exit 1; }
"$dondoc" parse "$work/urge.docx" >"$work/urge.txt"
grep -q "đôn đốc" "$work/urge.txt"
grep -q "Sở Kế hoạch và Đầu tư" "$work/urge.txt"
"$dondoc" scorecard --period 2020 --unit "$kh" --as-of 2020-12-31 --json >"$work/card.json"
tr '{' '\n' <"$work/card.json" | grep -A1 "\"unit\":\"$kh\"" | tr -d '\n' >"$work/row"
grep -q '"overdue":[1-9]' "$work/row" || { cat "$work/card.json"; exit 1; }
grep -q '"reminder":0,"urging":1,"criticism":0,"review":0' "$work/row" || { cat "$work/card.json"; exit 1; }
# Reminding again after the urging mails nothing new for the same milestones.
"$dondoc" remind --as-of 2020-12-29 --smtp "$smtp" --mail-from "$from" --json | grep -q '"failed":0'
[ "$(mails)" -eq 7 ] || { echo "a reminder was mailed twice: $(mails)"; exit 1; }
echo "reminders: ok"
