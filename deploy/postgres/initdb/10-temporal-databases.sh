#!/bin/bash
# Creates Temporal's role and its two databases next to the Waymark application database.
#
# The postgres image runs /docker-entrypoint-initdb.d/* only when the data directory is empty, i.e. on the
# first start of the postgres-data volume. If that volume predates this script, run the statements below
# by hand (or `docker compose down -v` to start from scratch); the temporal-admin-tools job fails loudly
# with "database does not exist" otherwise.
#
# Temporal gets its own non-superuser role so that it cannot read or alter the application's data, and the
# application's role has no business in Temporal's tables either. Schemas are NOT created here: the
# temporal-admin-tools job installs and upgrades them with temporal-sql-tool, which tracks schema versions.
set -e

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v temporal_user="$TEMPORAL_DB_USER" -v temporal_password="$TEMPORAL_DB_PASSWORD" <<-'EOSQL'
	CREATE ROLE :"temporal_user" LOGIN PASSWORD :'temporal_password';
	CREATE DATABASE temporal OWNER :"temporal_user";
	CREATE DATABASE temporal_visibility OWNER :"temporal_user";
	-- The visibility schema (v1.2+) needs btree_gin. The owner could create it too (trusted extension since
	-- PostgreSQL 13), but creating it here as superuser means the schema job never depends on that.
	\connect temporal_visibility
	CREATE EXTENSION IF NOT EXISTS btree_gin;
EOSQL
