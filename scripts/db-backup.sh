#!/usr/bin/env bash
# Sauvegarde et restauration de la base PostgreSQL (format personnalisé de pg_dump, restaurable table par table).
#   scripts/db-backup.sh backup  <fichier.dump>        # DATABASE_URL : la base à sauvegarder
#   scripts/db-backup.sh restore <fichier.dump>        # DATABASE_URL : une base VIDE où restaurer
# Après une restauration : npm run participation:recount -- --check (compteurs exacts, code de sortie 0).
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL doit désigner la base PostgreSQL}"
action="${1:-}"; file="${2:-}"
[ -n "$file" ] || { echo "usage : $0 backup|restore <fichier.dump>" >&2; exit 2; }
case "$action" in
  backup) pg_dump --format=custom --no-owner --no-privileges --file="$file" "$DATABASE_URL" ;;
  restore) pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$DATABASE_URL" "$file" ;;
  *) echo "usage : $0 backup|restore <fichier.dump>" >&2; exit 2 ;;
esac
echo "$action : $file"
