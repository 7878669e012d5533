# Sourced by the CLI tests: `fresh_register NAME` prints the --db value of
# a new, empty register and remembers it for `drop_registers` (call it from
# the EXIT trap). SQLite: a file in $work (the caller's temporary
# directory). With DONDOC_TEST_PG_HOST set (the socket directory of the test
# cluster, as ctest's PostgreSQL variants set it): a new database there.
fresh_register() {
  if [ -n "${DONDOC_TEST_PG_HOST:-}" ]; then
    name="dondoc_cli_$1_$$"
    PGOPTIONS='-c client_min_messages=warning' psql -q -h "$DONDOC_TEST_PG_HOST" -U "${DONDOC_TEST_PG_USER:-nobody}" -d postgres \
      -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    echo "$name" >>"$work/.databases"
    echo "postgresql://${DONDOC_TEST_PG_USER:-nobody}@/$name?host=$DONDOC_TEST_PG_HOST"
  else
    echo "$work/$1.db"
  fi
}

drop_registers() {
  if [ -n "${DONDOC_TEST_PG_HOST:-}" ] && [ -f "$work/.databases" ]; then
    while read -r name; do
      PGOPTIONS='-c client_min_messages=warning' psql -q -h "$DONDOC_TEST_PG_HOST" -U "${DONDOC_TEST_PG_USER:-nobody}" -d postgres \
        -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1 || true
    done <"$work/.databases"
  fi
  rm -rf "$work"
}
