#!/bin/sh
# Run by the temporal-schema and temporal-setup services (temporalio/admin-tools, the same
# version as the server). Fails loudly: any step that fails stops the script with its error,
# and the services that depend on it do not start.
set -eu

schema() {
  # The Temporal databases and their schema, created or brought up to this version.
  export SQL_PLUGIN=postgres12 SQL_HOST=postgres SQL_PORT=5432 SQL_USER="$POSTGRES_USER" SQL_PASSWORD="$POSTGRES_PWD"
  for db in temporal temporal_visibility; do
    dir=/etc/temporal/schema/postgresql/v12/temporal/versioned
    [ "$db" = temporal_visibility ] && dir=/etc/temporal/schema/postgresql/v12/visibility/versioned
    temporal-sql-tool --db "$db" create-database 2>/dev/null || echo "database $db exists"
    temporal-sql-tool --db "$db" setup-schema -v 0.0 2>/dev/null || echo "schema of $db exists"
    temporal-sql-tool --db "$db" update-schema -d "$dir"
  done
}

search_attributes() {
  # Kizo's custom search attributes (temporal/search-attributes.ts); one that exists is fine.
  until temporal operator cluster health --address "$TEMPORAL_ADDRESS"; do sleep 2; done
  temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace default >/dev/null 2>&1 \
    || temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace default --retention 30d
  for pair in KizoStatus:Keyword KizoKind:Keyword KizoAmountMinor:Int KizoUserId:Keyword KizoCurrency:Keyword; do
    name=${pair%%:*}
    type=${pair##*:}
    if ! output=$(temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace default --name "$name" --type "$type" 2>&1); then
      case "$output" in *"already exists"*) echo "search attribute $name exists" ;; *) echo "$output" >&2; exit 1 ;; esac
    fi
  done
  temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace default | grep -q KizoStatus
}

"$@"
