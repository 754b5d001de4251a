#!/usr/bin/env bash
# Base de données d'une version publiée, pour l'essai de mise à jour (tests/upgrade.test.ts).
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres scripts/release-fixture.sh <révision git> <fichier.dump>
# Construit la révision donnée dans un arbre de travail temporaire (git worktree, mêmes node_modules), y charge le
# contenu de démonstration (consultations dans chaque état, contributions, soutiens, commentaires, signalements,
# modération) sur une base PostgreSQL neuve, puis la sauvegarde avec pg_dump (format personnalisé).
# À refaire à chaque version publiée : la version suivante doit démarrer sur cette base sans rien perdre.
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL doit désigner un serveur PostgreSQL}"
ref="${1:?révision git}"; out="$(realpath -m "${2:?fichier de sortie}")"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
db="participer_release_fixture_$$"
server="${DATABASE_URL%/*}"
cleanup() {
  psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  git -C "$root" worktree remove --force "$work" >/dev/null 2>&1 || true
}
trap cleanup EXIT
git -C "$root" worktree add --detach "$work" "$ref" >/dev/null
ln -s "$root/node_modules" "$work/node_modules"
psql "$server/postgres" -qc "CREATE DATABASE $db"
(cd "$work" && DATABASE_URL="$server/$db" PARTICIPATION_CRON=off LOG_LEVEL=warn npm run seed --silent)
pg_dump --format=custom --no-owner --no-privileges --file="$out" "$server/$db"
echo "révision $(git -C "$root" rev-parse --short "$ref") : $out ($(du -h "$out" | cut -f1))"
