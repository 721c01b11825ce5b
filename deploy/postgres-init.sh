#!/bin/sh
# Runs once, when the PostgreSQL volume is new. The schema's owner is POSTGRES_USER (the
# migration role). The API and the workers log in as kizo_app, a member of kizo_runtime, which
# the runtime-role migration grants only what they need. The mock bank keeps its own database.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$KIZO_APP_DB_PASSWORD" <<'SQL'
CREATE DATABASE kizo_bank OWNER kizo;
CREATE ROLE kizo_runtime NOLOGIN;
CREATE ROLE kizo_app LOGIN PASSWORD :'app_password' IN ROLE kizo_runtime;
SQL
