#!/bin/sh
# Installs or upgrades Temporal's PostgreSQL schemas to the version shipped in this admin-tools image.
#
# Run by the one-shot temporal-admin-tools service before the server starts, the way Temporal's own compose
# files do now that temporalio/auto-setup is deprecated. Safe to run on every `docker compose up`:
# setup-schema only writes the initial version when none is recorded, and update-schema applies only the
# versioned migrations newer than the recorded one. The databases themselves are created by
# deploy/postgres/initdb, so this job needs no CREATEDB privilege.
#
# Connection settings come from the SQL_PLUGIN, SQL_HOST, SQL_PORT, SQL_USER and SQL_PASSWORD environment
# variables, which temporal-sql-tool reads natively (keeps the password off the command line).
set -eu

schema_root=/etc/temporal/schema/postgresql/v12

for db in temporal temporal_visibility; do
  if [ "$db" = temporal ]; then dir=temporal; else dir=visibility; fi
  echo "Setting up schema for database '$db'"
  temporal-sql-tool --db "$db" setup-schema -v 0.0
  temporal-sql-tool --db "$db" update-schema -d "$schema_root/$dir/versioned"
done

echo 'Temporal schema is up to date'
